/**
 * What runs inside the relying party's page: start a create()/get() and remember when it was called
 * and when it resolved, on the wall clock (performance.timeOrigin + performance.now(), which every
 * process on the machine shares to well under a millisecond).
 */
import type { Page } from '@playwright/test';
import { evaluateIn } from './cdp-target.ts';

export interface CallResult {
  startedAt: number;
  resolvedAt: number;
  error?: string;
}

interface BenchWindow {
  __bench?: { startedAt: number; done: Promise<CallResult>; rawId?: number[] };
}

/** Starts navigator.credentials.create() in the page and returns the wall-clock time of the call. */
export function startCreate(page: Page, rpId: string): Promise<number> {
  return evaluateIn(
    page,
    (rpId: string) => {
      const w = window as unknown as BenchWindow;
      const now = () => performance.timeOrigin + performance.now();
      const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
      const name = `bench-${Math.random().toString(36).slice(2, 10)}`;
      const previous = w.__bench?.rawId;
      const startedAt = now();
      const call = navigator.credentials.create({
        publicKey: {
          rp: { id: rpId, name: 'Tapkey bench' },
          user: { id: random(16), name, displayName: name },
          challenge: random(32),
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
          attestation: 'none',
          timeout: 60_000,
        },
      });
      const bench: NonNullable<BenchWindow['__bench']> = {
        startedAt,
        done: call.then(
          (credential) => {
            const resolvedAt = now();
            bench.rawId = [...new Uint8Array((credential as PublicKeyCredential).rawId)];
            return { startedAt, resolvedAt };
          },
          (e: unknown) => {
            if (previous) bench.rawId = previous;
            return { startedAt, resolvedAt: now(), error: String(e) };
          },
        ),
      };
      if (previous) bench.rawId = previous;
      w.__bench = bench;
      return startedAt;
    },
    rpId,
  );
}

/** Starts navigator.credentials.get() for the credential the last create() made. */
export function startGet(page: Page, rpId: string): Promise<number> {
  return evaluateIn(
    page,
    (rpId: string) => {
      const w = window as unknown as BenchWindow;
      const now = () => performance.timeOrigin + performance.now();
      const rawId = w.__bench?.rawId;
      if (!rawId) throw new Error('no credential created yet');
      const startedAt = now();
      const call = navigator.credentials.get({
        publicKey: {
          rpId,
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          allowCredentials: [{ type: 'public-key', id: new Uint8Array(rawId) }],
          userVerification: 'preferred',
          timeout: 60_000,
        },
      });
      w.__bench = {
        startedAt,
        rawId,
        done: call.then(
          () => ({ startedAt, resolvedAt: now() }),
          (e: unknown) => ({ startedAt, resolvedAt: now(), error: String(e) }),
        ),
      };
      return startedAt;
    },
    rpId,
  );
}

/** Waits for the call started last; throws if it rejected. */
export async function settled(page: Page, timeoutMs = 20_000): Promise<CallResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const result = await Promise.race([
      page.evaluate(() => {
        const bench = (window as unknown as BenchWindow).__bench;
        if (!bench) throw new Error('no call started');
        return bench.done;
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the WebAuthn call did not settle in ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]);
    if (result.error) throw new Error(`the WebAuthn call failed: ${result.error}`);
    return result;
  } finally {
    clearTimeout(timer);
  }
}
