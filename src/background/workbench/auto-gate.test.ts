import { describe, expect, it } from 'vitest';
import { AuthenticatorError } from '../../authenticator/errors.ts';
import type { CredentialSummary, UserGate } from '../../authenticator/ports.ts';
import type { WorkbenchGrant } from '../../workbench-core/types.ts';
import { autoGate } from './auto-gate.ts';

const grant = (autoUv: boolean): WorkbenchGrant => ({
  pattern: 'localhost',
  addedAt: 0,
  autoPresence: true,
  autoUv,
  expiresAt: null,
});
const candidate = (id: number): CredentialSummary => ({
  credentialId: Uint8Array.of(id),
  userHandle: Uint8Array.of(id),
  rpId: 'localhost',
  rpName: 'x',
  userName: `u${id}`,
  userDisplayName: `U${id}`,
  discoverable: true,
  alg: -7,
  signCount: 0,
  createdAt: 0,
  lastUsedAt: null,
});
const prompt: UserGate = {
  approveMakeCredential: async () => ({ userPresent: true, userVerified: true }),
  approveGetAssertion: async () => ({
    credentialId: Uint8Array.of(99),
    userPresent: true,
    userVerified: true,
  }),
};
const used: string[] = [];
const watchedPrompt = (): UserGate => {
  used.push('prompt');
  return prompt;
};

describe('automatic presence gate', () => {
  it('approves create and takes the first candidate for get, UV as the grant says', async () => {
    const gate = autoGate(grant(true), watchedPrompt);
    const user = { name: 'a', displayName: 'A' };
    expect(
      await gate.approveMakeCredential({
        rp: { id: 'localhost', name: 'x' },
        user,
        uv: 'required',
        excluded: false,
      }),
    ).toEqual({ userPresent: true, userVerified: true });
    expect(
      await gate.approveGetAssertion({
        rpId: 'localhost',
        candidates: [candidate(2), candidate(1)],
        uv: 'preferred',
      }),
    ).toEqual({
      credentialId: Uint8Array.of(2),
      userPresent: true,
      userVerified: true,
    });
    expect(used).toEqual([]);
  });

  it('leaves required UV to the prompt when auto UV is off, and refuses at once with nothing to sign', async () => {
    const gate = autoGate(grant(false), watchedPrompt);
    expect(
      await gate.approveGetAssertion({ rpId: 'localhost', candidates: [candidate(1)], uv: 'required' }),
    ).toMatchObject({
      credentialId: Uint8Array.of(99),
    });
    expect(used).toEqual(['prompt']);
    expect(
      await gate.approveGetAssertion({ rpId: 'localhost', candidates: [candidate(1)], uv: 'preferred' }),
    ).toEqual({
      credentialId: Uint8Array.of(1),
      userPresent: true,
      userVerified: false,
    });
    await expect(
      gate.approveGetAssertion({ rpId: 'localhost', candidates: [], uv: 'discouraged' }),
    ).rejects.toBeInstanceOf(AuthenticatorError);
  });
});
