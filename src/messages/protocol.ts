/**
 * The one protocol map for every hop between extension contexts. Bytes travel as base64url strings
 * (architecture trap 4). Page → relay → worker payloads are untrusted: the worker checks their shape
 * with the guards in `guards.ts`, and none of them carries an origin.
 */

import type { FrameFacts } from '../client/types.ts';
import type {
  AuthenticationResponseJSON,
  RegistrationResponseJSON,
  WebAuthnErrorName,
} from '../shared/webauthn-json.ts';
import type { OtpProtocol } from './otp-protocol.ts';
import type { CredentialSummaryView, PromptView, SettingsView } from './views.ts';

export type CeremonyKind = 'create' | 'get';

/** How a ceremony ends, on every hop back to the page. */
export type CeremonyOutcome =
  | { type: 'result'; kind: 'create'; credential: RegistrationResponseJSON }
  | { type: 'result'; kind: 'get'; credential: AuthenticationResponseJSON }
  | { type: 'error'; name: WebAuthnErrorName; message: string }
  /** Run the request with the browser's own authenticator instead. */
  | { type: 'fallback' };

// ---------------------------------------------------------------------------------------------
// Hop 1: page script (MAIN world) → relay (isolated world), window.postMessage + MessageChannel.

export const PAGE_CHANNEL = 'tapkey/page-v1';

/** Posted on `window` with a MessagePort; the relay answers on that port. */
export interface PageRequestMessage {
  channel: typeof PAGE_CHANNEL;
  kind: CeremonyKind;
  /** The options in WebAuthn's JSON form: untrusted. */
  options: unknown;
}

/** Page → relay on the request's port. */
export type PagePortMessage = { type: 'abort' };

// ---------------------------------------------------------------------------------------------
// Hop 2: relay → service worker, one runtime Port (name CEREMONY_PORT) per request.

export const CEREMONY_PORT = 'tapkey/ceremony-v1';

export type { FrameFacts } from '../client/types.ts';

export type RelayToWorker =
  | { type: 'begin'; requestId: string; kind: CeremonyKind; options: unknown; frame: FrameFacts }
  /** After the worker restarted: the same request again; the worker finds its prompt and answer. */
  | { type: 'resume'; requestId: string; kind: CeremonyKind; options: unknown; frame: FrameFacts }
  | { type: 'abort'; requestId: string }
  /** Keeps an idle-timer-bound service worker alive while the user decides. */
  | { type: 'ping' };

export type WorkerToRelay = CeremonyOutcome & { requestId: string };

// ---------------------------------------------------------------------------------------------
// Hop 3: popup ↔ service worker, runtime.sendMessage request/response.

export const POPUP_PORT = 'tapkey/popup-v1';

/** Popup → worker on POPUP_PORT: which prompt the popup shows, so closing it cancels that one. */
export type PopupPortMessage = { type: 'showing'; promptId: string | null } | { type: 'closing' };

export type PromptDecision =
  | { type: 'approve'; credentialId?: string; pin?: string }
  | { type: 'cancel' }
  | { type: 'fallback' };

/** name → request payload and response, for every runtime message the worker answers. */
export interface RuntimeProtocol extends CoreProtocol, OtpProtocol {}

/** The security-key part of the protocol. */
export interface CoreProtocol {
  'prompt/current': { request: Record<string, never>; response: PromptView | null };
  'prompt/answer': {
    request: { promptId: string; decision: PromptDecision };
    /** `remaining`: prompts still waiting after this one, so the popup can close at once. */
    response: { ok: true; remaining: number } | { ok: false; error: string; retriesLeft?: number };
  };
  'credentials/list': { request: Record<string, never>; response: CredentialSummaryView[] };
  'credentials/delete': { request: { id: string }; response: { deleted: boolean } };
  'settings/get': { request: Record<string, never>; response: SettingsView };
  'settings/set-pin': {
    request: { currentPin?: string; newPin: string };
    response: { ok: true } | { ok: false; error: string };
  };
  'settings/bypass': { request: { origin: string; bypass: boolean }; response: SettingsView };
  /** Erases every passkey, code and the PIN. `confirm` must be the literal word, typed by the user. */
  'settings/reset': { request: { confirm: 'RESET' }; response: SettingsView };
}

export type RuntimeName = keyof RuntimeProtocol;
export type RuntimeRequest<K extends RuntimeName> = RuntimeProtocol[K]['request'];
export type RuntimeResponse<K extends RuntimeName> = RuntimeProtocol[K]['response'];

type Envelope<P> = {
  [K in keyof P]: { name: K; payload: P[K] extends { request: infer R } ? R : never };
}[keyof P];

/** The envelopes on the wire. */
export type CoreMessage = Envelope<CoreProtocol>;
export type OtpMessage = Envelope<OtpProtocol>;
export type RuntimeMessage = CoreMessage | OtpMessage;
