// The in-page half of the Chrome oracle: turns a case's tagged JSON options into the JavaScript values
// a page would pass (ArrayBuffers, typed arrays, symbols, AbortSignals…), calls
// navigator.credentials.create/get with them and reports what the page sees. The same file runs in
// plain Chromium (scripts/chrome-oracle/record.ts) and in Chromium with Tapkey
// (test/e2e/chrome-parity.spec.ts), so both see exactly the same inputs. The tag format is described
// in scripts/chrome-oracle/cases.ts.
(() => {
  /** @type {AbortController} */
  let controller = new AbortController();
  /** @type {Uint8Array | undefined} */
  let credentialId;
  /** @type {{ settled: boolean, result?: Record<string, unknown> }} */
  let state = { settled: true };
  /** The member reads the `spy` tag saw, in order ("rp.name"…). */
  /** @type {string[]} */
  const spyLog = [];

  const TYPED = {
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
    Float64Array,
  };

  /** @param {number} bytes */
  function sharedBuffer(bytes) {
    // SharedArrayBuffer is not a global outside cross-origin-isolated pages, but shared wasm memory
    // still makes one, which is how a page could pass one.
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return bytes === undefined ? memory.buffer : new Uint8Array(memory.buffer, 0, bytes);
  }

  /** @param {Record<string, unknown>} tag */
  function special(tag) {
    switch (tag.$) {
      case 'undefined':
        return undefined;
      case 'number':
        return Number(tag.value);
      case 'bigint':
        return BigInt(String(tag.value));
      case 'symbol':
        return Symbol('tapkey-parity');
      case 'function':
        return function parityFunction() {};
      case 'buffer': {
        const bytes = Number(tag.bytes);
        const fill = Number(tag.fill ?? 0);
        const raw = new Uint8Array(bytes).fill(fill).buffer;
        const type = String(tag.type ?? 'ArrayBuffer');
        if (type === 'ArrayBuffer') return raw;
        if (type === 'DataView') return new DataView(raw);
        const Ctor = TYPED[/** @type {keyof typeof TYPED} */ (type)];
        if (!Ctor) throw new Error(`unknown buffer type ${type}`);
        return new Ctor(raw);
      }
      case 'shared':
        return sharedBuffer(tag.view ? Number(tag.bytes ?? 16) : undefined);
      case 'resizable':
        return new ArrayBuffer(Number(tag.bytes ?? 16), { maxByteLength: 64 });
      case 'detached': {
        const buffer = new ArrayBuffer(Number(tag.bytes ?? 16));
        const view = new Uint8Array(buffer);
        structuredClone(buffer, { transfer: [buffer] });
        return tag.view ? view : buffer;
      }
      case 'credentialId':
        if (!credentialId) throw new Error('no credential id set');
        return credentialId.slice();
      case 'host':
        return location.host;
      case 'string':
        return String(tag.char ?? 'a').repeat(Number(tag.length));
      case 'toString': {
        const value = String(tag.value);
        return { toString: () => value };
      }
      case 'Set':
        return new Set(/** @type {unknown[]} */ (tag.values).map(decode));
      case 'iterator':
        return (function* values() {
          yield* /** @type {unknown[]} */ (tag.values).map(decode);
        })();
      case 'arrayLike': {
        const values = /** @type {unknown[]} */ (tag.values).map(decode);
        return Object.assign({ length: values.length }, values);
      }
      case 'AbortSignal':
        return controller.signal;
      case 'AbortSignal.aborted':
        return AbortSignal.abort();
      case 'Date':
        return new Date(0);
      case 'spy': {
        const name = String(tag.name);
        return new Proxy(/** @type {object} */ (decode(tag.value)), {
          get(target, key, receiver) {
            if (typeof key === 'string') spyLog.push(`${name}.${key}`);
            return Reflect.get(target, key, receiver);
          },
        });
      }
      default:
        throw new Error(`unknown tag ${String(tag.$)}`);
    }
  }

  /** @param {unknown} value @returns {unknown} */
  function decode(value) {
    if (Array.isArray(value)) return value.map(decode);
    if (value === null || typeof value !== 'object') return value;
    const object = /** @type {Record<string, unknown>} */ (value);
    if (typeof object.$ === 'string') return special(object);
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, member] of Object.entries(object)) out[key] = decode(member);
    return out;
  }

  /** @param {unknown} error */
  function outcomeOf(error) {
    if (error instanceof DOMException) return error.name;
    if (error instanceof TypeError) return 'TypeError';
    if (error instanceof Error) return error.name;
    return `non-error ${typeof error}`;
  }

  /**
   * Starts the call; `state()` tells when it settled. The harness's own AbortController stands in
   * for `signal` when the options (a plain object) leave it unset, so a caller can always abort; the
   * recorder and the replay both add it, so Chrome and Tapkey see the same options.
   * @param {'create' | 'get'} kind @param {unknown} tagged @param {boolean} addSignal
   */
  function start(kind, tagged, addSignal) {
    controller = new AbortController();
    const options = decode(tagged);
    const plain =
      options !== null && typeof options === 'object' && Object.getPrototypeOf(options) === Object.prototype;
    if (addSignal && plain && !('signal' in options)) {
      /** @type {Record<string, unknown>} */ (options).signal = controller.signal;
    }
    state = { settled: false };
    /** @type {Promise<unknown>} */
    let promise;
    try {
      promise = navigator.credentials[kind](/** @type {never} */ (options));
    } catch (error) {
      state = { settled: true, result: { outcome: outcomeOf(error), message: String(error), sync: true } };
      return;
    }
    promise.then(
      (credential) => {
        const pkc = /** @type {PublicKeyCredential | null} */ (credential);
        const attachment = pkc?.authenticatorAttachment;
        // What the relying party reads first: the replay compares its challenge with the one sent.
        const data = pkc?.response?.clientDataJSON;
        const clientDataJSON = data ? new TextDecoder().decode(data) : undefined;
        state = { settled: true, result: { outcome: 'success', attachment, clientDataJSON } };
      },
      (error) => {
        const message = error && typeof error === 'object' && 'message' in error ? String(error.message) : '';
        state = { settled: true, result: { outcome: outcomeOf(error), message } };
      },
    );
  }

  /** Runs one case to its end, or until `watchdogMs` pass (then 'pending'). */
  async function run(/** @type {'create' | 'get'} */ kind, /** @type {unknown} */ tagged, watchdogMs = 8000) {
    start(kind, tagged, true);
    const end = Date.now() + watchdogMs;
    while (!state.settled && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    return state.settled ? state.result : { outcome: 'pending' };
  }

  /** Which members the implementation reads, in which order (options built with `spy` tags). */
  async function memberOrder(/** @type {'create' | 'get'} */ kind, /** @type {unknown} */ tagged) {
    spyLog.length = 0;
    const result = await run(kind, tagged);
    return { reads: [...spyLog], outcome: result?.outcome };
  }

  Object.defineProperty(window, '__tapkeyParity', {
    value: Object.freeze({
      run,
      memberOrder,
      start,
      state: () => state,
      abort: () => controller.abort(),
      /** @param {string} base64url */
      setCredentialId(base64url) {
        const binary = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
        credentialId = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      },
    }),
  });
})();
