/**
 * The faults a developer can turn on for an origin listed in the workbench: what each one is, which
 * ceremonies it applies to, how it is checked when it comes from a message or from storage, and the
 * error a page receives for the "answer with a DOMException" fault. Each fault makes a response a
 * correct relying party must refuse (src/workbench-core/inject-fault.test.ts proves it against
 * @simplewebauthn/server), or an error or a delay the page must cope with.
 */
import type { WebAuthnErrorName } from '../shared/webauthn-json.ts';

/** The DOMException names the workbench can answer with instead of running the ceremony. */
export const FAULT_ERROR_NAMES = [
  'NotAllowedError',
  'InvalidStateError',
  'NotSupportedError',
  'SecurityError',
  'AbortError',
  'ConstraintError',
  'TypeError',
] as const satisfies readonly WebAuthnErrorName[];
export type FaultErrorName = (typeof FAULT_ERROR_NAMES)[number];

export type FaultSpec =
  /** No ceremony: the page gets this error at once (no key is made or used). */
  | { type: 'exception'; name: FaultErrorName }
  /** The answer (or the error) reaches the page `ms` later; past the page's timeout it is a timeout. */
  | { type: 'delay'; ms: number }
  /** get(): the counter stays at the value of the credential's last use before the fault. */
  | { type: 'counter-frozen' }
  /** get(): the counter goes `by` below the value of the credential's last use before the fault. */
  | { type: 'counter-rollback'; by: number }
  /** The RP ID hash in authenticator data is not SHA-256 of the RP ID (§7.1 step 15, §7.2 step 15). */
  | { type: 'wrong-rp-id-hash' }
  /** The UP flag is cleared (§7.1 step 16, §7.2 step 16). */
  | { type: 'clear-up' }
  /** The UV flag is cleared (refused by an RP that requires user verification, §7.1 step 17). */
  | { type: 'clear-uv' }
  /** get(): the assertion signature; create(): the packed attestation signature (`none` has none). */
  | { type: 'bad-signature' }
  /** create(): the attestation object cut short; get(): ED set and truncated extension CBOR. */
  | { type: 'malformed-cbor' }
  /** clientDataJSON carries another challenge (§7.1 step 8, §7.2 step 12). */
  | { type: 'wrong-challenge' }
  /** clientDataJSON carries another origin (§7.1 step 9, §7.2 step 13). */
  | { type: 'wrong-origin' }
  /** create(): AT cleared and the attested credential data left out (§7.1 step 20 has nothing to read). */
  | { type: 'no-attested-credential-data' };

export type FaultType = FaultSpec['type'];

/** Which ceremonies of the origin the fault applies to. */
export type FaultOn = 'create' | 'get' | 'both';

export interface FaultSetting {
  spec: FaultSpec;
  on: FaultOn;
}

/** Each fault in words, in the order the workbench lists them; `only` marks a one-ceremony fault. */
export const FAULT_TYPES: readonly { type: FaultType; label: string; only?: 'create' | 'get' }[] = [
  { type: 'exception', label: 'Answer with an error' },
  { type: 'delay', label: 'Delay the answer' },
  { type: 'counter-frozen', label: 'Signature counter frozen', only: 'get' },
  { type: 'counter-rollback', label: 'Signature counter rolled back', only: 'get' },
  { type: 'wrong-rp-id-hash', label: 'Wrong RP ID hash' },
  { type: 'clear-up', label: 'User presence (UP) flag cleared' },
  { type: 'clear-uv', label: 'User verification (UV) flag cleared' },
  { type: 'bad-signature', label: 'Bad signature' },
  { type: 'malformed-cbor', label: 'Malformed CBOR' },
  { type: 'wrong-challenge', label: 'Wrong challenge in clientDataJSON' },
  { type: 'wrong-origin', label: 'Wrong origin in clientDataJSON' },
  { type: 'no-attested-credential-data', label: 'Attested credential data missing', only: 'create' },
];

/** A delay longer than Chrome's longest timeout (10 min) tests nothing more. */
export const MAX_FAULT_DELAY_MS = 10 * 60_000;
const MAX_ROLLBACK = 2 ** 32 - 1;

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

/** Checks a fault from a message or from storage: every member, nothing else trusted. */
export function isFaultSpec(v: unknown): v is FaultSpec {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  const keys = Object.keys(f).length;
  switch (f.type) {
    case 'exception':
      return keys === 2 && FAULT_ERROR_NAMES.some((n) => n === f.name);
    case 'delay':
      return keys === 2 && isInt(f.ms, 0, MAX_FAULT_DELAY_MS);
    case 'counter-rollback':
      return keys === 2 && isInt(f.by, 1, MAX_ROLLBACK);
    default:
      return keys === 1 && FAULT_TYPES.some((t) => t.type === f.type);
  }
}

export function isFaultSetting(v: unknown): v is FaultSetting {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    Object.keys(s).length === 2 &&
    (s.on === 'create' || s.on === 'get' || s.on === 'both') &&
    isFaultSpec(s.spec)
  );
}

/** Whether the fault changes a ceremony of this kind (a get-only fault leaves create() alone). */
export function faultApplies(setting: FaultSetting, kind: 'create' | 'get'): boolean {
  if (setting.on !== 'both' && setting.on !== kind) return false;
  const only = FAULT_TYPES.find((t) => t.type === setting.spec.type)?.only;
  return only === undefined || only === kind;
}

/** The fault in words, for the workbench's list and the ceremony log. */
export function describeFault(spec: FaultSpec): string {
  const label = FAULT_TYPES.find((t) => t.type === spec.type)?.label ?? spec.type;
  if (spec.type === 'exception') return `${label}: ${spec.name}`;
  if (spec.type === 'delay') return `${label} by ${spec.ms} ms`;
  if (spec.type === 'counter-rollback') return `${label} by ${spec.by}`;
  return label;
}

/**
 * What the page receives for an `exception` fault: the messages Tapkey (or, where Tapkey has none,
 * Chrome) gives for that name, so the page cannot tell the fault from a real failure.
 */
const FAULT_MESSAGES: Record<FaultErrorName, string> = {
  NotAllowedError:
    'The operation either timed out or was not allowed. See: https://www.w3.org/TR/webauthn-2/#sctn-privacy-considerations-client.',
  InvalidStateError: 'The authenticator already holds a credential for this account (excludeCredentials).',
  NotSupportedError: 'The operation is not supported.',
  SecurityError:
    'The relying party ID is not a registrable domain suffix of, nor equal to the current domain.',
  AbortError: 'signal is aborted without reason',
  ConstraintError: 'The authenticator cannot satisfy the request.',
  TypeError: 'The provided value is not of the expected type.',
};

export function faultError(name: FaultErrorName): { type: 'error'; name: FaultErrorName; message: string } {
  return { type: 'error', name, message: FAULT_MESSAGES[name] };
}
