/**
 * A passkey added by hand signs in: generated here or pasted as a PKCS#8 key that Node's own crypto
 * made, it goes into a store, a sign-in uses it, and @simplewebauthn/server verifies the assertion
 * with the public key the credential was stored with.
 */
import { generateKeyPairSync } from 'node:crypto';
import { type AuthenticationResponseJSON, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../authenticator/create-authenticator.ts';
import { fakePorts } from '../authenticator/testing/fakes.ts';
import { getCredential } from '../client/ceremony.ts';
import { toBase64url } from '../shared/bytes.ts';
import { type NewCredentialInput, newCredential } from './new-credential.ts';

const ORIGIN = 'http://localhost:8080';
const challenge = toBase64url(new Uint8Array(32).fill(3));

const base: Omit<NewCredentialInput, 'key'> = {
  rpId: 'LocalHost',
  userName: ' alice ',
  userDisplayName: 'Alice',
  discoverable: true,
  signCount: 41,
};

async function signsIn(input: NewCredentialInput): Promise<{ verified: boolean; newCounter: number }> {
  const ports = fakePorts();
  const credential = newCredential(input, ports.random, 1000);
  await ports.store.add(credential);
  const assertion = await getCredential(
    { challenge, rpId: 'localhost' },
    { origin: ORIGIN, sameOriginWithAncestors: true },
    createAuthenticator(ports),
  );
  const result = await verifyAuthenticationResponse({
    response: assertion as unknown as AuthenticationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: 'localhost',
    credential: {
      id: toBase64url(credential.credentialId),
      publicKey: credential.publicKeyCose as Uint8Array<ArrayBuffer>,
      counter: input.signCount,
    },
    requireUserVerification: false,
  });
  return { verified: result.verified, newCounter: result.authenticationInfo.newCounter };
}

describe('a passkey added by hand', () => {
  it('with a new ES256 or Ed25519 key signs in, its counter going on from the one given', async () => {
    for (const alg of [-7, -8] as const) {
      expect(await signsIn({ ...base, key: { generate: alg } })).toEqual({ verified: true, newCounter: 42 });
    }
  });

  it('with a pasted PKCS#8 key (PEM, or base64url DER) signs in with that key', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await signsIn({ ...base, key: { pkcs8: pem } })).toMatchObject({ verified: true });
    const ed = generateKeyPairSync('ed25519');
    const der = ed.privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(await signsIn({ ...base, key: { pkcs8: der.toString('base64url') } })).toMatchObject({
      verified: true,
    });
    // The key kept is the one pasted, not a new one.
    const random = fakePorts().random;
    const fromPem = newCredential({ ...base, key: { pkcs8: pem } }, random, 0);
    expect(Buffer.from(fromPem.privateKey).toString('base64url')).toBe(
      ec.privateKey.export({ format: 'jwk' }).d,
    );
    const fromDer = newCredential({ ...base, key: { pkcs8: der.toString('base64url') } }, random, 0);
    expect(Buffer.from(fromDer.privateKey).toString('base64url')).toBe(
      ed.privateKey.export({ format: 'jwk' }).d,
    );
  });

  it('keeps the names, the RP ID in lower case, a given user handle, and makes PRF secrets', () => {
    const made = newCredential(
      { ...base, userHandle: toBase64url(Uint8Array.of(9, 9)), key: { generate: -7 } },
      fakePorts().random,
      5,
    );
    expect(made).toMatchObject({
      rpId: 'localhost',
      userName: 'alice',
      userDisplayName: 'Alice',
      userHandle: Uint8Array.of(9, 9),
      signCount: 41,
      createdAt: 5,
      discoverable: true,
    });
    expect(made.credentialId).toHaveLength(32);
    expect(made.prfSecrets?.withUv).toHaveLength(32);
  });

  it('refuses what is not a passkey, saying why and quoting no key', () => {
    const random = fakePorts().random;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: [Partial<NewCredentialInput>, RegExp][] = [
      [{ rpId: 'https://example.com' }, /is not an RP ID/],
      [{ rpId: 'exa mple.com' }, /is not an RP ID/],
      [{ userName: '  ' }, /the user name is empty/],
      [{ userHandle: toBase64url(new Uint8Array(65)) }, /1 to 64 bytes/],
      [{ signCount: -1 }, /counter/],
      [{ signCount: 2 ** 32 }, /counter/],
      [
        { key: { pkcs8: '-----BEGIN PRIVATE KEY-----\n!!!\n-----END PRIVATE KEY-----' } },
        /not PEM or base64/,
      ],
      [{ key: { pkcs8: rsaPem } }, /the private key: .*ES256/],
    ];
    for (const [change, message] of cases) {
      const run = () => newCredential({ ...base, key: { generate: -7 }, ...change }, random, 0);
      expect(run, JSON.stringify(change).slice(0, 60)).toThrow(message);
    }
  });
});
