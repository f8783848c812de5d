/**
 * Builds a ceremony log entry from what the router saw: the page's options, the caller, and the
 * outcome. Everything here is public (options, clientDataJSON, authenticator data, signatures): the
 * outcome carries no key material, so neither can the entry. Runs after the page has its answer.
 */
import { parseCreationOptions, parseRequestOptions } from '../client/parse-options.ts';
import type { CallerContext } from '../client/types.ts';
import { fromBase64url, fromUtf8 } from '../shared/bytes.ts';
import { decodeAttestationObject } from './attestation.ts';
import { decodeAuthData } from './auth-data.ts';
import { ruleFor } from './error-rules.ts';
import { bounded, jsonSafe } from './json-safe.ts';
import { decodeSignature } from './signature.ts';
import type { CeremonyLogEntry, LogGate } from './types.ts';

/** The router's outcome, as the log reads it (the protocol's CeremonyOutcome fits this). */
export type InspectedOutcome =
  | { type: 'result'; credential: { response: object } }
  | { type: 'error'; name: string; message: string }
  | { type: 'fallback' };

export interface InspectInput {
  id: string;
  time: number;
  durationMs: number;
  kind: 'create' | 'get';
  gate: LogGate;
  caller: CallerContext;
  options: unknown;
  outcome: InspectedOutcome;
  /** The workbench fault the ceremony ran under, if any. */
  fault?: CeremonyLogEntry['fault'];
  /** The workbench profile it met (its label), if any. */
  profile?: string;
}

/** A page may send megabytes of options; the log keeps 64 KiB of JSON per item. */
const MAX_ITEM_CHARS = 64 * 1024;

const bytesOf = (v: unknown): Uint8Array | undefined => {
  if (typeof v !== 'string') return undefined;
  try {
    return fromBase64url(v);
  } catch {
    return undefined;
  }
};

export function inspectCeremony(input: InspectInput): CeremonyLogEntry {
  const { caller, outcome } = input;
  const entry: CeremonyLogEntry = {
    id: input.id,
    time: input.time,
    durationMs: input.durationMs,
    origin: caller.origin,
    kind: input.kind,
    gate: input.gate,
    outcome: outcome.type,
    sent: bounded(input.options, MAX_ITEM_CHARS),
  };
  if (caller.topOrigin) entry.topOrigin = caller.topOrigin;
  if (input.fault) entry.fault = input.fault;
  if (input.profile) entry.profile = input.profile;

  let rpId: string | undefined;
  try {
    if (input.kind === 'create') {
      const parsed = parseCreationOptions(input.options, caller);
      rpId = parsed.rp.id;
      entry.understood = bounded(jsonSafe(parsed), MAX_ITEM_CHARS);
    } else {
      const parsed = parseRequestOptions(input.options, caller);
      rpId = parsed.rpId;
      entry.understood = bounded(jsonSafe(parsed), MAX_ITEM_CHARS);
    }
  } catch (e) {
    // The same failure the ceremony met; the error below says which rule.
    entry.understood = { refused: e instanceof Error ? e.message : String(e) };
  }
  if (rpId !== undefined) entry.rpId = rpId;

  if (outcome.type === 'error') {
    const rule = ruleFor(outcome.message);
    entry.error = { name: outcome.name, message: outcome.message, ...(rule ? { rule } : {}) };
    return entry;
  }
  if (outcome.type !== 'result') return entry;

  const response = outcome.credential.response as Record<string, unknown>;
  entry.received = bounded(outcome.credential, MAX_ITEM_CHARS);
  const clientDataJSON = bytesOf(response.clientDataJSON);
  if (clientDataJSON) {
    try {
      entry.clientData = JSON.parse(fromUtf8(clientDataJSON)) as unknown;
    } catch {
      entry.clientData = { unreadable: true };
    }
  }
  const attestationObject = bytesOf(response.attestationObject);
  if (attestationObject) {
    const { authData, ...attestation } = decodeAttestationObject(attestationObject, rpId);
    entry.attestation = attestation;
    if (authData) entry.authData = authData;
  } else {
    const authData = bytesOf(response.authenticatorData);
    if (authData) entry.authData = decodeAuthData(authData, rpId);
  }
  const signature = bytesOf(response.signature);
  if (signature) entry.signature = decodeSignature(signature);
  return entry;
}
