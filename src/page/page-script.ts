/**
 * MAIN-world page script, built as a standalone IIFE and run at document_start in every frame, so it
 * replaces navigator.credentials.create/get before any page script can save the originals. It only
 * converts and forwards: every decision is made by the service worker.
 */
import type { CeremonyOutcome, PageRequestMessage } from '../messages/protocol.ts';
import { PAGE_CHANNEL } from '../messages/protocol.ts';
import { assertionCredential, registrationCredential } from './credential-object.ts';
import { creationOptionsToJSON, requestOptionsToJSON } from './to-json.ts';

type Obj = Record<string, unknown>;
type CredentialsMethod = (this: CredentialsContainer, options?: Obj) => Promise<Credential | null>;

(() => {
  const container = globalThis.CredentialsContainer?.prototype;
  // No marker on the page: a global flag would let any site detect the extension.
  if (!container) return;

  // Captured now, before the page runs, and used for everything we don't handle or hand back.
  const nativeCreate = container.create as unknown as CredentialsMethod;
  const nativeGet = container.get as unknown as CredentialsMethod;
  const { MessageChannel: Channel, DOMException: DomException, Promise: PromiseCtor } = globalThis;
  const postMessage = window.postMessage.bind(window);

  function outcomeToValue(outcome: CeremonyOutcome): Credential {
    if (outcome.type === 'result') {
      return outcome.kind === 'create'
        ? registrationCredential(outcome.credential)
        : assertionCredential(outcome.credential);
    }
    if (outcome.type === 'error') {
      throw outcome.name === 'TypeError'
        ? new TypeError(outcome.message)
        : new DomException(outcome.message, outcome.name);
    }
    throw new Error('unexpected outcome');
  }

  function run(
    kind: 'create' | 'get',
    self: CredentialsContainer,
    options: Obj | undefined,
  ): Promise<Credential | null> {
    const native = kind === 'create' ? nativeCreate : nativeGet;
    const publicKey = options?.publicKey;
    // Other credential types, and conditional (autofill) requests, belong to the browser.
    if (
      !options ||
      typeof publicKey !== 'object' ||
      publicKey === null ||
      options.mediation === 'conditional'
    ) {
      return native.call(self, options);
    }
    // Duck-typed: a signal made in another frame's realm fails `instanceof AbortSignal` here.
    const maybe = options.signal as AbortSignal | undefined;
    const signal =
      maybe && typeof maybe.aborted === 'boolean' && typeof maybe.addEventListener === 'function'
        ? maybe
        : undefined;
    if (signal?.aborted) return PromiseCtor.reject(signal.reason);

    let json: Obj;
    try {
      json =
        kind === 'create' ? creationOptionsToJSON(publicKey as Obj) : requestOptionsToJSON(publicKey as Obj);
    } catch (e) {
      return PromiseCtor.reject(e);
    }

    return new PromiseCtor<Credential | null>((resolve, reject) => {
      const channel = new Channel();
      const onAbort = () => {
        channel.port1.postMessage({ type: 'abort' });
        channel.port1.close();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      channel.port1.onmessage = (event: MessageEvent<CeremonyOutcome>) => {
        signal?.removeEventListener('abort', onAbort);
        channel.port1.close();
        const outcome = event.data;
        if (outcome.type === 'fallback') {
          native.call(self, options).then(resolve, reject);
          return;
        }
        try {
          resolve(outcomeToValue(outcome));
        } catch (e) {
          reject(e);
        }
      };
      const message: PageRequestMessage = { channel: PAGE_CHANNEL, kind, options: json };
      postMessage(message, '*', [channel.port2]);
    });
  }

  // Method shorthands keep `.name`, and rest parameters keep `.length` 0, like the originals.
  const create = {
    create(this: CredentialsContainer, ...args: [Obj?]) {
      return run('create', this, args[0]);
    },
  }.create;
  const get = {
    get(this: CredentialsContainer, ...args: [Obj?]) {
      return run('get', this, args[0]);
    },
  }.get;
  Object.defineProperty(container, 'create', {
    value: create,
    configurable: true,
    writable: true,
    enumerable: true,
  });
  Object.defineProperty(container, 'get', {
    value: get,
    configurable: true,
    writable: true,
    enumerable: true,
  });
})();
