import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { NOTHING_THROWN, thrownBy } from '../../shared/testing/thrown.ts';
// The conversions, named as WebIDL names them (idl.toBoolean is ToBoolean, …).
import * as idl from './primitives.ts';

const ctx = 'Failed to read the test property';

/** What a conversion gives, or the name of what it throws. */
function outcome(run: () => unknown): unknown {
  let value: unknown;
  const e = thrownBy(() => {
    value = run();
  });
  if (e === NOTHING_THROWN) return value;
  return e instanceof Error ? e.name : 'non-error';
}

describe('boolean (ToBoolean)', () => {
  it.each([
    [null, false],
    [undefined, false],
    [0, false],
    [Number.NaN, false],
    ['', false],
    ['false', true],
    [{}, true],
    [[], true],
    [1n, true],
  ])('%s → %s', (value, expected) => {
    expect(idl.toBoolean(value)).toBe(expected);
  });
});

describe('DOMString and USVString (ToString)', () => {
  it.each([
    [null, 'null'],
    [42, '42'],
    [-0, '0'],
    [true, 'true'],
    [{}, '[object Object]'],
    [[1, 2], '1,2'],
    [5n, '5'],
  ])('%s → %j', (value, expected) => {
    expect(idl.toDOMString(value, ctx)).toBe(expected);
  });

  it('calls toString once, as the page defined it', () => {
    let calls = 0;
    expect(idl.toDOMString({ toString: () => `rp${++calls}` }, ctx)).toBe('rp1');
    expect(calls).toBe(1);
  });

  it('throws TypeError for a Symbol, naming where it was', () => {
    expect(() => idl.toDOMString(Symbol('x'), ctx)).toThrow(TypeError);
    expect(() => idl.toDOMString(Symbol('x'), ctx)).toThrow(/test property/);
  });

  it('USVString replaces lone surrogates with U+FFFD', () => {
    expect(idl.toUSVString('a\uD800b', ctx)).toBe('a\uFFFDb');
    expect(idl.toUSVString('\uD83D\uDE00', ctx)).toBe('\uD83D\uDE00');
  });
});

describe('long and unsigned long (no [EnforceRange], no [Clamp])', () => {
  it.each([
    [-7, -7],
    [-7.9, -7],
    ['-7', -7],
    [2 ** 31, -(2 ** 31)],
    [2 ** 32 - 7, -7],
    [-1e300, 0],
    [1e300, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
    [null, 0],
    ['null', 0],
    [-0, 0],
    [new Date(0), 0],
  ])('long %s → %s', (value, expected) => {
    expect(Object.is(idl.toLong(value, ctx), expected)).toBe(true);
  });

  it.each([
    [60_000, 60_000],
    [-1, 4_294_967_295],
    [2 ** 32, 0],
    [120_000.7, 120_000],
    ['30000', 30_000],
    [null, 0],
    [-1e300, 0],
  ])('unsigned long %s → %s', (value, expected) => {
    expect(idl.toUnsignedLong(value, ctx)).toBe(expected);
  });

  it('throws TypeError for a BigInt or a Symbol (ToNumber)', () => {
    expect(outcome(() => idl.toLong(5n, ctx))).toBe('TypeError');
    expect(outcome(() => idl.toUnsignedLong(Symbol('t'), ctx))).toBe('TypeError');
  });
});

describe('enumeration', () => {
  const values = ['silent', 'optional'] as const;
  it('keeps a listed value and refuses anything else, null included', () => {
    expect(idl.toEnum('optional', values, ctx, 'Mediation')).toBe('optional');
    expect(outcome(() => idl.toEnum('bogus', values, ctx, 'Mediation'))).toBe('TypeError');
    expect(outcome(() => idl.toEnum(null, values, ctx, 'Mediation'))).toBe('TypeError');
    expect(idl.toEnum({ toString: () => 'silent' }, values, ctx, 'Mediation')).toBe('silent');
  });
});

describe('BufferSource (as Chromium converts it)', () => {
  it('copies an ArrayBuffer, so later changes do not reach the request', () => {
    const buffer = new Uint8Array([1, 2, 3]).buffer;
    const bytes = idl.toBufferSource(buffer, ctx);
    new Uint8Array(buffer).fill(9);
    expect(bytes).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('reads exactly the window of a view', () => {
    const buffer = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]).buffer;
    expect(idl.toBufferSource(new Uint8Array(buffer, 2, 3), ctx)).toEqual(new Uint8Array([2, 3, 4]));
    expect(idl.toBufferSource(new DataView(buffer, 5), ctx)).toEqual(new Uint8Array([5, 6, 7]));
    expect(idl.toBufferSource(new Int16Array(33), ctx)).toHaveLength(66);
    expect(idl.toBufferSource(new Float64Array(9), ctx)).toHaveLength(72);
  });

  it('ignores own properties that pretend another window', () => {
    const view = new Uint8Array([1, 2]);
    Object.defineProperty(view, 'byteLength', { value: 1000 });
    Object.defineProperty(view, 'buffer', { value: new ArrayBuffer(1000) });
    expect(idl.toBufferSource(view, ctx)).toEqual(new Uint8Array([1, 2]));
  });

  it('reads a detached buffer, or a view on one, as no bytes', () => {
    const buffer = new ArrayBuffer(8);
    const view = new Uint8Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    expect(idl.toBufferSource(buffer, ctx)).toEqual(new Uint8Array(0));
    expect(idl.toBufferSource(view, ctx)).toEqual(new Uint8Array(0));
  });

  it('refuses shared and resizable buffers with TypeError', () => {
    const shared = new SharedArrayBuffer(8);
    expect(outcome(() => idl.toBufferSource(shared, ctx))).toBe('TypeError');
    expect(outcome(() => idl.toBufferSource(new Uint8Array(shared), ctx))).toBe('TypeError');
    // ES2024 resizable buffers (the project's TypeScript lib is ES2023).
    const Resizable = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer;
    const resizable = new Resizable(8, { maxByteLength: 16 });
    expect(outcome(() => idl.toBufferSource(resizable, ctx))).toBe('TypeError');
    expect(outcome(() => idl.toBufferSource(new Uint8Array(resizable), ctx))).toBe('TypeError');
  });

  it.each([
    ['a string', 'AAAA'],
    ['an array', [1, 2]],
    ['null', null],
    ['an object', {}],
    ['a number', 3],
  ])('refuses %s with TypeError', (_title, value) => {
    expect(outcome(() => idl.toBufferSource(value, ctx))).toBe('TypeError');
  });

  it('accepts a buffer from another realm (an iframe)', () => {
    const foreign = runInNewContext('new Uint8Array([7, 8]).buffer') as ArrayBuffer;
    expect(foreign instanceof ArrayBuffer).toBe(false);
    expect(idl.toBufferSource(foreign, ctx)).toEqual(new Uint8Array([7, 8]));
  });
});

describe('sequence<T> (from any iterable object)', () => {
  const asString = (v: unknown, c: string) => idl.toDOMString(v, c);

  it('takes arrays, Sets and generators', () => {
    expect(idl.toSequence(['usb', 1], asString, ctx)).toEqual(['usb', '1']);
    expect(idl.toSequence(new Set(['nfc']), asString, ctx)).toEqual(['nfc']);
    expect(
      idl.toSequence(
        (function* () {
          yield 'ble';
        })(),
        asString,
        ctx,
      ),
    ).toEqual(['ble']);
  });

  it.each([
    ['a string', 'usb'],
    ['null', null],
    ['a number', 5],
    ['a plain object', {}],
    ['an array-like', { length: 1, 0: 'usb' }],
    ['a non-callable @@iterator', { [Symbol.iterator]: 5 }],
  ])('refuses %s with TypeError', (_title, value) => {
    expect(outcome(() => idl.toSequence(value, asString, ctx))).toBe('TypeError');
  });

  it('uses the iterator the page defined', () => {
    const odd = {
      *[Symbol.iterator]() {
        yield 'x';
      },
    };
    expect(idl.toSequence(odd, asString, ctx)).toEqual(['x']);
  });

  it('names the element that failed', () => {
    expect(() => idl.toSequence(['ok', Symbol('bad')], asString, ctx)).toThrow(/\[1\]/);
  });
});

describe('record<USVString, T>', () => {
  it('takes own enumerable string keys in order', () => {
    const value = Object.create({ inherited: 1 }) as Record<string, unknown>;
    value.b = 2;
    value.a = 1;
    Object.defineProperty(value, 'hidden', { value: 3, enumerable: false });
    (value as Record<symbol, unknown>)[Symbol('s')] = 4;
    const record = idl.toRecord(value, (v) => Number(v), ctx);
    expect([...record]).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
  });

  it('refuses a non-object with TypeError', () => {
    expect(outcome(() => idl.toRecord('x', (v) => v, ctx))).toBe('TypeError');
    expect(outcome(() => idl.toRecord(null, (v) => v, ctx))).toBe('TypeError');
  });
});

describe('AbortSignal', () => {
  it('takes a real signal and reads aborted through the intrinsic getter', () => {
    const controller = new AbortController();
    const signal = idl.toAbortSignal(controller.signal, ctx);
    Object.defineProperty(signal, 'aborted', { value: true });
    expect(idl.isAborted(signal)).toBe(false);
    controller.abort();
    expect(idl.isAborted(signal)).toBe(true);
  });

  it('refuses look-alikes with TypeError', () => {
    const lookAlike = { aborted: false, reason: undefined, addEventListener() {} };
    expect(outcome(() => idl.toAbortSignal(lookAlike, ctx))).toBe('TypeError');
    expect(outcome(() => idl.toAbortSignal({}, ctx))).toBe('TypeError');
    expect(outcome(() => idl.toAbortSignal(null, ctx))).toBe('TypeError');
  });
});
