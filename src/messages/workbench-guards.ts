/** Guards for the workbench's messages (workbench-protocol.ts), spread into guards.ts's one map. */
import { isFaultSetting } from '../workbench-core/fault-spec.ts';
import type { WorkbenchProtocol } from './workbench-protocol.ts';

type Obj = Record<string, unknown>;

const isEmpty = () => true;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isOptionalText = (v: unknown, max: number) => v === undefined || isText(v, max);
/** 15 min, 1 h, 8 h, or 0 (never), as the workbench offers; up to a week for scripts. */
const isMinutes = (v: unknown) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 7 * 24 * 60;
/** 10,000 passkeys as fixtures are about 5 MB; 64 MiB is Chrome's message limit. */
const MAX_FIXTURE_CHARS = 32 * 1024 * 1024;

export const workbenchGuards: { [K in keyof WorkbenchProtocol]: (payload: Obj) => boolean } = {
  'workbench/log': isEmpty,
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
  'workbench/import-credentials': (p) => isText(p.text, MAX_FIXTURE_CHARS) && isOptionalText(p.pin, 256),
};
