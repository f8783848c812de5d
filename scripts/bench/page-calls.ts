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
  return start(page, 'create', rpId, 'preferred');
}

/**
 * Starts navigator.credentials.get() for the credential the last create() made, asking for
 * `userVerification` ('preferred' unless told).
 */
export function startGet(
  page: Page,
  rpId: string,
  userVerification: UserVerification = 'preferred',
): Promise<number> {
  return start(page, 'get', rpId, userVerification);
}

export type UserVerification = 'required' | 'preferred' | 'discouraged';

/**
 * One in-page function for both calls (it cannot share helpers with another). A create() remembers
 * the new credential's raw id for the next get(); when it fails, the previous one stays.
 */
function start(
  page: Page,
  kind: 'create' | 'get',
  rpId: string,
  userVerification: UserVerification,
): Promise<number> {
  return evaluateIn(
    page,
    ({
      kind,
      rpId,
      userVerification,
    }: {
      kind: 'create' | 'get';
      rpId: string;
      userVerification: UserVerification;
    }) => {
      const w = window as unknown as BenchWindow;
      const now = () => performance.timeOrigin + performance.now();
      const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
      const previous = w.__bench?.rawId;
      let call: Promise<Credential | null>;
      let startedAt: number;
      if (kind === 'create') {
        const name = `bench-${Math.random().toString(36).slice(2, 10)}`;
        startedAt = now();
        call = navigator.credentials.create({
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
      } else {
        if (!previous) throw new Error('no credential created yet');
        startedAt = now();
        call = navigator.credentials.get({
          publicKey: {
            rpId,
            challenge: random(32),
            allowCredentials: [{ type: 'public-key', id: new Uint8Array(previous) }],
            userVerification,
            timeout: 60_000,
          },
        });
      }
      const bench: NonNullable<BenchWindow['__bench']> = {
        startedAt,
        done: call.then(
          (credential) => {
            const resolvedAt = now();
            if (kind === 'create')
              bench.rawId = [...new Uint8Array((credential as PublicKeyCredential).rawId)];
            return { startedAt, resolvedAt };
          },
          (e: unknown) => ({ startedAt, resolvedAt: now(), error: String(e) }),
        ),
      };
      if (previous) bench.rawId = previous;
      w.__bench = bench;
      return startedAt;
    },
    { kind, rpId, userVerification },
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
