/**
 * Raw navigator.credentials calls made inside a page or frame, the way hand-written RP code makes
 * them; each returns what the page could observe (shape checks included) or the error's name. Every
 * call that succeeds is verified by an independent relying party (verify-ceremony.ts) before it is
 * returned, so a test that only looks at shapes still fails on a bad signature or challenge. Also
 * the two steps most tests take around them: open the blank page, approve a call that must succeed.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import type { DemoServer } from '../../demo/server.ts';
import { approve } from './fixtures.ts';
import { type Sent, type Verified, verifyCeremony } from './verify-ceremony.ts';

export interface CreateArgs {
  rpId?: string;
  userName?: string;
  userId?: number[];
  excludeIds?: string[];
  timeout?: number;
  residentKey?: 'discouraged' | 'preferred' | 'required';
  userVerification?: 'discouraged' | 'preferred' | 'required';
  algs?: number[];
  /** Named option tweaks that cannot travel as JSON. */
  omit?: ('challenge' | 'user')[];
  abort?: Abort;
  /** WebAuthn L3 §5.8.7 hints, as the page would pass them. */
  hints?: string[];
}

export interface GetArgs {
  rpId?: string;
  allowIds?: string[];
  timeout?: number;
  userVerification?: 'discouraged' | 'preferred' | 'required';
  abort?: Abort;
  hints?: string[];
}

/**
 * The page's AbortSignal: 'at once' aborts in the task after the call; 'on demand' leaves it to the
 * test ({@link abortCall}), which can first wait for the state it wants to abort in.
 */
export type Abort = 'at once' | 'on demand';

/** Aborts the call on `target` that was made with `abort: 'on demand'`. */
export async function abortCall(target: Page | Frame): Promise<void> {
  const found = await target.evaluate(() => {
    const w = window as unknown as { abortTapkeyTestCall?: () => void };
    w.abortTapkeyTestCall?.();
    return w.abortTapkeyTestCall !== undefined;
  });
  if (!found) throw new Error("no call made with abort: 'on demand' on this page");
}

/** The challenge and user.id are made here, not in the page, so the verifier knows what was sent. */
interface Call {
  kind: 'create' | 'get';
  args: CreateArgs & GetArgs;
  /** base64url */
  challenge: string;
}

export type CallResult =
  | {
      ok: true;
      id: string;
      type: string;
      isPublicKeyCredential: boolean;
      rawIdIsArrayBuffer: boolean;
      responseBuffersAreArrayBuffers: boolean;
      attachment: string | null;
      clientData: {
        type: string;
        origin: string;
        crossOrigin: boolean;
        topOrigin?: string;
        challenge: string;
      };
      transports?: string[];
      publicKeyAlgorithm?: number;
      publicKeyLength?: number;
      authenticatorDataLength: number;
      flags: number;
      signCount: number;
      userHandle?: string | null;
      extensions: unknown;
      toJSONKeys: string[];
      /** What toJSON() gave: the RP's view of the response. */
      json: unknown;
      /** What the independent verifiers found. */
      verified: Verified;
    }
  | { ok: false; name: string; message: string };

/** A call that succeeded. */
export type CallOk = Extract<CallResult, { ok: true }>;

/** For `test.beforeEach`: `page` shows the demo site's blank page, ready for calls. */
export async function openBlankPage({ page, server }: { page: Page; server: DemoServer }): Promise<void> {
  await page.goto(`${server.url}/pages/blank.html`);
}

/**
 * Approves the prompt of the call `pending` (started on `page`) and returns the credential.
 * @throws Error with the error's name and message if the page saw an error instead.
 */
export async function approved(
  context: BrowserContext,
  page: Page,
  pending: Promise<CallResult>,
): Promise<CallOk> {
  await approve(context, page);
  const result = await pending;
  if (!result.ok) throw new Error(`${result.name}: ${result.message}`);
  return result;
}

export function create(target: Page | Frame, args: CreateArgs = {}): Promise<CallResult> {
  return verified(target, { kind: 'create', args, challenge: randomChallenge() });
}

export function get(target: Page | Frame, args: GetArgs = {}): Promise<CallResult> {
  return verified(target, { kind: 'get', args, challenge: randomChallenge() });
}

const randomChallenge = () => randomBytes(32).toString('base64url');

/** Runs the call; a success is returned only once the verifiers accept it (else the test fails). */
async function verified(target: Page | Frame, request: Call): Promise<CallResult> {
  const expected = sent(target, request);
  const result = await call(target, request);
  if (!result.ok) return result;
  return { ...result, verified: await verifyCeremony(expected, result.json) };
}

/** What the relying party knows it asked for, from Playwright's view of the caller. */
function sent(target: Page | Frame, { kind, args, challenge }: Call): Sent {
  const origin = new URL(target.url()).origin;
  const top = 'mainFrame' in target ? origin : new URL(target.page().url()).origin;
  return {
    kind,
    challenge,
    origin,
    ...(top !== origin ? { topOrigin: top } : {}),
    rpId: args.rpId ?? new URL(origin).hostname,
    userVerification: args.userVerification ?? 'discouraged',
    ...(kind === 'create' ? { userId: Buffer.from(args.userId ?? [1, 2, 3, 4]).toString('base64url') } : {}),
  };
}

/** One function for both ceremonies: it runs in the page, so it cannot share helpers with another. */
function call(
  target: Page | Frame,
  request: Call,
): Promise<Omit<CallOk, 'verified'> | Exclude<CallResult, CallOk>> {
  return target.evaluate(async (c: Call) => {
    const unb64 = (s: string) =>
      Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    const descriptors = (ids: string[] | undefined) =>
      (ids ?? []).map((id) => ({ type: 'public-key', id: unb64(id) }));
    const controller = new AbortController();
    const timeout = c.args.timeout ? { timeout: c.args.timeout } : {};
    const hints = c.args.hints ? { hints: c.args.hints } : {};
    let publicKey: Record<string, unknown>;
    if (c.kind === 'create') {
      const a = c.args;
      publicKey = {
        rp: { name: 'Test RP', ...(a.rpId ? { id: a.rpId } : {}) },
        user: {
          id: new Uint8Array(a.userId ?? [1, 2, 3, 4]),
          name: a.userName ?? 'alice',
          displayName: a.userName ?? 'Alice',
        },
        challenge: unb64(c.challenge),
        pubKeyCredParams: (a.algs ?? [-7]).map((alg) => ({ type: 'public-key', alg })),
        excludeCredentials: descriptors(a.excludeIds),
        authenticatorSelection: {
          residentKey: a.residentKey ?? 'required',
          userVerification: a.userVerification ?? 'discouraged',
        },
        extensions: { credProps: true },
        ...timeout,
        ...hints,
      };
      for (const key of a.omit ?? []) delete publicKey[key];
    } else {
      const a = c.args;
      publicKey = {
        challenge: unb64(c.challenge),
        allowCredentials: descriptors(a.allowIds),
        userVerification: a.userVerification ?? 'discouraged',
        ...(a.rpId ? { rpId: a.rpId } : {}),
        ...timeout,
        ...hints,
      };
    }
    if (c.args.abort === 'at once') setTimeout(() => controller.abort());
    if (c.args.abort === 'on demand') {
      (window as unknown as { abortTapkeyTestCall?: () => void }).abortTapkeyTestCall = () =>
        controller.abort();
    }
    try {
      const options = { publicKey, signal: controller.signal } as unknown;
      const cred = (await (c.kind === 'create'
        ? navigator.credentials.create(options as CredentialCreationOptions)
        : navigator.credentials.get(options as CredentialRequestOptions))) as PublicKeyCredential;
      // What only one ceremony's response has: its own buffer, and the fields the other lacks.
      let authData: Uint8Array;
      let ownBuffer: ArrayBuffer;
      let created: Pick<CallOk, 'transports' | 'publicKeyAlgorithm' | 'publicKeyLength'> | undefined;
      let asserted: Pick<CallOk, 'userHandle'> | undefined;
      if (c.kind === 'create') {
        const response = cred.response as AuthenticatorAttestationResponse;
        authData = new Uint8Array(response.getAuthenticatorData());
        ownBuffer = response.attestationObject;
        created = {
          transports: response.getTransports(),
          publicKeyAlgorithm: response.getPublicKeyAlgorithm(),
          publicKeyLength: response.getPublicKey()?.byteLength ?? 0,
        };
      } else {
        const response = cred.response as AuthenticatorAssertionResponse;
        authData = new Uint8Array(response.authenticatorData);
        ownBuffer = response.signature;
        asserted = {
          userHandle: response.userHandle ? new TextDecoder().decode(response.userHandle) : null,
        };
      }
      const json = (cred as unknown as { toJSON(): Record<string, unknown> }).toJSON();
      return {
        ok: true as const,
        id: cred.id,
        type: cred.type,
        isPublicKeyCredential: cred instanceof PublicKeyCredential,
        rawIdIsArrayBuffer: cred.rawId instanceof ArrayBuffer,
        responseBuffersAreArrayBuffers:
          cred.response.clientDataJSON instanceof ArrayBuffer && ownBuffer instanceof ArrayBuffer,
        attachment: cred.authenticatorAttachment,
        clientData: JSON.parse(new TextDecoder().decode(cred.response.clientDataJSON)),
        ...created,
        authenticatorDataLength: authData.length,
        flags: authData[32] ?? 0,
        signCount: new DataView(authData.buffer).getUint32(33),
        ...asserted,
        extensions: cred.getClientExtensionResults(),
        toJSONKeys: Object.keys(json).sort(),
        json,
      };
    } catch (e) {
      const err = e as Error;
      return { ok: false as const, name: err.name, message: err.message };
    }
  }, request);
}
