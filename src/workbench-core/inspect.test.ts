/**
 * The inspector against real ceremonies (the pure authenticator and client, fake ports) and an
 * independent verifier (node:crypto): the JWK it derives verifies the signatures, as DER and as r‖s.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../authenticator/create-authenticator.ts';
import { fakePorts } from '../authenticator/testing/fakes.ts';
import { createCredential, getCredential } from '../client/ceremony.ts';
import type { CallerContext } from '../client/types.ts';
import { concat, fromBase64url, fromHex, toBase64url } from '../shared/bytes.ts';
import { decodeAuthData } from './auth-data.ts';
import { cborItemEnd } from './cbor-length.ts';
import { ruleFor } from './error-rules.ts';
import { inspectCeremony } from './inspect-ceremony.ts';
import { decodeSignature, derToRaw } from './signature.ts';

const caller: CallerContext = { origin: 'https://login.example.com', sameOriginWithAncestors: true };
const challenge = toBase64url(new Uint8Array(32).fill(7));
const creation = {
  challenge,
  rp: { id: 'example.com', name: 'Example' },
  user: { id: toBase64url(Uint8Array.of(1, 2, 3)), name: 'alice', displayName: 'Alice' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  attestation: 'direct',
  authenticatorSelection: { residentKey: 'required' },
};
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

describe('ceremony inspector', () => {
  it('decodes a packed registration: flags, RP ID hash, AAGUID, COSE key as JWK, attestation signature', async () => {
    const ports = fakePorts();
    const credential = await createCredential(creation, caller, createAuthenticator(ports));
    const entry = inspectCeremony({
      id: 'x',
      time: 1,
      durationMs: 2,
      kind: 'create',
      gate: 'auto',
      caller,
      options: creation,
      outcome: { type: 'result', credential },
    });
    const auth = entry.authData!;
    expect(auth.rpIdHashMatches).toBe(true);
    expect(auth.flags).toEqual({ UP: true, UV: false, BE: false, BS: false, AT: true, ED: false });
    expect(auth.signCount).toBe(0);
    expect(auth.attestedCredentialData?.aaguid).toBe('7a3c5e1f-9b2d-4c8e-a6f0-3d1b5e7c9a24');
    expect(auth.attestedCredentialData?.credentialId).toBe(credential.id);
    expect(auth.trailingBytes).toBeUndefined();
    expect(entry.clientData).toMatchObject({ type: 'webauthn.create', challenge, origin: caller.origin });
    expect(entry.understood).toMatchObject({ rp: { id: 'example.com' }, residentKey: 'required' });
    expect(entry.attestation?.fmt).toBe('packed');
    expect(entry.attestation?.attStmt.alg).toBe(-7);

    // The JWK is the key the RP gets as SPKI, and it verifies the attestation signature both ways.
    const jwk = auth.attestedCredentialData!.jwk!;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    const key = createPublicKey({ key: { ...jwk } as never, format: 'jwk' });
    const spki = new Uint8Array(key.export({ type: 'spki', format: 'der' }));
    expect(toBase64url(spki)).toBe(credential.response.publicKey);
    const authData = fromBase64url(credential.response.authenticatorData);
    const signed = concat(authData, sha256(fromBase64url(credential.response.clientDataJSON)));
    const sig = entry.attestation!.attStmt.sig!;
    expect(verify('sha256', signed, key, fromBase64url(sig.der))).toBe(true);
    expect(verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, fromBase64url(sig.raw!))).toBe(true);
  });

  it('decodes an assertion and its signature; a mismatching RP ID hash is reported', async () => {
    const ports = fakePorts();
    const authenticator = createAuthenticator(ports);
    const made = await createCredential(creation, caller, authenticator);
    const request = {
      challenge,
      rpId: 'example.com',
      allowCredentials: [{ type: 'public-key', id: made.id }],
    };
    const credential = await getCredential(request, caller, authenticator);
    const entry = inspectCeremony({
      id: 'y',
      time: 1,
      durationMs: 1,
      kind: 'get',
      gate: 'prompt',
      caller,
      options: request,
      outcome: { type: 'result', credential },
    });
    expect(entry.authData?.flags.UP).toBe(true);
    expect(entry.authData?.flags.AT).toBe(false);
    expect(entry.authData?.signCount).toBe(1);
    expect(entry.authData?.rpIdHashMatches).toBe(true);
    const key = createPublicKey({
      key: Buffer.from(fromBase64url(made.response.publicKey!)),
      format: 'der',
      type: 'spki',
    });
    const signed = concat(
      fromBase64url(credential.response.authenticatorData),
      sha256(fromBase64url(credential.response.clientDataJSON)),
    );
    expect(
      verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, fromBase64url(entry.signature!.raw!)),
    ).toBe(true);

    const wrong = decodeAuthData(fromBase64url(credential.response.authenticatorData), 'other.example');
    expect(wrong.rpIdHashMatches).toBe(false);
  });

  it('logs a refusal with the rule that fired', () => {
    const entry = inspectCeremony({
      id: 'z',
      time: 1,
      durationMs: 1,
      kind: 'create',
      gate: 'prompt',
      caller,
      options: { ...creation, rp: { id: 'evil.test', name: 'x' } },
      outcome: {
        type: 'error',
        name: 'SecurityError',
        message: 'RP ID "evil.test" is not valid for origin host login.example.com: not a suffix',
      },
    });
    expect(entry.error?.rule).toMatch(/§5\.1\.3 step 8/);
    expect(entry.understood).toMatchObject({ refused: expect.stringMatching(/RP ID/) });
    expect(ruleFor('something new')).toBeUndefined();
  });

  it('reads flags by name, reserved bits, truncation and trailing bytes', () => {
    const hash = sha256(new TextEncoder().encode('example.com'));
    const decoded = decodeAuthData(
      concat(hash, Uint8Array.of(0x1d | 0x02), fromHex('0000002a')),
      'example.com',
    );
    expect(decoded.flags).toEqual({ UP: true, UV: true, BE: true, BS: true, AT: false, ED: false });
    expect(decoded.reservedBits).toBe(0x02);
    expect(decoded.signCount).toBe(42);
    expect(decodeAuthData(new Uint8Array(10)).problem).toMatch(/37/);
    expect(decodeAuthData(concat(hash, Uint8Array.of(1), fromHex('00000000ff'))).trailingBytes).toBe(1);
    expect(decodeAuthData(concat(hash, Uint8Array.of(0x41), fromHex('00000000'))).problem).toMatch(
      /truncated/,
    );
  });
});

describe('CBOR item length', () => {
  it('finds the end of maps, strings, arrays, tags and indefinite items', () => {
    // {1: 2, 3: h'0102'} then a trailing 0x00.
    expect(cborItemEnd(fromHex('a201020342010200'), 0)).toBe(7);
    expect(cborItemEnd(fromHex('9f0102ff'), 0)).toBe(4);
    expect(cborItemEnd(fromHex('c24100'), 0)).toBe(3);
    expect(cborItemEnd(fromHex('190100'), 0)).toBe(3);
    expect(() => cborItemEnd(fromHex('5801'), 0)).toThrow(/truncated/);
  });
});

describe('signatures', () => {
  it('turns node:crypto DER signatures into r‖s that node verifies as IEEE P1363', async () => {
    const { generateKeyPairSync, sign } = await import('node:crypto');
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 20; i++) {
      const message = Buffer.from(`message ${i}`);
      const der = new Uint8Array(sign('sha256', message, privateKey));
      const raw = derToRaw(der)!;
      expect(raw.length).toBe(64);
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
    expect(derToRaw(new Uint8Array(64))).toBeUndefined();
    expect(decodeSignature(new Uint8Array(64), -8).raw).toBeUndefined();
  });
});
