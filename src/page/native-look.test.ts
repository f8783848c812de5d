/**
 * The replacements' shape in V8 (Node's): everything but the stack URLs, which only the browser has
 * (test/e2e/native-look.spec.ts compares those with Chrome).
 */
import { describe, expect, it } from 'vitest';
import { installToString, nativeText, pageStack, replaceNative } from './native-look.ts';

/**
 * A stand-in for a browser object with a native method: Node's own builtins are native functions too
 * (each test takes another, since a native is replaced once).
 */
function holder(native: (...values: number[]) => number) {
  const target = {};
  Object.defineProperty(target, 'max', {
    value: native,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  return target as { max: (...values: number[]) => number };
}

describe('replaceNative', () => {
  installToString();
  const fnToString = Function.prototype.toString;

  it('keeps everything the native has, and runs the behaviour', () => {
    const target = holder(Math.max);
    const before = Object.getOwnPropertyDescriptor(target, 'max');
    const replacement = replaceNative(target, 'max', (_self, args) => (args as number[]).length);
    expect(replacement).toBe(target.max);
    expect(target.max(5, 6, 7)).toBe(3);
    expect(target.max.name).toBe('max');
    expect(target.max.length).toBe(2);
    expect(Reflect.ownKeys(target.max)).toEqual(Reflect.ownKeys(Math.max));
    expect('prototype' in target.max).toBe(false);
    expect({ ...Object.getOwnPropertyDescriptor(target, 'max'), value: 0 }).toEqual({ ...before, value: 0 });
    expect(() => Reflect.construct(target.max, [])).toThrow(
      'function max() { [native code] } is not a constructor',
    );
  });

  it('makes toString answer with the native text, for itself too', () => {
    const target = holder(Math.min);
    replaceNative(target, 'max', () => 0);
    expect(fnToString.call(target.max)).toBe('function min() { [native code] }');
    expect(`${target.max}`).toBe('function min() { [native code] }');
    expect(fnToString.call(fnToString)).toBe('function toString() { [native code] }');
    expect(fnToString.name).toBe('toString');
    expect(nativeText(target.max)).toBe('function min() { [native code] }');
    expect(() => fnToString.call({})).toThrow(TypeError);
    // Functions it does not know are untouched.
    expect(fnToString.call(holder)).toContain('function holder(native');
  });

  it('replaces a function once, and nothing that is not a function', () => {
    const target = holder(Math.abs);
    const first = replaceNative(target, 'max', () => 1);
    expect(first).toBeDefined();
    expect(replaceNative(target, 'max', () => 2)).toBeUndefined();
    expect(replaceNative(holder(Math.abs), 'max', () => 3)).toBeUndefined();
    expect(target.max).toBe(first);
    expect(replaceNative({ x: 1 }, 'x', () => 0)).toBeUndefined();
    expect(replaceNative({}, 'missing', () => 0)).toBeUndefined();
  });

  it('gives an error made during a call the caller’s frames only', () => {
    const target = holder(Math.floor);
    let made: Error | undefined;
    replaceNative(target, 'max', () => {
      made = new TypeError('made inside');
      pageStack(made);
    });
    function pageCaller() {
      target.max();
    }
    pageCaller();
    const frames = String(made?.stack).split('\n').slice(1);
    expect(frames[0]).toContain('at pageCaller');
    // A DOMException-like object without its own stack is left without one.
    const plain = { name: 'NotAllowedError' };
    pageStack(plain);
    expect('stack' in plain).toBe(false);
  });
});
