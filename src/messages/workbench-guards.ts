/** Guards for the workbench's messages (workbench-protocol.ts), spread into guards.ts's one map. */
import { isFaultSetting } from '../workbench-core/fault-spec.ts';
import { isProfileSetting } from '../workbench-core/profile-setting.ts';
import type { WorkbenchProtocol } from './workbench-protocol.ts';

type Obj = Record<string, unknown>;

const isEmpty = () => true;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isOptionalText = (v: unknown, max: number) => v === undefined || isText(v, max);
/** 15 min, 1 h, 8 h, or 0 (never), as the workbench offers; up to a week for scripts. */
const isMinutes = (v: unknown) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 7 * 24 * 60;
const isCounter = (v: unknown) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 0xffff_ffff;
const isOptionalCounter = (v: unknown) => v === undefined || isCounter(v);
/** A PKCS#8 key as PEM: a few kilobytes (RSA 4096 is about 3.3 KB). */
const MAX_KEY_CHARS = 16 * 1024;

function isNewCredential(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Obj;
  const key = c.key as Obj | null | undefined;
  const keyOk =
    typeof key === 'object' &&
    key !== null &&
    (('generate' in key && (key.generate === -7 || key.generate === -8)) ||
      ('pkcs8' in key && isText(key.pkcs8, MAX_KEY_CHARS)));
  return (
    keyOk &&
    isText(c.rpId, 253) &&
    isText(c.userName, 4096) &&
    isText(c.userDisplayName, 4096) &&
    isOptionalText(c.userHandle, 128) &&
    typeof c.discoverable === 'boolean' &&
    isCounter(c.signCount)
  );
}

/** 10,000 passkeys as fixtures are about 5 MB; 64 MiB is Chrome's message limit. */
const MAX_FIXTURE_CHARS = 32 * 1024 * 1024;

export const workbenchGuards: { [K in keyof WorkbenchProtocol]: (payload: Obj) => boolean } = {
  'workbench/log': (p) =>
    p.have === undefined ||
    (Array.isArray(p.have) && p.have.length <= 1000 && p.have.every((id) => isText(id, 64))),
  'workbench/clear-log': isEmpty,
  'workbench/grants': isEmpty,
  'workbench/grant': (p) =>
    isText(p.pattern, 300) &&
    typeof p.autoPresence === 'boolean' &&
    typeof p.autoUv === 'boolean' &&
    isMinutes(p.minutes),
  'workbench/revoke': (p) => isText(p.pattern, 300),
  'workbench/set-fault': (p) => isText(p.pattern, 300) && (p.fault === null || isFaultSetting(p.fault)),
  'workbench/export-credentials': (p) =>
    (p.shape === 'playwright' || p.shape === 'cdp') &&
    isOptionalText(p.rpId, 253) &&
    isOptionalText(p.pin, 256),
  'workbench/set-profile': (p) =>
    isText(p.pattern, 300) && (p.profile === null || isProfileSetting(p.profile)),
  'workbench/credentials': (p) => isOptionalText(p.rpId, 253),
  'workbench/add-credential': (p) => isNewCredential(p.credential) && isOptionalText(p.pin, 256),
  'workbench/edit-credential': (p) =>
    isText(p.id, 1400) &&
    isOptionalCounter(p.signCount) &&
    isOptionalText(p.userName, 4096) &&
    isOptionalText(p.userDisplayName, 4096),
  'workbench/delete-credential': (p) => isText(p.id, 1400),
  'workbench/import-credentials': (p) => isText(p.text, MAX_FIXTURE_CHARS) && isOptionalText(p.pin, 256),
};
