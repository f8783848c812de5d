/**
 * Golden bytes: with a seeded Random port and RFC 6979 deterministic ECDSA (and deterministic
 * Ed25519), makeCredential and getAssertion must produce these exact bytes. The fixture was written
 * by this implementation (`GOLDEN_UPDATE=1 npx vitest run src/authenticator/golden.test.ts`) after
 * its output passed @simplewebauthn/server and fido2-lib (src/client/ceremony.test.ts); a change
 * here means the wire format changed, which must be deliberate.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex, utf8 } from '../shared/bytes.ts';
import { decodeCbor } from './cbor.ts';
import { getAssertion } from './get-assertion.ts';
import { makeCredential } from './make-credential.ts';
import { fakePorts } from './testing/fakes.ts';

const FIXTURE = new URL('../../test/fixtures/golden-authenticator.json', import.meta.url);
const clientDataHash = fromHex(`${'00'.repeat(31)}01`);

async function produce() {
  const ports = fakePorts();
  const out: Record<string, string> = {};
  for (const [name, alg, attestation] of [
    ['es256-none', -7, 'none'],
    ['es256-packed', -7, 'packed'],
    ['ed25519-packed', -8, 'packed'],
  ] as const) {
    const made = await makeCredential(
      {
        clientDataHash,
        rp: { id: 'example.com', name: 'Example' },
        user: { id: utf8('user-1'), name: 'alice', displayName: 'Alice' },
        pubKeyCredParams: [alg],
        excludeList: [],
        rk: true,
        uv: 'discouraged',
        attestation,
      },
      ports,
    );
    out[`${name}.credentialId`] = toHex(made.credentialId);
    out[`${name}.attestationObject`] = toHex(made.attestationObject);
    out[`${name}.spki`] = toHex(made.publicKeySpki);
    const assertion = await getAssertion(
      {
        rpId: 'example.com',
        clientDataHash,
        allowList: [made.credentialId],
        uv: 'discouraged',
      },
      ports,
    );
    out[`${name}.assertion.authenticatorData`] = toHex(assertion.authenticatorData);
    out[`${name}.assertion.signature`] = toHex(assertion.signature);
  }
  return out;
}

describe('golden authenticator bytes', () => {
  it('matches the recorded bytes exactly', async () => {
    const produced = await produce();
    if (process.env.GOLDEN_UPDATE === '1' || !existsSync(FIXTURE)) {
      writeFileSync(
        FIXTURE,
        `${JSON.stringify({ source: 'src/authenticator/golden.test.ts (seeded Random, see file header)', ...produced }, null, 2)}\n`,
      );
    }
    const { source: _, ...expected } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, string>;
    expect(produced).toEqual(expected);
  });

  it('decodes to the structure WebAuthn §6.5.4 defines, in canonical key order', async () => {
    const produced = await produce();
    const obj = decodeCbor(fromHex(produced['es256-packed.attestationObject']!)) as Map<string, unknown>;
    expect([...obj.keys()]).toEqual(['fmt', 'attStmt', 'authData']);
    const stmt = obj.get('attStmt') as Map<string, unknown>;
    expect([...stmt.keys()]).toEqual(['alg', 'sig']);
    expect(stmt.get('alg')).toBe(-7);
    // The packed self-attestation signature verifies with the credential key over authData ‖ hash.
    const spki = fromHex(produced['es256-packed.spki']!);
    const publicKey = spki.slice(spki.length - 65);
    const message = concat(obj.get('authData') as Uint8Array, clientDataHash);
    expect(p256.verify(stmt.get('sig') as Uint8Array, message, publicKey, { format: 'der' })).toBe(true);
  });

  it('writes the signature counter as 1 for the first assertion and sets only UP', async () => {
    const produced = await produce();
    const authData = fromHex(produced['es256-none.assertion.authenticatorData']!);
    expect(authData.length).toBe(37);
    expect(authData[32]).toBe(0x01);
    expect(toHex(authData.slice(33))).toBe('00000001');
  });
});
