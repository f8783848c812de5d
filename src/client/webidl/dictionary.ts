/**
 * WebIDL dictionary conversion (https://webidl.spec.whatwg.org/#js-dictionary): undefined and null
 * are the empty dictionary, any other non-object is a TypeError; members are read with [[Get]] once
 * each, base dictionary first, and within one dictionary in lexicographic (UTF-16 code unit) order;
 * a missing member takes its default, or is a TypeError when required, or stays absent.
 */
import { type Context, isObject, typeError } from './primitives.ts';

export type Converter<T> = (value: unknown, context: Context) => T;

export interface Member {
  convert: Converter<unknown>;
  required?: boolean;
  /** Applied when the member is undefined (a fresh value each time: defaults are often []). */
  default?: () => unknown;
}

export interface DictionaryType {
  /** The IDL name, for messages. */
  name: string;
  inherits?: DictionaryType;
  members: Readonly<Record<string, Member>>;
}

/** Member names in the order WebIDL reads them: base dictionaries first, each sorted by code units. */
export function memberOrder(type: DictionaryType): string[][] {
  const chain: DictionaryType[] = [];
  for (let level: DictionaryType | undefined = type; level; level = level.inherits) chain.unshift(level);
  return chain.map((level) => Object.keys(level.members).sort());
}

function member(type: DictionaryType, key: string): Member {
  for (let level: DictionaryType | undefined = type; level; level = level.inherits) {
    const found = level.members[key];
    if (found) return found;
  }
  throw new Error(`${type.name} has no member ${key}`);
}

/** A converter for `type`; the result holds only present members (and defaults). */
export function dictionary<T>(type: DictionaryType): Converter<T> {
  const order = memberOrder(type).flat();
  return (value, context) => {
    if (value !== undefined && value !== null && !isObject(value)) {
      throw typeError(context, `The provided value is not of type '${type.name}'.`);
    }
    const out: Record<string, unknown> = {};
    for (const key of order) {
      const { convert, required, default: fallback } = member(type, key);
      const memberContext = `${context}: Failed to read the '${key}' property from '${type.name}'`;
      const js = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[key];
      if (js !== undefined) out[key] = convert(js, memberContext);
      else if (fallback) out[key] = fallback();
      else if (required) throw typeError(memberContext, 'Required member is undefined.');
    }
    return out as T;
  };
}
