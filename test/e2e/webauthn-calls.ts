/**
 * Raw navigator.credentials calls made inside a page or frame, the way hand-written RP code makes
 * them; each returns what the page could observe (shape checks included) or the error's name. Also
 * the two steps most tests take around them: open the blank page, approve a call that must succeed.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import type { DemoServer } from '../../demo/server.ts';
import { approve } from './fixtures.ts';

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
  abortAfterMs?: number;
  /** WebAuthn L3 §5.8.7 hints, as the page would pass them. */
  hints?: string[];
}

export interface GetArgs {
  rpId?: string;
  allowIds?: string[];
  timeout?: number;
  userVerification?: 'discouraged' | 'preferred' | 'required';
  abortAfterMs?: number;
  hints?: string[];
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

type Call = { kind: 'create'; args: CreateArgs } | { kind: 'get'; args: GetArgs };

export function create(target: Page | Frame, args: CreateArgs = {}): Promise<CallResult> {
  return call(target, { kind: 'create', args });
}

export function get(target: Page | Frame, args: GetArgs = {}): Promise<CallResult> {
  return call(target, { kind: 'get', args });
}

/** One function for both ceremonies: it runs in the page, so it cannot share helpers with another. */
function call(target: Page | Frame, request: Call): Promise<CallResult> {
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
        challenge: crypto.getRandomValues(new Uint8Array(32)),
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
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        allowCredentials: descriptors(a.allowIds),
        userVerification: a.userVerification ?? 'discouraged',
        ...(a.rpId ? { rpId: a.rpId } : {}),
        ...timeout,
        ...hints,
      };
    }
    if (c.args.abortAfterMs !== undefined) setTimeout(() => controller.abort(), c.args.abortAfterMs);
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
      };
    } catch (e) {
      const err = e as Error;
      return { ok: false as const, name: err.name, message: err.message };
    }
  }, request);
}
