/**
 * A test certificate authority made on the developer's machine for a workbench profile: a root CA
 * and an attestation certificate it issues, for `packed` full attestation (WebAuthn L3 §8.2.1: OU
 * "Authenticator Attestation", C, O, CN, basic constraints CA false, the AAGUID extension) and
 * `fido-u2f` (§8.6: a P-256 certificate). The relying party trusts the root (its PEM is shown in
 * the workbench). The root's private key signs once and is dropped: nothing can issue more.
 * X.509 v3 as RFC 5280 §4.1 lays it out, written with the CXF module's small DER writer.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { generateKeyPair, KEY_SEED_LENGTH, sign } from '../authenticator/keys.ts';
import type { Random } from '../authenticator/ports.ts';
import { TAG, writeDer } from '../backup/cxf/der.ts';
import { OID_EC_PUBLIC_KEY, OID_P256 } from '../backup/cxf/oids.ts';
import { fromHex, utf8 } from '../shared/bytes.ts';
import { toBase64 } from './base64.ts';

export interface TestCa {
  /** The root CA certificate (DER): the trust anchor a relying party configures. */
  root: Uint8Array;
  /** The attestation certificate (DER), issued by the root: x5c[0]. */
  leaf: Uint8Array;
  /** The attestation certificate's P-256 private key (raw scalar). */
  leafKey: Uint8Array;
}

const BOOLEAN = 0x01;
const UTF8_STRING = 0x0c;
const PRINTABLE_STRING = 0x13;
const UTC_TIME = 0x17;
const GENERALIZED_TIME = 0x18;
/** [0] and [3] EXPLICIT, constructed (RFC 5280 §4.1: version, extensions). */
const EXPLICIT_0 = 0xa0;
const EXPLICIT_3 = 0xa3;
/** [0] IMPLICIT, primitive: AuthorityKeyIdentifier keyIdentifier (RFC 5280 §4.2.1.1). */
const IMPLICIT_0 = 0x80;

const oid = (hex: string) => writeDer(TAG.OID, fromHex(hex));
/** ecdsa-with-SHA256, 1.2.840.10045.4.3.2 (RFC 5758 §3.2: parameters absent). */
const ECDSA_SHA256 = writeDer(TAG.SEQUENCE, oid('2a8648ce3d040302'));
const ATTRIBUTE = {
  C: '550406',
  O: '55040a',
  OU: '55040b',
  CN: '550403',
} as const;
const EXTENSION = {
  subjectKeyIdentifier: '551d0e',
  keyUsage: '551d0f',
  basicConstraints: '551d13',
  authorityKeyIdentifier: '551d23',
  /** id-fido-gen-ce-aaguid, 1.3.6.1.4.1.45724.1.1.4 (WebAuthn L3 §8.2.1). */
  fidoAaguid: '2b0601040182e51c010104',
} as const;
const TRUE = writeDer(BOOLEAN, Uint8Array.of(0xff));
const TEN_YEARS_MS = 10 * 365.25 * 24 * 3600 * 1000;
/** Not before an hour ago: a relying party's clock a little behind still takes it. */
const SKEW_MS = 3600 * 1000;

type Name = readonly [keyof typeof ATTRIBUTE, string][];

function name(parts: Name): Uint8Array {
  return writeDer(
    TAG.SEQUENCE,
    ...parts.map(([type, value]) =>
      // RelativeDistinguishedName: a SET (0x31) of one AttributeTypeAndValue. C is a PrintableString.
      writeDer(
        0x31,
        writeDer(
          TAG.SEQUENCE,
          oid(ATTRIBUTE[type]),
          writeDer(type === 'C' ? PRINTABLE_STRING : UTF8_STRING, utf8(value)),
        ),
      ),
    ),
  );
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
function time(ms: number): Uint8Array {
  const iso = new Date(ms).toISOString();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const year = Number(iso.slice(0, 4));
  return year < 2050
    ? writeDer(UTC_TIME, utf8(`${digits.slice(2)}Z`))
    : writeDer(GENERALIZED_TIME, utf8(`${digits}Z`));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return writeDer(TAG.SEQUENCE, oid(id), ...(critical ? [TRUE] : []), writeDer(TAG.OCTET_STRING, value));
}

function spki(publicKey: Uint8Array): Uint8Array {
  return writeDer(
    TAG.SEQUENCE,
    writeDer(TAG.SEQUENCE, writeDer(TAG.OID, OID_EC_PUBLIC_KEY), writeDer(TAG.OID, OID_P256)),
    writeDer(TAG.BIT_STRING, Uint8Array.of(0), publicKey),
  );
}

/** A key identifier: the first 20 bytes of SHA-256 of the public key (RFC 7093 §2 method 1). */
const keyId = (publicKey: Uint8Array) => sha256(publicKey).slice(0, 20);

interface CertificateInput {
  serial: Uint8Array;
  issuer: Name;
  subject: Name;
  notBefore: number;
  notAfter: number;
  publicKey: Uint8Array;
  issuerPublicKey: Uint8Array;
  issuerKey: Uint8Array;
  ca: boolean;
  aaguid?: Uint8Array;
}

function certificate(input: CertificateInput): Uint8Array {
  const extensions = [
    // RFC 5280 §4.2.1.9: a CA says so; an attestation certificate must say it is not (§8.2.1).
    extension(EXTENSION.basicConstraints, true, writeDer(TAG.SEQUENCE, ...(input.ca ? [TRUE] : []))),
    // §4.2.1.3: keyCertSign and cRLSign for the CA (bits 5, 6), digitalSignature (bit 0) for the leaf.
    extension(
      EXTENSION.keyUsage,
      true,
      writeDer(TAG.BIT_STRING, ...(input.ca ? [Uint8Array.of(1, 0x06)] : [Uint8Array.of(7, 0x80)])),
    ),
    extension(EXTENSION.subjectKeyIdentifier, false, writeDer(TAG.OCTET_STRING, keyId(input.publicKey))),
    extension(
      EXTENSION.authorityKeyIdentifier,
      false,
      writeDer(TAG.SEQUENCE, writeDer(IMPLICIT_0, keyId(input.issuerPublicKey))),
    ),
  ];
  // §8.2.1: the AAGUID as an OCTET STRING inside the extension's OCTET STRING, never critical.
  if (input.aaguid) {
    extensions.push(extension(EXTENSION.fidoAaguid, false, writeDer(TAG.OCTET_STRING, input.aaguid)));
  }
  const tbs = writeDer(
    TAG.SEQUENCE,
    writeDer(EXPLICIT_0, writeDer(TAG.INTEGER, Uint8Array.of(2))),
    writeDer(TAG.INTEGER, input.serial),
    ECDSA_SHA256,
    name(input.issuer),
    writeDer(TAG.SEQUENCE, time(input.notBefore), time(input.notAfter)),
    name(input.subject),
    spki(input.publicKey),
    writeDer(EXPLICIT_3, writeDer(TAG.SEQUENCE, ...extensions)),
  );
  // ECDSA P-256 over SHA-256(tbs), DER (RFC 5758 §3.2); BIT STRING with no unused bits.
  const signature = sign(-7, input.issuerKey, tbs);
  return writeDer(TAG.SEQUENCE, tbs, ECDSA_SHA256, writeDer(TAG.BIT_STRING, Uint8Array.of(0), signature));
}

/** A positive 16-byte serial number (RFC 5280 §4.1.2.2: at most 20 bytes, positive). */
function serial(random: Random): Uint8Array {
  const bytes = random.bytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes;
}

/**
 * A root CA and an attestation certificate it issued, valid from an hour before `now` for ten years.
 * `aaguid` (16 bytes) goes into the attestation certificate's id-fido-gen-ce-aaguid extension.
 */
export function makeTestCa(options: {
  random: Random;
  now: number;
  aaguid?: Uint8Array;
  label: string;
}): TestCa {
  const { random, now } = options;
  const root = generateKeyPair(-7, random.bytes(KEY_SEED_LENGTH));
  const leaf = generateKeyPair(-7, random.bytes(KEY_SEED_LENGTH));
  const rootName: Name = [
    ['C', 'ZZ'],
    ['O', 'Tapkey test CA'],
    ['CN', `Tapkey test root (${options.label})`.slice(0, 64)],
  ];
  const validity = { notBefore: now - SKEW_MS, notAfter: now + TEN_YEARS_MS };
  const rootCertificate = certificate({
    serial: serial(random),
    issuer: rootName,
    subject: rootName,
    ...validity,
    publicKey: root.publicKey,
    issuerPublicKey: root.publicKey,
    issuerKey: root.privateKey,
    ca: true,
  });
  const leafCertificate = certificate({
    serial: serial(random),
    issuer: rootName,
    subject: [
      ['C', 'ZZ'],
      ['O', 'Tapkey test authenticator'],
      ['OU', 'Authenticator Attestation'],
      ['CN', `Tapkey test attestation (${options.label})`.slice(0, 64)],
    ],
    ...validity,
    publicKey: leaf.publicKey,
    issuerPublicKey: root.publicKey,
    issuerKey: root.privateKey,
    ca: false,
    ...(options.aaguid ? { aaguid: options.aaguid } : {}),
  });
  return { root: rootCertificate, leaf: leafCertificate, leafKey: leaf.privateKey };
}

/** A certificate as PEM (RFC 7468 §5), for the relying party's list of trust anchors. */
export function certificatePem(der: Uint8Array): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
