/**
 * WebIDL conversions of JavaScript values (https://webidl.spec.whatwg.org/#js-type-mapping), as
 * Chromium's bindings apply them to navigator.credentials.create/get. Runs in the page (MAIN world),
 * so every intrinsic it relies on is captured when this module loads, at document_start, before any
 * page script could replace it.
 *
 * Numbers and strings come from `webidl-conversions` (jsdom's implementation). BufferSource,
 * sequences, records and the AbortSignal check are written here: the library's BufferSource refuses a
 * detached buffer, which Chromium reads as empty, and does not know resizable buffers, which Chromium
 * refuses; it has no sequences or records.
 */
import conversions from 'webidl-conversions';

/** The realm's own constructors, so a page that replaced `window.TypeError` later changes nothing. */
const globals = { Number, String, TypeError };
const { TypeError: TypeErrorCtor } = globals;
const iteratorSymbol = Symbol.iterator;
const { isView } = ArrayBuffer;
const { ownKeys, getOwnPropertyDescriptor, apply } = Reflect;
const { getPrototypeOf } = Object;

function getter<T>(proto: object | undefined, name: string): ((this: T) => unknown) | undefined {
  return proto
    ? (getOwnPropertyDescriptor(proto, name)?.get as ((this: T) => unknown) | undefined)
    : undefined;
}

const arrayBufferByteLength = getter<ArrayBuffer>(ArrayBuffer.prototype, 'byteLength')!;
const arrayBufferResizable = getter<ArrayBuffer>(ArrayBuffer.prototype, 'resizable');
const arrayBufferDetached = getter<ArrayBuffer>(ArrayBuffer.prototype, 'detached');
const typedArrayProto = getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayBuffer = getter<Uint8Array>(typedArrayProto, 'buffer')!;
const typedArrayByteOffset = getter<Uint8Array>(typedArrayProto, 'byteOffset')!;
const typedArrayByteLength = getter<Uint8Array>(typedArrayProto, 'byteLength')!;
const dataViewBuffer = getter<DataView>(DataView.prototype, 'buffer')!;
const dataViewByteOffset = getter<DataView>(DataView.prototype, 'byteOffset')!;
const dataViewByteLength = getter<DataView>(DataView.prototype, 'byteLength')!;
const typedArrayTag = getter<Uint8Array>(typedArrayProto, Symbol.toStringTag as unknown as string);
const abortSignalAborted = getter<AbortSignal>(globalThis.AbortSignal?.prototype, 'aborted');
const U8 = Uint8Array;

/** Where a value sits, for messages in Chromium's words ("Failed to read the 'rp' property from …"). */
export type Context = string;

/**
 * What the page script does to errors on their way to the page (page/native-look.ts), so their
 * stacks name no frame of Tapkey's, as the browser's own errors do. Nothing by default (Node, the
 * worker).
 *   - `made`: each TypeError this module makes, while it is being made (the page's call is running);
 *   - `passing`: any other error thrown while converting (a page's getter or toString that threw).
 */
export interface ErrorHooks {
  made(error: TypeError): void;
  passing(error: unknown): void;
  /** Runs the whole conversion (the page script lets stacks made meanwhile hold Tapkey's frames too). */
  around<T>(run: () => T): T;
}

let hooks: ErrorHooks = { made: () => undefined, passing: () => undefined, around: (run) => run() };
/** The TypeErrors made here, so `passing` leaves them alone (captured methods: see the top). */
const made = new WeakSet<object>();
const { add: weakAdd, has: weakHas } = WeakSet.prototype;

export function setErrorHooks(next: ErrorHooks): void {
  hooks = next;
}

function onError(error: TypeError): void {
  apply(weakAdd, made, [error]);
  hooks.made(error);
}

/**
 * Runs a conversion; an error it throws that this module did not make (the page's own) goes to the
 * `passing` hook on its way out.
 */
export function converting<T>(run: () => T): T {
  return hooks.around(() => {
    try {
      return run();
    } catch (e) {
      if (typeof e !== 'object' || e === null || !apply(weakHas, made, [e])) hooks.passing(e);
      throw e;
    }
  });
}

/**
 * A conversion TypeError in Chromium's words. Chromium's bindings create it with the bare message and
 * add the "Failed to execute … / Failed to read …" context afterwards, so its `stack` starts with the
 * bare message while `message` has the context (recorded: scripts/chrome-oracle/native-probe.js). V8
 * writes the stack's first line when the stack is captured, so the hook runs before the context
 * is added.
 */
export function typeError(context: Context, message: string): TypeError {
  const error = new TypeErrorCtor(message);
  onError(error);
  error.message = `${context}: ${message}`;
  return error;
}

/** A TypeError Chromium's renderer makes whole (context included, also in its stack's first line). */
export function rendererTypeError(context: Context, message: string): TypeError {
  const error = new TypeErrorCtor(`${context}: ${message}`);
  onError(error);
  return error;
}

export function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** https://webidl.spec.whatwg.org/#js-boolean: ToBoolean, never throws. */
export function toBoolean(value: unknown): boolean {
  return conversions.boolean(value);
}

/** https://webidl.spec.whatwg.org/#js-DOMString: ToString; a Symbol is a TypeError. */
export function toDOMString(value: unknown, context: Context): string {
  return conversions.DOMString(value, { context, globals });
}

/** https://webidl.spec.whatwg.org/#js-USVString: a DOMString with lone surrogates replaced by U+FFFD. */
export function toUSVString(value: unknown, context: Context): string {
  return conversions.USVString(value, { context, globals });
}

/** https://webidl.spec.whatwg.org/#js-long: ToNumber, truncated, modulo 2^32 (no [EnforceRange]). */
export function toLong(value: unknown, context: Context): number {
  // `+ 0` turns -0 into 0: webidl-conversions 7 returns -0 for a negative multiple of 2^32, which
  // is no IDL value (and would serialize differently).
  return conversions.long(value, { context, globals }) + 0;
}

/** https://webidl.spec.whatwg.org/#js-unsigned-long: ToNumber, truncated, modulo 2^32. */
export function toUnsignedLong(value: unknown, context: Context): number {
  return conversions['unsigned long'](value, { context, globals }) + 0;
}

/** An enumeration: ToString, then one of the values or TypeError (https://webidl.spec.whatwg.org/#js-enumeration). */
export function toEnum<T extends string>(
  value: unknown,
  values: readonly T[],
  context: Context,
  typeName: string,
): T {
  const text = toDOMString(value, context);
  if (!(values as readonly string[]).includes(text)) {
    throw typeError(context, `The provided value '${text}' is not a valid enum value of type ${typeName}.`);
  }
  return text as T;
}

function tryCall<T>(fn: ((this: T) => unknown) | undefined, self: unknown): { ok: boolean; value?: unknown } {
  if (!fn) return { ok: false };
  try {
    return { ok: true, value: apply(fn, self, []) };
  } catch {
    return { ok: false };
  }
}

/** The value's [[ArrayBufferData]] facts, read through the intrinsic getters (a brand check). */
function arrayBufferFacts(
  value: unknown,
): { byteLength: number; resizable: boolean; detached: boolean } | null {
  const length = tryCall(arrayBufferByteLength, value);
  // The ArrayBuffer getter throws for a SharedArrayBuffer as for any non-ArrayBuffer.
  if (!length.ok) return null;
  const detached = arrayBufferDetached
    ? Boolean(apply(arrayBufferDetached, value, []))
    : (() => {
        try {
          new U8(value as ArrayBuffer);
          return false;
        } catch {
          return true;
        }
      })();
  const resizable = arrayBufferResizable ? Boolean(apply(arrayBufferResizable, value, [])) : false;
  return { byteLength: length.value as number, resizable, detached };
}

function viewParts(value: ArrayBufferView): { buffer: unknown; byteOffset: number; byteLength: number } {
  // %TypedArray%.prototype[@@toStringTag] names a typed array and is undefined for a DataView.
  const typed = tryCall(typedArrayTag, value).value !== undefined;
  const [buffer, offset, length] = typed
    ? [typedArrayBuffer, typedArrayByteOffset, typedArrayByteLength]
    : [dataViewBuffer, dataViewByteOffset, dataViewByteLength];
  return { buffer: apply(buffer, value, []), ...safeViewWindow(offset, length, value) };
}

/** A view on a detached buffer throws from DataView's getters and reads 0 from TypedArray's. */
function safeViewWindow(
  offset: (this: never) => unknown,
  length: (this: never) => unknown,
  view: unknown,
): { byteOffset: number; byteLength: number } {
  try {
    return { byteOffset: apply(offset, view, []) as number, byteLength: apply(length, view, []) as number };
  } catch {
    return { byteOffset: 0, byteLength: 0 };
  }
}

/**
 * https://webidl.spec.whatwg.org/#BufferSource as Chromium converts it: an ArrayBuffer or a view on
 * one, not shared and not resizable (TypeError otherwise); a detached buffer reads as no bytes. The
 * bytes are copied now, as Chromium copies them when create()/get() is called, so a page that
 * changes the buffer afterwards changes nothing.
 */
export function toBufferSource(value: unknown, context: Context): Uint8Array {
  if (isView(value)) {
    const { buffer, byteOffset, byteLength } = viewParts(value);
    const facts = arrayBufferFacts(buffer);
    if (!facts) throw typeError(context, 'The provided ArrayBufferView value must not be shared.');
    if (facts.resizable)
      throw typeError(context, 'The provided ArrayBufferView value must not be resizable.');
    if (facts.detached) return new U8(0);
    return new U8(buffer as ArrayBuffer, byteOffset, byteLength).slice();
  }
  const facts = arrayBufferFacts(value);
  if (!facts) {
    throw typeError(context, "The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.");
  }
  if (facts.resizable) throw typeError(context, 'The provided ArrayBuffer value must not be resizable.');
  if (facts.detached) return new U8(0);
  return new U8(value as ArrayBuffer).slice();
}

/**
 * https://webidl.spec.whatwg.org/#js-sequence: any object with a callable @@iterator, iterated as
 * the page defined it; a string, a number or an object without @@iterator is a TypeError.
 */
export function toSequence<T>(
  value: unknown,
  convert: (item: unknown, context: Context) => T,
  context: Context,
): T[] {
  if (!isObject(value)) throw typeError(context, 'The provided value cannot be converted to a sequence.');
  const method = (value as { [iteratorSymbol]?: unknown })[iteratorSymbol];
  if (method === undefined || method === null) {
    throw typeError(context, 'The object must have a callable @@iterator property.');
  }
  if (typeof method !== 'function') throw typeError(context, 'The @@iterator property is not callable.');
  const iterator = apply(method, value, []) as Iterator<unknown>;
  if (!isObject(iterator)) throw typeError(context, 'The @@iterator method did not return an object.');
  const next = iterator.next;
  const out: T[] = [];
  for (;;) {
    const step = apply(next, iterator, []) as IteratorResult<unknown>;
    if (!isObject(step)) throw typeError(context, 'The iterator result is not an object.');
    if (step.done) return out;
    out.push(convert(step.value, `${context}[${out.length}]`));
  }
}

/**
 * https://webidl.spec.whatwg.org/#js-record with USVString keys: the object's own enumerable string
 * keys in their order (symbol keys are skipped, as Chromium skips them).
 */
export function toRecord<T>(
  value: unknown,
  convert: (item: unknown, context: Context) => T,
  context: Context,
): Map<string, T> {
  if (!isObject(value)) throw typeError(context, "The provided value is not of type 'record'.");
  const out = new Map<string, T>();
  for (const key of ownKeys(value)) {
    if (typeof key !== 'string') continue;
    const descriptor = getOwnPropertyDescriptor(value, key);
    if (!descriptor?.enumerable) continue;
    const typedKey = toUSVString(key, context);
    out.set(typedKey, convert((value as Record<string, unknown>)[key], `${context}['${typedKey}']`));
  }
  return out;
}

/** An AbortSignal interface value: a brand check, so a signal from another frame counts too. */
export function toAbortSignal(value: unknown, context: Context): AbortSignal {
  if (!tryCall(abortSignalAborted, value).ok) {
    throw typeError(context, "Failed to convert value to 'AbortSignal'.");
  }
  return value as AbortSignal;
}

/** `signal.aborted` through the intrinsic getter (a page cannot fake it on the object). */
export function isAborted(signal: AbortSignal): boolean {
  return Boolean(abortSignalAborted && apply(abortSignalAborted, signal, []));
}
