/**
 * COSE_Key encoding of credential public keys (RFC 9053 §7.1 EC2, RFC 8037 §2 OKP, RFC 8230 §4 RSA;
 * WebAuthn L3 §6.5.1.1).
 */
import { canonicalMap, encodeCbor } from './cbor.ts';
import type { SupportedAlg } from './keys.ts';
import { rsaPublicParts } from './rsa.ts';
import { COSE_ALG } from './types.ts';

const KTY = 1;
const ALG = 3;
const CRV = -1;
const X = -2;
const Y = -3;
const KTY_OKP = 1;
const KTY_EC2 = 2;
const KTY_RSA = 3;
/** RFC 8230 §4: the RSA key's modulus n and public exponent e. */
const RSA_N = -1;
const RSA_E = -2;
const CRV_P256 = 1;
const CRV_ED25519 = 6;

/** Keys in CTAP2 canonical order: 1, 3, -1, -2, -3. */
export function coseKey(alg: SupportedAlg, publicKey: Uint8Array): Uint8Array {
  if (alg === COSE_ALG.RS256) {
    const { n, e } = rsaPublicParts(publicKey);
    return encodeCbor(
      canonicalMap([
        [KTY, KTY_RSA],
        [ALG, alg],
        [RSA_N, n],
        [RSA_E, e],
      ]),
    );
  }
  if (alg === COSE_ALG.ES256) {
    if (publicKey.length !== 65 || publicKey[0] !== 0x04)
      throw new Error('ES256 key must be an uncompressed point');
    return encodeCbor(
      canonicalMap([
        [KTY, KTY_EC2],
        [ALG, alg],
        [CRV, CRV_P256],
        [X, publicKey.slice(1, 33)],
        [Y, publicKey.slice(33, 65)],
      ]),
    );
  }
  return encodeCbor(
    canonicalMap([
      [KTY, KTY_OKP],
      [ALG, alg],
      [CRV, CRV_ED25519],
      [X, publicKey],
    ]),
  );
}
