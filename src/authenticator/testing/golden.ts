/**
 * The golden ceremonies: with the seeded Random port and RFC 6979 deterministic ECDSA (and
 * deterministic Ed25519), makeCredential and getAssertion give the same bytes every run. Shared by
 * the test that compares them with the fixture and by the script that rewrites it
 * (`npm run golden:update`), so both always run the same ceremonies.
 */
import { fromHex, toHex, utf8 } from '../../shared/bytes.ts';
import { getAssertion } from '../get-assertion.ts';
import { makeCredential } from '../make-credential.ts';
import { fakePorts } from './fakes.ts';

/** The fixture, from the repository root. */
export const GOLDEN_FIXTURE = 'test/fixtures/golden-authenticator.json';
/** The fixture's `source` field: where its bytes come from. */
export const GOLDEN_SOURCE =
  'scripts/regenerate-golden.ts (src/authenticator/testing/golden.ts, seeded Random); reviewed like code';

export const goldenClientDataHash = fromHex(`${'00'.repeat(31)}01`);

/** Every golden value by name, as hex. */
export async function produceGolden(): Promise<Record<string, string>> {
  const ports = fakePorts();
  const out: Record<string, string> = {};
  for (const [name, alg, attestation] of [
    ['es256-none', -7, 'none'],
    ['es256-packed', -7, 'packed'],
    ['ed25519-packed', -8, 'packed'],
  ] as const) {
    const made = await makeCredential(
      {
        clientDataHash: goldenClientDataHash,
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
        clientDataHash: goldenClientDataHash,
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
