/**
 * Shape checks for every message in `protocol.ts`, keyed by the same names. Anything that fails is
 * dropped. Messages from our own pages are checked too, so a bug (or a compromised page of ours)
 * cannot store malformed data.
 */
import { OTP_ALGORITHMS } from '../totp/types.ts';
import type {
  CeremonyKind,
  FrameFacts,
  OfferToRelay,
  OfferToWorker,
  PageRequestMessage,
  PageSignalMessage,
  PageWarmMessage,
  PopupToWorker,
  PromptDecision,
  RelaySignalToWorker,
  RelayToOffer,
  RelayToWorker,
  RuntimeMessage,
  RuntimeName,
  SignalOutcome,
  WorkerToOffer,
  WorkerToPopup,
} from './protocol.ts';
import { PAGE_CHANNEL } from './protocol.ts';
import type { OtpAccountWire } from './views.ts';
import { workbenchGuards } from './workbench-guards.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 1024): v is string => typeof v === 'string' && v.length <= max;
const isOptionalText = (v: unknown, max?: number) => v === undefined || isText(v, max);
const isKind = (v: unknown): v is CeremonyKind => v === 'create' || v === 'get';
/** Request and account ids are made with crypto.randomUUID(). */
const isUuid = (v: unknown): v is string => isText(v, 64) && /^[0-9a-f-]{36}$/.test(v);
const isWhole = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const isTabId = (v: unknown): boolean => v === undefined || isWhole(v, 0, 2 ** 31);
const isEmpty = () => true;

// ---------------------------------------------------------------------------------------------
// Ports.

/** Passkey autofill is a get() mode only. */
const isMediation = (v: Obj): boolean =>
  v.mediation === undefined || (v.mediation === 'conditional' && v.kind === 'get');

export function isPageRequestMessage(v: unknown): v is PageRequestMessage {
  return isObj(v) && v.channel === PAGE_CHANNEL && isKind(v.kind) && 'options' in v && isMediation(v);
}

export function isPageWarmMessage(v: unknown): v is PageWarmMessage {
  return isObj(v) && v.channel === PAGE_CHANNEL && v.kind === 'warm';
}

export function isPageSignalMessage(v: unknown): v is PageSignalMessage {
  return isObj(v) && v.channel === PAGE_CHANNEL && v.kind === 'signal' && isObj(v.signal);
}

export function isRelaySignalToWorker(v: unknown): v is RelaySignalToWorker {
  return isObj(v) && v.type === 'signal' && isObj(v.signal);
}

/** The worker's answer to a signal; the relay passes on nothing else to the page. */
export function isSignalOutcome(v: unknown): v is SignalOutcome {
  if (!isObj(v)) return false;
  if (v.type === 'done') return true;
  return v.type === 'error' && isText(v.name, 64) && isText(v.message, 4096);
}

function isFrameFacts(v: unknown): v is FrameFacts {
  return (
    isObj(v) &&
    Array.isArray(v.ancestorOrigins) &&
    v.ancestorOrigins.length <= 64 &&
    v.ancestorOrigins.every((o) => typeof o === 'string') &&
    typeof v.permissionsPolicyAllows === 'boolean' &&
    typeof v.hasTransientActivation === 'boolean' &&
    typeof v.documentVisible === 'boolean' &&
    typeof v.documentFocused === 'boolean'
  );
}

const relayGuards: { [T in RelayToWorker['type']]: (v: Obj) => boolean } = {
  begin: (v) =>
    isUuid(v.requestId) && isKind(v.kind) && 'options' in v && isFrameFacts(v.frame) && isMediation(v),
  resume: (v) => relayGuards.begin(v),
  abort: (v) => isUuid(v.requestId),
  ping: isEmpty,
};

/** The guard a map holds for `key`, never one inherited from Object.prototype. */
function ownGuard(map: Record<string, (v: Obj) => boolean>, key: unknown): ((v: Obj) => boolean) | undefined {
  return typeof key === 'string' && Object.hasOwn(map, key) ? map[key] : undefined;
}

export function isRelayToWorker(v: unknown): v is RelayToWorker {
  return isObj(v) && (ownGuard(relayGuards, v.type)?.(v) ?? false);
}

/** Offer tokens are 32 random bytes, base64url. */
const isToken = (v: unknown): v is string => isText(v, 64) && /^[A-Za-z0-9_-]{43}$/.test(v);

export function isOfferToWorker(v: unknown): v is OfferToWorker {
  if (!isObj(v)) return false;
  if (v.type === 'hello') return isToken(v.token);
  return v.type === 'choose' && isText(v.credentialId, 2048) && /^[A-Za-z0-9_-]+$/.test(v.credentialId);
}

export function isWorkerToOffer(v: unknown): v is WorkerToOffer {
  if (!isObj(v)) return false;
  if (v.type === 'closed') return true;
  return v.type === 'entries' && typeof v.rpId === 'string' && Array.isArray(v.entries);
}

export function isRelayToOffer(v: unknown): v is RelayToOffer {
  return isObj(v) && v.type === 'token' && isToken(v.token);
}

export function isOfferToRelay(v: unknown): v is OfferToRelay {
  if (!isObj(v)) return false;
  return v.type === 'dismiss' || (v.type === 'height' && isWhole(v.px, 0, 2000));
}

const isCallId = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function isPopupToWorker(v: unknown): v is PopupToWorker {
  if (!isObj(v)) return false;
  if (v.type === 'closing') return true;
  if (v.type === 'answer') {
    return (
      isCallId(v.callId) && isRuntimeMessage({ name: 'prompt/answer', payload: v.request }, ['prompt/answer'])
    );
  }
  return v.type === 'showing' && (v.promptId === null || typeof v.promptId === 'string');
}

export function isWorkerToPopup(v: unknown): v is WorkerToPopup {
  if (!isObj(v)) return false;
  if (v.type === 'answered') return isCallId(v.callId) && (isObj(v.response) || typeof v.failed === 'string');
  return v.type === 'refresh';
}

// ---------------------------------------------------------------------------------------------
// Runtime messages.

function isDecision(v: unknown): v is PromptDecision {
  if (!isObj(v)) return false;
  if (v.type === 'cancel' || v.type === 'fallback') return true;
  return v.type === 'approve' && isOptionalText(v.credentialId, Infinity) && isOptionalText(v.pin, Infinity);
}

/** Generous limits: a base32 secret of 4 KiB is far beyond any real one (20–64 bytes). */
const MAX_ACCOUNTS = 10_000;

function isExtra(v: unknown): v is Record<string, string> {
  if (!isObj(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= 64 && entries.every(([key, value]) => isText(key, 256) && isText(value, 4096));
}

/**
 * Why an account cannot be stored as it is, in words for the user, or null when it can. The add
 * screens ask this of each account, so one odd entry is reported while the others are added.
 */
export function accountWireProblem(v: unknown): string | null {
  if (!isObj(v)) return 'it is not an account';
  if (v.kind !== 'totp' && v.kind !== 'hotp' && v.kind !== 'steam')
    return 'its kind is not TOTP, HOTP or Steam';
  if (!isText(v.issuer) || !isText(v.accountName))
    return 'its issuer or account name is longer than 1,024 characters';
  if (!isText(v.secret, 4096) || !/^[A-Z2-7]+$/.test(v.secret))
    return 'its secret is empty or longer than 4 KiB';
  if (!OTP_ALGORITHMS.includes(v.algorithm as never)) return 'its algorithm is not SHA1, SHA256 or SHA512';
  if (!isWhole(v.digits, 5, 8)) return 'its codes are not 5 to 8 digits long';
  if (!isWhole(v.period, 1, 86_400 * 365)) return 'its period is not between 1 second and a year';
  if (!isWhole(v.counter, 0, Number.MAX_SAFE_INTEGER)) return 'its counter is not a whole number';
  if (!isExtra(v.extra)) return 'it has more than 64 extra parameters, or one too long';
  return null;
}

export function isAccountWire(v: unknown): v is OtpAccountWire {
  return accountWireProblem(v) === null;
}

const DUPLICATE_POLICIES: readonly unknown[] = ['ask', 'skip', 'add', 'replace'];
const RESTORE_POLICIES: readonly unknown[] = ['skip', 'add', 'replace'];
/** 10,000 passkeys and codes take about 5 MB; 64 MiB is Chrome's message limit. */
const MAX_BACKUP_CHARS = 48 * 1024 * 1024;
const EXPORT_FORMATS: readonly unknown[] = ['uri-list', 'aegis', 'google'];
/** Passkeys per page of the list: a page is one message, kept well under a megabyte. */
const MAX_PASSKEY_PAGE = 2000;
/** A passkey's name as the user types it; sites' own names are clipped at 64 bytes (CTAP 2.1 §6.1). */
const MAX_DISPLAY_NAME = 256;

const runtimeGuards: { [K in RuntimeName]: (payload: Obj) => boolean } = {
  'prompt/current': isEmpty,
  'prompt/answer': (p) => typeof p.promptId === 'string' && isDecision(p.decision),
  'credentials/list': (p) =>
    isWhole(p.limit, 1, MAX_PASSKEY_PAGE) &&
    (p.after === undefined || (isObj(p.after) && isText(p.after.rpId, 253) && isText(p.after.id, 2048))),
  'credentials/delete': (p) => typeof p.id === 'string',
  'credentials/restore': (p) => isText(p.id),
  'credentials/rename': (p) => isText(p.id) && isText(p.userDisplayName, MAX_DISPLAY_NAME),
  'settings/get': isEmpty,
  'settings/set-pin': (p) => typeof p.newPin === 'string' && isOptionalText(p.currentPin, Infinity),
  'settings/bypass': (p) => typeof p.origin === 'string' && typeof p.bypass === 'boolean',
  'settings/reset': (p) => p.confirm === 'RESET',
  'settings/remove-pin': (p) => typeof p.currentPin === 'string',
  'settings/auto-lock': (p) => isWhole(p.minutes, 0, 24 * 60),
  'vault/lock': isEmpty,
  'backup/export': (p) => isText(p.passphrase) && isOptionalText(p.pin, Infinity),
  'backup/export-cxf': (p) => isOptionalText(p.pin, Infinity),
  'backup/import-cxf': (p) => isText(p.text, MAX_BACKUP_CHARS) && isOptionalText(p.pin, Infinity),
  'backup/inspect': (p) =>
    isText(p.text, MAX_BACKUP_CHARS) && isText(p.passphrase) && isOptionalText(p.pin, Infinity),
  'backup/restore': (p) =>
    isText(p.text, MAX_BACKUP_CHARS) &&
    isText(p.passphrase) &&
    isOptionalText(p.pin, Infinity) &&
    RESTORE_POLICIES.includes(p.onDuplicate),
  'otp/list': (p) =>
    isOptionalText(p.hostname, 253) &&
    (p.first === undefined || (Number.isSafeInteger(p.first) && (p.first as number) > 0)),
  'otp/unlock': (p) => isText(p.pin, 256),
  'otp/add': (p) =>
    Array.isArray(p.accounts) &&
    p.accounts.length <= MAX_ACCOUNTS &&
    p.accounts.every(isAccountWire) &&
    DUPLICATE_POLICIES.includes(p.onDuplicate) &&
    isOptionalText(p.site, 253),
  'otp/update': (p) => isUuid(p.id) && isText(p.issuer) && isText(p.accountName),
  'otp/delete': (p) => isUuid(p.id),
  'otp/set-sites': (p) =>
    isUuid(p.id) && Array.isArray(p.sites) && p.sites.length <= 64 && p.sites.every((s) => isText(s, 253)),
  'otp/reorder': (p) => Array.isArray(p.ids) && p.ids.length <= MAX_ACCOUNTS && p.ids.every(isUuid),
  'otp/pin': (p) => isUuid(p.id) && typeof p.pinned === 'boolean',
  'otp/next-hotp': (p) => isUuid(p.id),
  'otp/scan-tab': (p) => isTabId(p.tabId),
  'otp/fill': (p) => isUuid(p.id) && isTabId(p.tabId),
  'otp/export': (p) => EXPORT_FORMATS.includes(p.format) && isOptionalText(p.pin, Infinity),
  'otp/clock-check': (p) => isTabId(p.tabId) && isOptionalText(p.url, 2048),
  // At most an hour: a page's Date header must not be able to shift codes far into the future.
  'otp/set-clock-offset': (p) => isWhole(p.offsetMs, -3_600_000, 3_600_000),
  'otp/clear-clipboard-later': (p) => isWhole(p.afterMs, 0, 120_000),
  'offscreen/clear-clipboard': (p) => isWhole(p.afterMs, 0, 120_000),
  ...workbenchGuards,
};

/** A well-formed runtime message, optionally only one of `names` (each side answers its own). */
export function isRuntimeMessage<K extends RuntimeName>(
  v: unknown,
  names?: readonly K[],
): v is RuntimeMessage<K> {
  if (!isObj(v) || !isObj(v.payload)) return false;
  if (names && !names.includes(v.name as K)) return false;
  return ownGuard(runtimeGuards, v.name)?.(v.payload) ?? false;
}
