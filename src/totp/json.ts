/** Narrowing helpers for backup files, which are untrusted input. */

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses a backup file. The parser's own message is not repeated: it quotes the file, and the file
 * holds secrets.
 * @throws TypeError "<what> is not valid JSON".
 */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new TypeError(`${what} is not valid JSON`);
  }
}

/** A string field, or `fallback` when missing or null. @throws TypeError for another type. */
export function optionalString(object: JsonObject, key: string, fallback = ''): string {
  const value = object[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new TypeError(`${key} is a ${typeName(value)}; expected text`);
  return value;
}

/**
 * A whole-number field (a number, or a string of digits, as some apps write), or `fallback` when
 * missing or null. @throws TypeError for anything else.
 */
export function optionalWhole(object: JsonObject, key: string, fallback: number): number {
  const value = object[key];
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    const shown =
      typeof value === 'string' || typeof value === 'number' ? `'${value}'` : `a ${typeName(value)}`;
    throw new TypeError(`${key} is ${shown}; expected a whole number`);
  }
  return number;
}

/** "text", "number", "list", "object", … for messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'string' ? 'text' : typeof value;
}
