/**
 * Readers for the members of an untrusted CXF document. Each throws a TypeError that names the member
 * and says what it is and what was expected, and never quotes a value (values may be secrets).
 */
import { fromBase64url } from '../../shared/bytes.ts';
import { type JsonObject, typeName } from '../../totp/json.ts';

/** A required text member (CDDL `tstr`). */
export function requiredText(object: JsonObject, key: string): string {
  const value = object[key];
  if (value === undefined) throw new TypeError(`${key} is missing`);
  if (typeof value !== 'string') throw new TypeError(`${key} is a ${typeName(value)}; expected text`);
  return value;
}

/** An optional text member (CDDL `? key: tstr`); `undefined` when absent. */
export function optionalText(object: JsonObject, key: string): string | undefined {
  return object[key] === undefined ? undefined : requiredText(object, key);
}

/** A required `b64url` member (CXF §2), decoded; `nonEmpty` refuses zero bytes. */
export function requiredBytes(object: JsonObject, key: string, options: { nonEmpty: boolean }): Uint8Array {
  const bytes = fromBase64url(requiredText(object, key), key);
  if (options.nonEmpty && bytes.length === 0) throw new TypeError(`${key} is empty`);
  return bytes;
}

/** A required whole number from 0 to `max` (CDDL `uint`, `uint .size 2` → 65535, …). */
export function requiredUint(object: JsonObject, key: string, max: number): number {
  const value = object[key];
  if (value === undefined) throw new TypeError(`${key} is missing`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    const shown = typeof value === 'number' ? String(value) : `a ${typeName(value)}`;
    throw new TypeError(`${key} is ${shown}; expected a whole number from 0 to ${max}`);
  }
  return value;
}
