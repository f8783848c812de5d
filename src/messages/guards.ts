/** Shape checks for messages that cross a trust boundary. Anything that fails is dropped. */
import type {
  CeremonyKind,
  CoreMessage,
  FrameFacts,
  PageRequestMessage,
  PopupPortMessage,
  PromptDecision,
  RelayToWorker,
} from './protocol.ts';
import { PAGE_CHANNEL } from './protocol.ts';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isKind = (v: unknown): v is CeremonyKind => v === 'create' || v === 'get';
/** Request IDs are made by the relay with crypto.randomUUID(). */
const isRequestId = (v: unknown): v is string => isString(v) && /^[0-9a-f-]{36}$/.test(v);

export function isPageRequestMessage(v: unknown): v is PageRequestMessage {
  return isObj(v) && v.channel === PAGE_CHANNEL && isKind(v.kind) && 'options' in v;
}

function isFrameFacts(v: unknown): v is FrameFacts {
  return (
    isObj(v) &&
    Array.isArray(v.ancestorOrigins) &&
    v.ancestorOrigins.length <= 64 &&
    v.ancestorOrigins.every(isString) &&
    typeof v.permissionsPolicyAllows === 'boolean' &&
    typeof v.hasTransientActivation === 'boolean' &&
    typeof v.documentVisible === 'boolean'
  );
}

export function isRelayToWorker(v: unknown): v is RelayToWorker {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'begin':
    case 'resume':
      return isRequestId(v.requestId) && isKind(v.kind) && 'options' in v && isFrameFacts(v.frame);
    case 'abort':
      return isRequestId(v.requestId);
    case 'ping':
      return true;
    default:
      return false;
  }
}

export function isPopupPortMessage(v: unknown): v is PopupPortMessage {
  if (!isObj(v)) return false;
  if (v.type === 'closing') return true;
  return v.type === 'showing' && (v.promptId === null || isString(v.promptId));
}

function isDecision(v: unknown): v is PromptDecision {
  if (!isObj(v)) return false;
  if (v.type === 'cancel' || v.type === 'fallback') return true;
  return (
    v.type === 'approve' &&
    (v.credentialId === undefined || isString(v.credentialId)) &&
    (v.pin === undefined || isString(v.pin))
  );
}

/** Runtime messages come only from our own pages (the popup), but are still checked. */
export function isCoreMessage(v: unknown): v is CoreMessage {
  if (!isObj(v) || !isString(v.name) || !isObj(v.payload)) return false;
  const p = v.payload;
  switch (v.name) {
    case 'prompt/current':
    case 'credentials/list':
    case 'settings/get':
      return true;
    case 'prompt/answer':
      return isString(p.promptId) && isDecision(p.decision);
    case 'credentials/delete':
      return isString(p.id);
    case 'settings/set-pin':
      return isString(p.newPin) && (p.currentPin === undefined || isString(p.currentPin));
    case 'settings/bypass':
      return isString(p.origin) && typeof p.bypass === 'boolean';
    case 'settings/reset':
      return p.confirm === 'RESET';
    default:
      return false;
  }
}
