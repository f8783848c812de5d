/**
 * The workbench's faults and profile presets in the user's language. The pure core names them in
 * English (fault-spec.ts, profile-setting.ts: the log keeps those words, as recorded); what the page
 * shows comes from the catalogue, keyed by the fault's type and the preset's key.
 */
import { type MessageKey, t } from '../src/i18n/messages.ts';
import type { FaultSpec, FaultType } from '../src/workbench-core/fault-spec.ts';
import { PROFILE_PRESETS } from '../src/workbench-core/profile-setting.ts';

const FAULT_KEYS: Readonly<Record<FaultType, MessageKey>> = {
  exception: 'wb_faultType_exception',
  delay: 'wb_faultType_delay',
  'counter-frozen': 'wb_faultType_counterFrozen',
  'counter-rollback': 'wb_faultType_counterRollback',
  'wrong-rp-id-hash': 'wb_faultType_wrongRpIdHash',
  'clear-up': 'wb_faultType_clearUp',
  'clear-uv': 'wb_faultType_clearUv',
  'bad-signature': 'wb_faultType_badSignature',
  'malformed-cbor': 'wb_faultType_malformedCbor',
  'wrong-challenge': 'wb_faultType_wrongChallenge',
  'wrong-origin': 'wb_faultType_wrongOrigin',
  'no-attested-credential-data': 'wb_faultType_noAttestedCredentialData',
};

const PRESET_KEYS: Readonly<Record<string, MessageKey>> = {
  tapkey: 'wb_preset_tapkey',
  u2f: 'wb_preset_u2f',
  synced: 'wb_preset_synced',
  enterprise: 'wb_preset_enterprise',
  rs256: 'wb_preset_rs256',
};

/** A fault's name, for the list to choose from; a one-ceremony fault says which. */
export function faultChoiceLabel(entry: { type: FaultType; only?: 'create' | 'get' }): string {
  const label = t(FAULT_KEYS[entry.type]);
  return entry.only ? t('wb_faultOnlyFor', label, entry.only) : label;
}

/** A chosen fault in words, with its detail (the error, the delay, how far back). */
export function faultInWords(spec: FaultSpec): string {
  const label = t(FAULT_KEYS[spec.type]);
  if (spec.type === 'exception') return t('wb_faultWithError', label, spec.name);
  if (spec.type === 'delay') return t('wb_faultDelayBy', label, spec.ms);
  if (spec.type === 'counter-rollback') return t('wb_faultRollbackBy', label, spec.by);
  return label;
}

/** A preset's name. */
export function presetLabel(key: string): string {
  const messageKey = PRESET_KEYS[key];
  return messageKey ? t(messageKey) : (PROFILE_PRESETS[key]?.label ?? key);
}

/** A stored profile's name: a preset's in the user's language, a custom one as it was saved. */
export function profileLabel(label: string): string {
  const preset = Object.entries(PROFILE_PRESETS).find(([, p]) => p.label === label);
  return preset ? presetLabel(preset[0]) : label;
}
