/**
 * Raw navigator.credentials calls made inside a page or frame, the way hand-written RP code makes
 * them; each returns what the page could observe (shape checks included) or the error's name.
 */
import type { Frame, Page } from '@playwright/test';

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
}

export interface GetArgs {
  rpId?: string;
  allowIds?: string[];
  timeout?: number;
  userVerification?: 'discouraged' | 'preferred' | 'required';
  abortAfterMs?: number;
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

export function create(target: Page | Frame, args: CreateArgs = {}): Promise<CallResult> {
  return target.evaluate(async (a: CreateArgs) => {
    const unb64 = (s: string) =>
      Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const controller = new AbortController();
    const publicKey: Record<string, unknown> = {
      rp: { name: 'Test RP', ...(a.rpId ? { id: a.rpId } : {}) },
      user: {
        id: new Uint8Array(a.userId ?? [1, 2, 3, 4]),
        name: a.userName ?? 'alice',
        displayName: a.userName ?? 'Alice',
      },
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      pubKeyCredParams: (a.algs ?? [-7]).map((alg) => ({ type: 'public-key', alg })),
      excludeCredentials: (a.excludeIds ?? []).map((id) => ({ type: 'public-key', id: unb64(id) })),
      authenticatorSelection: {
        residentKey: a.residentKey ?? 'required',
        userVerification: a.userVerification ?? 'discouraged',
      },
      extensions: { credProps: true },
      ...(a.timeout ? { timeout: a.timeout } : {}),
    };
    for (const key of a.omit ?? []) delete publicKey[key];
    if (a.abortAfterMs !== undefined) setTimeout(() => controller.abort(), a.abortAfterMs);
    try {
      const cred = (await navigator.credentials.create({
        publicKey,
        signal: controller.signal,
      } as unknown as CredentialCreationOptions)) as PublicKeyCredential;
      const response = cred.response as AuthenticatorAttestationResponse;
      const authData = new Uint8Array(response.getAuthenticatorData());
      const json = (cred as unknown as { toJSON(): Record<string, unknown> }).toJSON();
      return {
        ok: true as const,
        id: cred.id,
        type: cred.type,
        isPublicKeyCredential: cred instanceof PublicKeyCredential,
        rawIdIsArrayBuffer: cred.rawId instanceof ArrayBuffer,
        responseBuffersAreArrayBuffers:
          response.clientDataJSON instanceof ArrayBuffer && response.attestationObject instanceof ArrayBuffer,
        attachment: cred.authenticatorAttachment,
        clientData: JSON.parse(new TextDecoder().decode(response.clientDataJSON)),
        transports: response.getTransports(),
        publicKeyAlgorithm: response.getPublicKeyAlgorithm(),
        publicKeyLength: response.getPublicKey()?.byteLength ?? 0,
        authenticatorDataLength: authData.length,
        flags: authData[32] ?? 0,
        signCount: new DataView(authData.buffer).getUint32(33),
        extensions: cred.getClientExtensionResults(),
        toJSONKeys: Object.keys(json).sort(),
      };
    } catch (e) {
      const err = e as Error;
      return { ok: false as const, name: err.name, message: err.message };
    }
  }, args);
}

export function get(target: Page | Frame, args: GetArgs = {}): Promise<CallResult> {
  return target.evaluate(async (a: GetArgs) => {
    const unb64 = (s: string) =>
      Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const controller = new AbortController();
    const publicKey: Record<string, unknown> = {
      challenge: crypto.getRandomValues(new Uint8Array(32)),
      allowCredentials: (a.allowIds ?? []).map((id) => ({ type: 'public-key', id: unb64(id) })),
      userVerification: a.userVerification ?? 'discouraged',
      ...(a.rpId ? { rpId: a.rpId } : {}),
      ...(a.timeout ? { timeout: a.timeout } : {}),
    };
    if (a.abortAfterMs !== undefined) setTimeout(() => controller.abort(), a.abortAfterMs);
    try {
      const cred = (await navigator.credentials.get({
        publicKey,
        signal: controller.signal,
      } as unknown as CredentialRequestOptions)) as PublicKeyCredential;
      const response = cred.response as AuthenticatorAssertionResponse;
      const authData = new Uint8Array(response.authenticatorData);
      const json = (cred as unknown as { toJSON(): Record<string, unknown> }).toJSON();
      return {
        ok: true as const,
        id: cred.id,
        type: cred.type,
        isPublicKeyCredential: cred instanceof PublicKeyCredential,
        rawIdIsArrayBuffer: cred.rawId instanceof ArrayBuffer,
        responseBuffersAreArrayBuffers:
          response.clientDataJSON instanceof ArrayBuffer && response.signature instanceof ArrayBuffer,
        attachment: cred.authenticatorAttachment,
        clientData: JSON.parse(new TextDecoder().decode(response.clientDataJSON)),
        authenticatorDataLength: authData.length,
        flags: authData[32] ?? 0,
        signCount: new DataView(authData.buffer).getUint32(33),
        userHandle: response.userHandle ? new TextDecoder().decode(response.userHandle) : null,
        extensions: cred.getClientExtensionResults(),
        toJSONKeys: Object.keys(json).sort(),
      };
    } catch (e) {
      const err = e as Error;
      return { ok: false as const, name: err.name, message: err.message };
    }
  }, args);
}
