/** Turns what the core works with (Uint8Array, Map, nested objects) into JSON the log can keep. */
import { toBase64url } from '../shared/bytes.ts';

export function jsonSafe(value: unknown, depth = 0): unknown {
  if (depth > 32) return '[too deep]';
  if (value instanceof Uint8Array) return toBase64url(value);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = jsonSafe(v, depth + 1);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, depth + 1));
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = jsonSafe(v, depth + 1);
    return out;
  }
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  return value;
}

/** A page-sized value kept whole up to `maxChars` of JSON; larger ones are replaced by a note. */
export function bounded(value: unknown, maxChars: number): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return { unreadable: true };
  }
  if (text === undefined) return null;
  if (text.length <= maxChars) return JSON.parse(text) as unknown;
  return { truncated: true, jsonCharacters: text.length };
}
