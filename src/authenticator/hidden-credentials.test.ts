/**
 * A credential a site signalled unknown (WebAuthn L3 §5.1.10) is hidden: never offered for sign-in,
 * by allowCredentials or discovery, but still counted by excludeCredentials (ports.ts, LookupPurpose).
 */
import { describe, expect, it } from 'vitest';
import { fromHex, toBase64url, utf8 } from '../shared/bytes.ts';
import { AuthenticatorError } from './errors.ts';
import { getAssertion } from './get-assertion.ts';
import { makeCredential } from './make-credential.ts';
import { creationParams, fakePorts } from './testing/fakes.ts';

const clientDataHash = fromHex(`${'00'.repeat(31)}01`);

async function withHidden() {
  const ports = fakePorts();
  const made = await makeCredential(creationParams({ clientDataHash }), ports);
  const record = ports.store.records.get(toBase64url(made.credentialId));
  if (record) record.hidden = true;
  return { ports, id: made.credentialId };
}

describe('hidden credentials in ceremonies', () => {
  it.each([
    ['in allowCredentials', true],
    ['by discovery', false],
  ])('are not offered for sign-in %s', async (_how, listed) => {
    const { ports, id } = await withHidden();
    const run = getAssertion(
      { rpId: 'example.com', clientDataHash, allowList: listed ? [id] : [], uv: 'discouraged' },
      ports,
    );
    await expect(run).rejects.toBeInstanceOf(AuthenticatorError);
    // The prompt saw no candidates (it says nothing was found).
    expect(ports.gate).toMatchObject({ calls: ['create:example.com:new', 'get:example.com:0'] });
  });

  it('still count for excludeCredentials', async () => {
    const { ports, id } = await withHidden();
    const run = makeCredential(
      {
        clientDataHash,
        rp: { id: 'example.com', name: 'Example' },
        user: { id: utf8('user-2'), name: 'bob', displayName: 'Bob' },
        pubKeyCredParams: [-7],
        excludeList: [id],
        rk: true,
        uv: 'discouraged',
        attestation: 'none',
      },
      ports,
    );
    await expect(run).rejects.toMatchObject({ code: 'CTAP2_ERR_CREDENTIAL_EXCLUDED' });
  });
});
