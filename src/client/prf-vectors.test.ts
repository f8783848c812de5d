/**
 * Tapkey's PRF against vectors computed by an independent implementation (Python hashlib/hmac,
 * test/fixtures/prf/compute_vectors.py): the salt (WebAuthn L3 §10.1.4), the hmac-secret output
 * (CTAP 2.1 §12.5), and the whole get() ceremony with the vectors' CredRandom in the store.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../authenticator/create-authenticator.ts';
import { hmacSecretOutputs } from '../authenticator/hmac-secret.ts';
import { approvingGate, fakePorts } from '../authenticator/testing/fakes.ts';
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { createCredential, getCredential } from './ceremony.ts';
import { prfSalt, prfSalts } from './prf.ts';

interface VectorCase {
  name: string;
  userVerified: boolean;
  first: string;
  firstSalt: string;
  firstOutput: string;
  second?: string;
  secondSalt?: string;
  secondOutput?: string;
}
const vectors = JSON.parse(
  readFileSync(new URL('../../test/fixtures/prf/vectors.json', import.meta.url), 'utf8'),
) as {
  credRandomWithUV: string;
  credRandomWithoutUV: string;
  cases: VectorCase[];
};
const secrets = {
  withUv: fromBase64url(vectors.credRandomWithUV),
  withoutUv: fromBase64url(vectors.credRandomWithoutUV),
};
const caller = { origin: 'https://example.com', sameOriginWithAncestors: true };

describe('PRF against independent vectors', () => {
  it('has cases', () => expect(vectors.cases.length).toBeGreaterThanOrEqual(10));

  for (const c of vectors.cases) {
    it(`salt and output: ${c.name}`, () => {
      expect(toBase64url(prfSalt(fromBase64url(c.first)))).toBe(c.firstSalt);
      const input =
        c.second === undefined
          ? { first: fromBase64url(c.first) }
          : { first: fromBase64url(c.first), second: fromBase64url(c.second) };
      const outputs = hmacSecretOutputs(secrets, c.userVerified, prfSalts(input)).map(toBase64url);
      expect(outputs).toEqual(c.second === undefined ? [c.firstOutput] : [c.firstOutput, c.secondOutput]);
    });

    it(`through get(): ${c.name}`, async () => {
      const ports = fakePorts({
        gate: approvingGate({
          create: () => ({ userPresent: true, userVerified: true }),
          get: (r) => ({
            credentialId: r.candidates[0]!.credentialId,
            userPresent: true,
            userVerified: c.userVerified,
          }),
        }),
      });
      const authenticator = createAuthenticator(ports);
      const made = await createCredential(
        {
          rp: { id: 'example.com', name: 'Example' },
          user: { id: 'dXNlcg', name: 'u', displayName: 'U' },
          challenge: 'AAAAAAAAAAAAAAAAAAAAAA',
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        },
        caller,
        authenticator,
      );
      // The vectors' CredRandom in place of the random ones.
      ports.store.records.get(made.id)!.prfSecrets = secrets;
      const evalInput: Record<string, string> = { first: c.first };
      if (c.second !== undefined) evalInput.second = c.second;
      const got = await getCredential(
        {
          challenge: 'AAAAAAAAAAAAAAAAAAAAAA',
          allowCredentials: [{ type: 'public-key', id: made.id }],
          extensions: { prf: { eval: evalInput } },
        },
        caller,
        authenticator,
      );
      const expected: Record<string, string> = { first: c.firstOutput };
      if (c.secondOutput !== undefined) expected.second = c.secondOutput;
      expect(got.clientExtensionResults).toEqual({ prf: { results: expected } });
    });
  }
});
