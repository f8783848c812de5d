/**
 * Tapkey's replacements of page-visible functions, made indistinguishable from the browser's own
 * wherever JavaScript can tell (test/e2e/native-look.spec.ts compares everything a page can observe
 * with plain Chromium's answers; what still differs is listed in the README, "Where Tapkey differs
 * from Chrome").
 *
 * Each replacement is a Proxy of the native function with only an `apply` trap, so its name, length,
 * own keys and their descriptors, prototype, extensibility and (non-)constructibility are the
 * native's own, and V8 even renders it as the native in "… is not a constructor" messages. The one
 * thing a Proxy does not forward is Function.prototype.toString ("function () { [native code] }",
 * without the name), so toString is itself replaced by a Proxy that answers for each replacement (and
 * for itself) with the original's text. Errors Tapkey makes while a page's call runs get the page's
 * frames only in their stack (captureStackTrace below the trap), as Chromium's own errors have.
 *
 * Everything here is captured when the page script loads (document_start), before any page script
 * could replace an intrinsic.
 */
import { setErrorHooks } from '../client/webidl/primitives.ts';

type AnyFunction = (...args: never[]) => unknown;
/** What a replacement does instead of the native: `this`, the arguments, the native. */
export type Behaviour = (thisArg: unknown, args: unknown[], native: AnyFunction) => unknown;

const { apply, defineProperty, getOwnPropertyDescriptor } = Reflect;
const ProxyCtor = Proxy;
const WeakMapCtor = WeakMap;
const weakGet = WeakMap.prototype.get;
const weakSet = WeakMap.prototype.set;
const weakHas = WeakMap.prototype.has;
const hasOwn = Object.prototype.hasOwnProperty;
const functionToString = Function.prototype.toString;
const promiseThen = Promise.prototype.then;
const { split, includes, startsWith } = String.prototype;
const { join, slice } = Array.prototype;
const ErrorCtor = Error;
const captureStackTrace = (
  Error as ErrorConstructor & { captureStackTrace?: (o: object, f?: AnyFunction) => void }
).captureStackTrace;

/** Replacement → the native it stands for: the function whose text toString gives. */
const originals = new WeakMapCtor<object, AnyFunction>();
/** Native → what its replacement does. */
const behaviours = new WeakMapCtor<object, Behaviour>();

const originalOf = (value: unknown): unknown =>
  (typeof value === 'function' && apply(weakGet, originals, [value])) || value;

/**
 * The one `apply` trap of every replacement. Its frame and everything above it (Tapkey's own) are
 * what captureStackTrace leaves out of the stacks of errors made during a call.
 */
function trap(target: AnyFunction, thisArg: unknown, args: unknown[]): unknown {
  const behaviour = apply(weakGet, behaviours, [target]) as Behaviour;
  return behaviour(thisArg, args, target);
}

const handler: ProxyHandler<AnyFunction> = { apply: trap };

/**
 * Gives an error made during a page's call the stack Chromium's would have: the page's frames only.
 * DOMExceptions made from script have no stack in Chrome (nor a `stack` property): left alone.
 */
export function pageStack(error: unknown): void {
  if (!captureStackTrace || typeof error !== 'object' || error === null) return;
  if (!apply(hasOwn, error, ['stack'])) return;
  // Captured with the page's own Error.stackTraceLimit, even inside withFullStacks.
  const raised = raisedFrom;
  if (raised !== undefined) setLimit(raised);
  apply(captureStackTrace, undefined, [error, trap]);
  if (raised !== undefined) setLimit(raised + OWN_FRAMES);
}

/**
 * V8 keeps Error.stackTraceLimit frames (10 unless the page says otherwise), Tapkey's included, so a
 * page's error made under Tapkey's code would lose page frames to Tapkey's. While Tapkey's code runs a
 * page's call, the limit is raised by OWN_FRAMES, and withoutOwnFrames cuts back to the page's limit.
 */
const OWN_FRAMES = 64;
/** The page's Error.stackTraceLimit while withFullStacks has raised it. */
let raisedFrom: number | undefined;

function setLimit(limit: number): void {
  (ErrorCtor as { stackTraceLimit?: number }).stackTraceLimit = limit;
}

/** The page's Error.stackTraceLimit, when it is a plain number Tapkey may change and restore. */
function pageLimit(): number | undefined {
  if (raisedFrom !== undefined) return raisedFrom;
  const descriptor = getOwnPropertyDescriptor(ErrorCtor, 'stackTraceLimit');
  if (!descriptor || !('value' in descriptor) || !descriptor.writable) return undefined;
  return typeof descriptor.value === 'number' ? descriptor.value : undefined;
}

/** Runs `run` with room in stacks for Tapkey's frames (see OWN_FRAMES). */
export function withFullStacks<T>(run: () => T): T {
  const limit = pageLimit();
  if (raisedFrom !== undefined || limit === undefined) return run();
  raisedFrom = limit;
  setLimit(limit + OWN_FRAMES);
  try {
    return run();
  } finally {
    raisedFrom = undefined;
    const now = getOwnPropertyDescriptor(ErrorCtor, 'stackTraceLimit');
    // Restored unless the page set its own meanwhile (from a getter): then its value stands.
    if (now && 'value' in now && now.value === limit + OWN_FRAMES) setLimit(limit);
  }
}

/**
 * Puts a replacement for `holder[key]` (a native function) in its place, with the same property
 * attributes. Returns the replacement, or undefined when there is no native function to replace.
 */
export function replaceNative(holder: object, key: string, behaviour: Behaviour): AnyFunction | undefined {
  const descriptor = getOwnPropertyDescriptor(holder, key);
  const native = descriptor?.value as unknown;
  if (!descriptor || typeof native !== 'function') return undefined;
  // Once per native, and never a replacement of a replacement.
  if (apply(weakHas, behaviours, [native]) || apply(weakHas, originals, [native])) return undefined;
  apply(weakSet, behaviours, [native, behaviour]);
  const replacement = new ProxyCtor(native as AnyFunction, handler);
  apply(weakSet, originals, [replacement, native]);
  defineProperty(holder, key, { ...descriptor, value: replacement });
  return replacement;
}

let toStringReplaced = false;

/**
 * Function.prototype.toString answers for every replacement with its native's text, and for itself
 * with the original toString's ("function toString() { [native code] }"), so neither
 * `toString.call(create)` nor `toString.call(toString)` tells. Errors (a non-function `this`) are
 * the original's own, with the page's frames only.
 */
export function installToString(): void {
  if (toStringReplaced) return;
  toStringReplaced = true;
  replaceNative(Function.prototype, 'toString', (thisArg, args, native) => {
    try {
      return withFullStacks(() => apply(native, originalOf(thisArg), args));
    } catch (e) {
      // V8's own error, whose stack starts with the builtin's frame ("at Object.toString
      // (<anonymous>)"), which captureStackTrace would drop: take out only Tapkey's frames.
      withoutOwnFrames(e);
      throw e;
    }
  });
  // Conversion TypeErrors (src/client/webidl) are made during the page's call: page frames only.
  // A page's own error thrown while converting keeps its frames, minus Tapkey's.
  setErrorHooks({ made: pageStack, passing: withoutOwnFrames, around: withFullStacks });
}

/** This script's URL as V8 writes it in stack frames (chrome-extension://ID/…), found at load. */
const ownUrl = ((): string | undefined => {
  const stack = new ErrorCtor().stack;
  return typeof stack === 'string' ? /(?:chrome|moz)-extension:\/\/[^\s):]+/.exec(stack)?.[0] : undefined;
})();

/**
 * Takes Tapkey's frames out of an error that passed through Tapkey's code but was not made by it (a
 * page's getter that threw while Tapkey read the options, the browser's "Illegal invocation"): the
 * block from the first to the last line naming this script, builtins called in between included.
 */
export function withoutOwnFrames(error: unknown): void {
  if (!ownUrl || typeof error !== 'object' || error === null) return;
  const stack = (error as { stack?: unknown }).stack;
  if (typeof stack !== 'string') return;
  const lines = apply(split, stack, ['\n']) as string[];
  let first = -1;
  let last = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!apply(includes, lines[i], [ownUrl])) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return;
  const kept = [
    ...(apply(slice, lines, [0, first]) as string[]),
    ...(apply(slice, lines, [last + 1]) as string[]),
  ];
  // No more frames than the page's own limit lets V8 keep.
  const limit = pageLimit();
  let frames = 0;
  const cut: string[] = [];
  for (const line of kept) {
    const isFrame = apply(startsWith, line, ['    at ']) as boolean;
    if (isFrame && limit !== undefined && frames >= limit) continue;
    if (isFrame) frames++;
    cut[cut.length] = line;
  }
  (error as { stack: string }).stack = apply(join, cut, ['\n']) as string;
}

/**
 * `promise`, with Tapkey's frames taken out of its rejection's stack: for a native call Tapkey passes
 * on, whose error V8 made while Tapkey's frames were on the stack. (It costs the page one more
 * microtask turn before it sees the rejection: the README admits it.)
 */
export function pagePromise<T>(promise: Promise<T>): Promise<T> {
  return apply(promiseThen, promise, [
    undefined,
    (e: unknown) => {
      withoutOwnFrames(e);
      throw e;
    },
  ]) as Promise<T>;
}

/** The text a function's toString gives (for tests and the page script's own checks). */
export function nativeText(f: AnyFunction): string {
  return apply(functionToString, originalOf(f), []) as string;
}
