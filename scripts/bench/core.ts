/**
 * The pure core in Node, with in-memory ports: makeCredential / getAssertion, and the whole client
 * ceremony (createCredential / getCredential from JSON options), as operations per second.
 */
import { randomBytes } from 'node:crypto';
import { createAuthenticator } from '../../src/authenticator/create-authenticator.ts';
import { getAssertion } from '../../src/authenticator/get-assertion.ts';
import { makeCredential } from '../../src/authenticator/make-credential.ts';
import type { AuthenticatorPorts, CredentialStore } from '../../src/authenticator/ports.ts';
import { MemoryStore } from '../../src/authenticator/testing/fakes.ts';
import { COSE_ALG } from '../../src/authenticator/types.ts';
import { createCredential, getCredential } from '../../src/client/ceremony.ts';
import type { CallerContext } from '../../src/client/types.ts';
import { toBase64url } from '../../src/shared/bytes.ts';

/** Ports around `store` for a user who taps at once (shared with core-idb.ts). */
export function corePorts(store: CredentialStore): AuthenticatorPorts {
  return {
    store,
    // The user taps at once: the approval is the first candidate, user verified.
    gate: {
      approveMakeCredential: async () => ({ userPresent: true, userVerified: true }),
      approveGetAssertion: async ({ candidates }) => {
        const first = candidates[0];
        if (!first) throw new Error('no candidate');
        return { credentialId: first.credentialId, userPresent: true, userVerified: true };
      },
    },
    random: { bytes: (n) => new Uint8Array(randomBytes(n)) },
    clock: { now: () => Date.now() },
  };
}

export interface CoreRate {
  name: string;
  opsPerSecond: number;
  /** Per-operation latency in ms (median / p95 over the timed operations). */
  latencies: number[];
}

/** Runs `op` for `warmupMs`, then for `durationMs`, and reports ops/s and per-op latencies. */
export async function rate(
  name: string,
  op: (i: number) => Promise<unknown>,
  warmupMs: number,
  durationMs: number,
): Promise<CoreRate> {
  let i = 0;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) await op(i++);
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + durationMs;
  let t = start;
  while (t < end) {
    await op(i++);
    const next = performance.now();
    latencies.push(next - t);
    t = next;
  }
  return { name, opsPerSecond: (latencies.length * 1000) / (t - start), latencies };
}

const RP = { id: 'example.com', name: 'Example' };
/** A makeCredential request for user `i` (a new user each time, so nothing is excluded). */
export const makeParams = (i: number) => ({
  clientDataHash: new Uint8Array(randomBytes(32)),
  rp: RP,
  user: { id: new Uint8Array(randomBytes(16)), name: `user${i}`, displayName: `User ${i}` },
  pubKeyCredParams: [COSE_ALG.ES256],
  excludeList: [],
  rk: true,
  uv: 'preferred' as const,
  attestation: 'none' as const,
});

/** A getAssertion request for one credential, with a fresh client data hash. */
export const getParams = (credentialId: Uint8Array) => ({
  rpId: RP.id,
  clientDataHash: new Uint8Array(randomBytes(32)),
  allowList: [credentialId],
  uv: 'preferred' as const,
});

const CALLER: CallerContext = { origin: 'https://example.com', sameOriginWithAncestors: true };

function creationJson(i: number): Record<string, unknown> {
  return {
    rp: RP,
    user: { id: toBase64url(randomBytes(16)), name: `user${i}`, displayName: `User ${i}` },
    challenge: toBase64url(randomBytes(32)),
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    attestation: 'none',
  };
}

export async function runCore(options: { warmupMs: number; durationMs: number }): Promise<{
  rates: CoreRate[];
  heapUsed: number;
}> {
  const { warmupMs, durationMs } = options;
  const store = new MemoryStore();
  const p = corePorts(store);
  const rates: CoreRate[] = [];
  const device = createAuthenticator(p);
  rates.push(
    await rate('makeCredential (ES256)', (i) => makeCredential(makeParams(i), p), warmupMs, durationMs),
  );
  rates.push(
    await rate(
      'makeCredential (ES256, packed attestation)',
      (i) => makeCredential({ ...makeParams(i), attestation: 'packed' }, p),
      warmupMs,
      durationMs,
    ),
  );

  const target = await makeCredential(makeParams(-1), p);
  rates.push(
    await rate(
      'getAssertion (ES256)',
      () => getAssertion(getParams(target.credentialId), p),
      warmupMs,
      durationMs,
    ),
  );

  rates.push(
    await rate(
      'client createCredential (JSON in → JSON out)',
      (i) => createCredential(creationJson(i), CALLER, device),
      warmupMs,
      durationMs,
    ),
  );
  const targetId = toBase64url(target.credentialId);
  rates.push(
    await rate(
      'client getCredential (JSON in → JSON out)',
      () =>
        getCredential(
          {
            rpId: RP.id,
            challenge: toBase64url(randomBytes(32)),
            allowCredentials: [{ type: 'public-key', id: targetId }],
            userVerification: 'preferred',
          },
          CALLER,
          device,
        ),
      warmupMs,
      durationMs,
    ),
  );
  return { rates, heapUsed: process.memoryUsage().heapUsed };
}
