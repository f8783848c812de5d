/**
 * The one protocol map for every hop between extension contexts; the guards for each message stand
 * beside it in `guards.ts`, keyed by the same names, so the compiler keeps the two in step. Bytes
 * travel as base64url strings (architecture trap 4). Page → relay → worker payloads are untrusted:
 * none of them carries an origin, which comes from the browser only.
 *
 * Hops:
 *   page script ⇄ relay         window message + one MessageChannel per request (PAGE_CHANNEL)
 *   relay ⇄ worker              one runtime Port per request (CEREMONY_PORT) or signal (SIGNAL_PORT)
 *   popup ⇄ worker              one runtime Port per popup (POPUP_PORT), and runtime messages
 *   worker → offscreen document runtime messages (`offscreen/*`)
 */
import type { FrameFacts } from '../client/types.ts';
import type {
  AuthenticationResponseJSON,
  RegistrationResponseJSON,
  WebAuthnErrorName,
} from '../shared/webauthn-json.ts';
import type {
  CredentialSummaryView,
  OtpAccountView,
  OtpAccountWire,
  OtpDuplicateView,
  PasskeyCursor,
  PromptRequestView,
  PromptView,
  RestorePlanView,
  RestoreResultView,
  SettingsView,
} from './views.ts';
import type { WorkbenchProtocol } from './workbench-protocol.ts';

export type CeremonyKind = PromptRequestView['kind'];

/** How a ceremony ends, on every hop back to the page. */
export type CeremonyOutcome =
  | { type: 'result'; kind: 'create'; credential: RegistrationResponseJSON }
  | { type: 'result'; kind: 'get'; credential: AuthenticationResponseJSON }
  | { type: 'error'; name: WebAuthnErrorName; message: string }
  /** Run the request with the browser's own authenticator instead. */
  | { type: 'fallback' };

// ---------------------------------------------------------------------------------------------
// Page script (MAIN world) → relay (isolated world).

export const PAGE_CHANNEL = 'tapkey/page-v1';

/** Posted on `window` with a MessagePort; the relay answers on that port. */
export interface PageRequestMessage {
  channel: typeof PAGE_CHANNEL;
  kind: CeremonyKind;
  /** The options in WebAuthn's JSON form: untrusted. */
  options: unknown;
  /** `conditional`: passkey autofill (WebAuthn L3 §5.1.4, mediation "conditional"); get() only. */
  mediation?: 'conditional';
}

/** Page → relay on the request's port. */
export type PagePortMessage = { type: 'abort' };

/**
 * A WebAuthn L3 §5.1.10 signal (PublicKeyCredential.signal*), posted on `window` like a request, with
 * a MessagePort for the answer. `signal` is `{ method, options }` as converted in the page: untrusted.
 */
export interface PageSignalMessage {
  channel: typeof PAGE_CHANNEL;
  kind: 'signal';
  signal: unknown;
}

/**
 * The page showed it is about to use WebAuthn (it asked for the client's capabilities or for
 * conditional mediation, as sign-in pages do when they load): the relay wakes the worker, which
 * Chrome stops after 30 s idle, so that the sign-in which follows meets a started one. Carries nothing.
 */
export interface PageWarmMessage {
  channel: typeof PAGE_CHANNEL;
  kind: 'warm';
}

/** How a signal ended, on every hop back to the page. */
export type SignalOutcome = { type: 'done' } | { type: 'error'; name: WebAuthnErrorName; message: string };

// ---------------------------------------------------------------------------------------------
// Relay ⇄ service worker.

export const CEREMONY_PORT = 'tapkey/ceremony-v1';

export type { FrameFacts } from '../client/types.ts';

interface RelayStart {
  requestId: string;
  kind: CeremonyKind;
  options: unknown;
  frame: FrameFacts;
  mediation?: 'conditional';
}

export type RelayToWorker =
  | ({ type: 'begin' } & RelayStart)
  /** After the worker restarted: the same request again; the worker finds its prompt and answer. */
  | ({ type: 'resume' } & RelayStart)
  | { type: 'abort'; requestId: string }
  /** Keeps an idle-timer-bound service worker alive while the user decides. */
  | { type: 'ping' };

export type WorkerToRelay =
  | (CeremonyOutcome & { requestId: string })
  /**
   * Passkey autofill: Tapkey has passkeys to offer; show the offer frame with this token on the
   * page's webauthn fields. Not an outcome: the request goes on until the user chooses.
   */
  | { type: 'offer'; requestId: string; token: string };

// ---------------------------------------------------------------------------------------------
// Offer frame (extension page in an iframe on the page) ⇄ service worker, on its own runtime Port.

export const OFFER_PORT = 'tapkey/offer-v1';

export type OfferToWorker =
  /** The token the relay gave the frame: the worker answers with the entries of that offer. */
  | { type: 'hello'; token: string }
  /** The user chose this passkey (a trusted click on a visible frame): the user's presence. */
  | { type: 'choose'; credentialId: string };

export type WorkerToOffer =
  | { type: 'entries'; rpId: string; entries: CredentialSummaryView[] }
  /** The offer is over (chosen, aborted, answered another way): the relay removes the frame. */
  | { type: 'closed' };

/** Relay ⇄ offer frame, over a MessageChannel the relay sends with the token. */
export type RelayToOffer = { type: 'token'; token: string };
export type OfferToRelay = { type: 'dismiss' } | { type: 'height'; px: number };

/** Opened by a relay to wake the worker (PageWarmMessage); the worker only disconnects it. */
export const WARM_PORT = 'tapkey/warm-v1';

/** One runtime Port per signal: the relay posts it, the worker answers once and disconnects. */
export const SIGNAL_PORT = 'tapkey/signal-v1';
export type RelaySignalToWorker = { type: 'signal'; signal: unknown };

// ---------------------------------------------------------------------------------------------
// Popup ⇄ service worker on the popup's port.

export const POPUP_PORT = 'tapkey/popup-v1';

/**
 * Which prompt the popup shows (so closing it cancels that one), that it is closing, or the user's
 * answer: carried on the port the popup already holds, a runtime message would first open a channel
 * of its own (about 2 ms between the tap and the worker).
 */
export type PopupToWorker =
  | { type: 'showing'; promptId: string | null }
  | { type: 'closing' }
  | { type: 'answer'; callId: number; request: RuntimeRequest<'prompt/answer'> };

/** The prompt queue changed: read it again. Or the worker's reply to an answer (`failed`: it threw). */
export type WorkerToPopup =
  | { type: 'refresh' }
  | { type: 'answered'; callId: number; response?: RuntimeResponse<'prompt/answer'>; failed?: string };

// ---------------------------------------------------------------------------------------------
// Runtime messages: name → request and response. Sent by the popup (and the worker, to the
// offscreen document) with `send` from `client.ts`.

export type PromptDecision =
  | { type: 'approve'; credentialId?: string; pin?: string }
  | { type: 'cancel' }
  | { type: 'fallback' };

/** `locked`: the vault must be unlocked; `needsPin`: the PIN must be entered (again) for this. */
export type OtpFailure = { ok: false; error: string; locked?: boolean; needsPin?: boolean };
export type OtpDuplicatePolicy = 'ask' | 'skip' | 'add' | 'replace';
export type OtpExportFormat = 'uri-list' | 'aegis' | 'google';

type Empty = Record<string, never>;

/** Something a Credential Exchange export left behind, and why (no secrets in either). */
export type CxfLeftOutView = { kind: 'passkey' | 'account'; label: string; reason: string };

/** `needsPin`: enter the PIN (again) and retry; `retriesLeft` after a wrong one. */
export type BackupFailure = { ok: false; error: string; needsPin?: boolean; retriesLeft?: number };

export interface RuntimeProtocol extends WorkbenchProtocol {
  // The prompt (the "tap").
  'prompt/current': { request: Empty; response: PromptView | null };
  'prompt/answer': {
    request: { promptId: string; decision: PromptDecision };
    /** `remaining`: prompts still waiting after this one, so the popup can close at once. */
    response: { ok: true; remaining: number } | { ok: false; error: string; retriesLeft?: number };
  };

  // Passkeys and settings.
  /** A page of every passkey in site order; `after` is the previous page's `next`, absent at the end. */
  'credentials/list': {
    request: { after?: PasskeyCursor; limit: number };
    response: { passkeys: CredentialSummaryView[]; next?: PasskeyCursor };
  };
  'credentials/delete': { request: { id: string }; response: { deleted: boolean } };
  /** Shows a passkey a site's signal hid (WebAuthn L3 §5.1.10) again. */
  'credentials/restore': { request: { id: string }; response: { restored: boolean } };
  /** The name Tapkey shows for a passkey (its user display name); the site is not told. */
  'credentials/rename': {
    request: { id: string; userDisplayName: string };
    response: { ok: true } | { ok: false; error: string };
  };
  'settings/get': { request: Empty; response: SettingsView };
  'settings/set-pin': {
    request: { currentPin?: string; newPin: string };
    response: { ok: true } | { ok: false; error: string };
  };
  'settings/bypass': { request: { origin: string; bypass: boolean }; response: SettingsView };
  /** Erases every passkey, code and the PIN. `confirm` must be the literal word, typed by the user. */
  'settings/reset': { request: { confirm: 'RESET' }; response: SettingsView };
  /** Removes the PIN (the vault gets a new key that only the browser profile protects). */
  'settings/remove-pin': {
    request: { currentPin: string };
    response: { ok: true } | { ok: false; error: string };
  };
  /** Minutes without use before the vault locks; 0: only when the browser closes. */
  'settings/auto-lock': { request: { minutes: number }; response: SettingsView };
  /** "Lock now": the next sign-in or code asks for the PIN. */
  'vault/lock': { request: Empty; response: SettingsView };

  // Backup and restore of everything (passkeys with their private keys, codes, settings). Keys are
  // opened and sealed in the worker only: the popup sends the passphrase and gets the sealed file.
  /** With a PIN set, `pin` is asked again: exporting private keys is as sensitive as signing. */
  'backup/export': {
    request: { passphrase: string; pin?: string };
    response:
      | BackupFailure
      | { ok: true; text: string; fileName: string; passkeys: number; accounts: number };
  };
  /** Opens a backup and says what restoring it would do; nothing is changed. */
  'backup/inspect': {
    request: { text: string; passphrase: string; pin?: string };
    response: BackupFailure | { ok: true; createdAt: string; plan: RestorePlanView };
  };
  /**
   * The FIDO Credential Exchange Format, for moving to or from another app. Not encrypted: the file
   * holds private keys in the clear. `leftOut` says what stayed behind and why (CXF §3.3.12 leaves
   * out passkeys whose counter is not zero).
   */
  'backup/export-cxf': {
    request: { pin?: string };
    response:
      | BackupFailure
      | {
          ok: true;
          text: string;
          fileName: string;
          passkeys: number;
          accounts: number;
          leftOut: CxfLeftOutView[];
        };
  };
  /** Imports a CXF file: passkeys start at counter zero; codes already here are kept. */
  'backup/import-cxf': {
    request: { text: string; pin?: string };
    response: BackupFailure | { ok: true; result: RestoreResultView; issues: string[] };
  };
  /** Restores a backup in one transaction; `onDuplicate` applies to codes already here. */
  'backup/restore': {
    request: { text: string; passphrase: string; pin?: string; onDuplicate: 'skip' | 'replace' | 'add' };
    response: BackupFailure | { ok: true; result: RestoreResultView };
  };

  // Authenticator codes. Secrets travel only from the worker to the popup, which computes the codes
  // it shows (one HMAC key import per account, not a message per second).
  /**
   * `hostname`: the current tab's, so the worker (which has the Public Suffix List) scores which
   * accounts belong to that site; the popup then needs no PSL of its own. `first`: only the first
   * this many in the list's order (src/totp/display-order.ts), for the popup's first screen: 1,000
   * accounts are a 360 kB answer. `total` counts them all.
   */
  'otp/list': {
    request: { hostname?: string; first?: number };
    response:
      | {
          ok: true;
          accounts: OtpAccountView[];
          total: number;
          clockOffsetMs: number;
          siteScores: Record<string, number>;
        }
      | OtpFailure;
  };
  /** Enters the PIN when the vault is locked (a PIN was set and the browser restarted). */
  'otp/unlock': { request: { pin: string }; response: { ok: true } | OtpFailure };
  /** `site`: the tab the accounts were scanned from; they fill into it without being chosen. */
  'otp/add': {
    request: { accounts: OtpAccountWire[]; onDuplicate: OtpDuplicatePolicy; site?: string };
    response:
      | { ok: true; added: number; replaced: number; skipped: number; duplicates: OtpDuplicateView[] }
      | OtpFailure;
  };
  'otp/update': {
    request: { id: string; issuer: string; accountName: string };
    response: { ok: true } | OtpFailure;
  };
  'otp/delete': { request: { id: string }; response: { ok: true; deleted: boolean } | OtpFailure };
  /** The ids in their new order. */
  'otp/reorder': { request: { ids: string[] }; response: { ok: true } | OtpFailure };
  /** Pins an account (listed before the others) or unpins it. */
  'otp/pin': { request: { id: string; pinned: boolean }; response: { ok: true } | OtpFailure };
  /** HOTP: moves the counter on and stores it; the answer carries the new counter. */
  'otp/next-hotp': { request: { id: string }; response: { ok: true; counter: number } | OtpFailure };
  /** Captures the visible tab: a PNG data URL for the popup to find QR codes in, and the tab's site. */
  'otp/scan-tab': {
    request: { tabId?: number };
    response: { ok: true; image: string; site: string | null } | OtpFailure;
  };
  /** The sites (hosts or registrable domains) an account fills into without being chosen. */
  'otp/set-sites': {
    request: { id: string; sites: string[] };
    response: { ok: true; sites: string[] } | OtpFailure;
  };
  /** Fills the account's code (and the next one, for two code fields) into the tab's page. */
  'otp/fill': {
    request: { id: string; tabId?: number };
    response: { ok: true; filled: number } | OtpFailure;
  };
  /** Exports hold every secret: with a PIN set, the PIN is asked again. */
  'otp/export': {
    request: { format: OtpExportFormat; pin?: string };
    response:
      | { ok: true; format: 'uri-list' | 'aegis'; text: string; count: number }
      | { ok: true; format: 'google'; uris: string[]; count: number; left: string[] }
      | OtpFailure;
  };
  /**
   * Compares this computer's clock with a server's `Date` header: the tab's own origin (fetched from
   * inside the page, so no host permission is needed) or a URL that allows CORS.
   */
  'otp/clock-check': {
    request: { tabId?: number; url?: string };
    response: { ok: true; offsetMs: number; source: string; currentOffsetMs: number } | OtpFailure;
  };
  'otp/set-clock-offset': { request: { offsetMs: number }; response: { ok: true } };
  /** After a copy: clear the clipboard in `afterMs`, even once the popup has closed. */
  'otp/clear-clipboard-later': { request: { afterMs: number }; response: { ok: boolean } };

  // Worker → offscreen document.
  'offscreen/clear-clipboard': { request: { afterMs: number }; response: { ok: true } };
}

export type RuntimeName = keyof RuntimeProtocol;
export type RuntimeRequest<K extends RuntimeName> = RuntimeProtocol[K]['request'];
export type RuntimeResponse<K extends RuntimeName> = RuntimeProtocol[K]['response'];

/** The messages the offscreen document answers; the worker answers every other one. */
export type OffscreenName = Extract<RuntimeName, `offscreen/${string}`>;
export type WorkerName = Exclude<RuntimeName, OffscreenName>;

/** A runtime message on the wire. */
export type RuntimeMessage<K extends RuntimeName = RuntimeName> = {
  [N in K]: { name: N; payload: RuntimeRequest<N> };
}[K];

/** What answers one side's messages: a function per name, checked complete by the compiler. */
export type Handlers<K extends RuntimeName> = {
  [N in K]: (payload: RuntimeRequest<N>) => Promise<RuntimeResponse<N>>;
};
