/**
 * Golden bytes: makeCredential and getAssertion must produce exactly the bytes in the fixture. The
 * test only reads it: a missing fixture fails here, and `npm run golden:update`
 * (scripts/regenerate-golden.ts) rewrites it after a deliberate change of the wire format, whose diff
 * is reviewed like code. The bytes passed @simplewebauthn/server and fido2-lib (ceremony.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../shared/bytes.ts';
import { decodeCbor } from './cbor.ts';
import { GOLDEN_FIXTURE, GOLDEN_SOURCE, goldenClientDataHash, produceGolden } from './testing/golden.ts';

const FIXTURE = join(import.meta.dirname, '../..', GOLDEN_FIXTURE);

describe('golden authenticator bytes', () => {
  it('matches the recorded bytes exactly', async () => {
    const { source, ...expected } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, string>;
    expect(source).toBe(GOLDEN_SOURCE);
    expect(Object.keys(expected)).toHaveLength(15);
    expect(await produceGolden()).toEqual(expected);
  });

  it('decodes to the structure WebAuthn §6.5.4 defines, in canonical key order', async () => {
    const produced = await produceGolden();
    const obj = decodeCbor(fromHex(produced['es256-packed.attestationObject']!)) as Map<string, unknown>;
    expect([...obj.keys()]).toEqual(['fmt', 'attStmt', 'authData']);
    const stmt = obj.get('attStmt') as Map<string, unknown>;
    expect([...stmt.keys()]).toEqual(['alg', 'sig']);
    expect(stmt.get('alg')).toBe(-7);
    // The packed self-attestation signature verifies with the credential key over authData ‖ hash.
    const spki = fromHex(produced['es256-packed.spki']!);
    const publicKey = spki.slice(spki.length - 65);
    const message = concat(obj.get('authData') as Uint8Array, goldenClientDataHash);
    expect(p256.verify(stmt.get('sig') as Uint8Array, message, publicKey, { format: 'der' })).toBe(true);
  });

  it('writes the signature counter as 1 for the first assertion and sets only UP', async () => {
    const produced = await produceGolden();
    const authData = fromHex(produced['es256-none.assertion.authenticatorData']!);
    expect(authData.length).toBe(37);
    expect(authData[32]).toBe(0x01);
    expect(toHex(authData.slice(33))).toBe('00000001');
  });
});
