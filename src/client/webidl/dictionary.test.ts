import { describe, expect, it } from 'vitest';
import { type DictionaryType, dictionary, memberOrder } from './dictionary.ts';
import { toBoolean, toDOMString } from './primitives.ts';

const Base: DictionaryType = {
  name: 'Base',
  members: { zeta: { convert: toDOMString }, alpha: { convert: toDOMString, required: true } },
};
const Derived: DictionaryType = {
  name: 'Derived',
  inherits: Base,
  members: {
    b: { convert: toDOMString },
    B: { convert: toDOMString },
    a: { convert: (v) => toBoolean(v), default: () => false },
  },
};
const convert = dictionary<Record<string, unknown>>(Derived);

/** An object that logs every member read. */
function spied(value: Record<string, unknown>, log: string[]): Record<string, unknown> {
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === 'string') log.push(key);
      return Reflect.get(target, key, receiver);
    },
  });
}

describe('dictionary conversion (WebIDL §3.2.17)', () => {
  it('reads base members first, then each level in code-unit order (upper case first)', () => {
    expect(memberOrder(Derived)).toEqual([
      ['alpha', 'zeta'],
      ['B', 'a', 'b'],
    ]);
    const log: string[] = [];
    convert(spied({ alpha: 'x', extra: 1 }, log), 'ctx');
    expect(log).toEqual(['alpha', 'zeta', 'B', 'a', 'b']);
  });

  it('reads each member once and never reads members it does not know', () => {
    const log: string[] = [];
    convert(spied({ alpha: 'x', unknown: 'y' }, log), 'ctx');
    expect(log.filter((k) => k === 'alpha')).toHaveLength(1);
    expect(log).not.toContain('unknown');
  });

  it('keeps absent members absent and applies defaults', () => {
    expect(convert({ alpha: 'x' }, 'ctx')).toEqual({ alpha: 'x', a: false });
    expect(Object.keys(convert({ alpha: 'x' }, 'ctx'))).not.toContain('zeta');
  });

  it('converts members present with the value undefined as absent', () => {
    expect(convert({ alpha: 'x', zeta: undefined }, 'ctx')).toEqual({ alpha: 'x', a: false });
  });

  it('treats null and undefined as the empty dictionary (required members then fail)', () => {
    const optional = dictionary<Record<string, unknown>>({ name: 'Optional', members: Derived.members });
    expect(optional(null, 'ctx')).toEqual({ a: false });
    expect(optional(undefined, 'ctx')).toEqual({ a: false });
    expect(() => convert(null, 'ctx')).toThrow(/'alpha'.*Required member is undefined/);
  });

  it('takes any object, arrays and functions included', () => {
    const fn = Object.assign(() => undefined, { alpha: 'f' });
    expect(convert(fn, 'ctx').alpha).toBe('f');
    expect(convert(Object.assign([], { alpha: 'arr' }), 'ctx').alpha).toBe('arr');
  });

  it.each([
    ['a string', 'x'],
    ['a number', 1],
    ['a boolean', true],
    ['a symbol', Symbol('s')],
  ])('refuses %s with TypeError', (_title, value) => {
    expect(() => convert(value, 'ctx')).toThrow(TypeError);
  });

  it('lets a getter’s exception through, as the bindings do', () => {
    const throwing = {
      get alpha(): string {
        throw new RangeError('from the page');
      },
    };
    expect(() => convert(throwing, 'ctx')).toThrow(RangeError);
  });
});
