/**
 * MAIN-world page script, built as a standalone IIFE and run at document_start in every frame, so it
 * replaces navigator.credentials.create/get before any page script can save the originals. It
 * converts the page's argument exactly as Chrome's bindings do (src/client/webidl), takes the steps
 * Chrome takes in the page, and then either forwards WebAuthn JSON to the worker, answers at once
 * with the error Chrome would give, or hands the call to the browser's own implementation. Every
 * decision that needs the caller's origin is made by the service worker.
 */

import { mergeClientCapabilities } from '../client/capabilities.ts';
import {
  convertCredentialCreationOptions,
  convertCredentialRequestOptions,
} from '../client/webidl/credential-options.ts';
import { createSteps, getSteps, type PageStep } from '../client/webidl/page-steps.ts';
import { creationOptionsToJSON, requestOptionsToJSON } from '../client/webidl/to-json.ts';
import { nativeCreationOptions, nativeRequestOptions } from '../client/webidl/to-native.ts';
import type { CeremonyOutcome, PageRequestMessage } from '../messages/protocol.ts';
import { PAGE_CHANNEL } from '../messages/protocol.ts';
import { raceConditional } from './conditional-race.ts';
import { assertionCredential, registrationCredential } from './credential-object.ts';

type CredentialsMethod = (this: CredentialsContainer, options?: unknown) => Promise<Credential | null>;

(() => {
  const container = globalThis.CredentialsContainer?.prototype;
  // No marker on the page: a global flag would let any site detect the extension.
  if (!container) return;

  /** The container this frame's navigator.credentials is: anything else as `this` is the browser's. */
  const ownContainer = navigator.credentials;
  // Captured now, before the page runs, and used for everything we don't handle or hand back.
  const nativeCreate = container.create as unknown as CredentialsMethod;
  const nativeGet = container.get as unknown as CredentialsMethod;
  const {
    MessageChannel: Channel,
    DOMException: DomException,
    Promise: PromiseCtor,
    TypeError: TypeErrorCtor,
    AbortController: AbortControllerCtor,
  } = globalThis;
  const abortControllerAbort = AbortControllerCtor.prototype.abort;
  const postMessage = window.postMessage.bind(window);
  const { call } = Function.prototype;
  const callNative = (native: CredentialsMethod, self: CredentialsContainer, options: unknown) =>
    call.call(native, self, options) as Promise<Credential | null>;
  const { addEventListener, removeEventListener } = EventTarget.prototype;
  const abortSignalReason = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'reason')?.get;
  const reasonOf = (signal: AbortSignal): unknown =>
    abortSignalReason && call.call(abortSignalReason, signal);

  function error(name: string, message: string): Error {
    return name === 'TypeError' ? new TypeErrorCtor(message) : new DomException(message, name);
  }

  function outcomeToValue(outcome: CeremonyOutcome): Credential {
    if (outcome.type === 'result') {
      return outcome.kind === 'create'
        ? registrationCredential(outcome.credential)
        : assertionCredential(outcome.credential);
    }
    if (outcome.type === 'error') throw error(outcome.name, outcome.message);
    throw new Error('unexpected outcome');
  }

  /** Posts the JSON to the relay; `onOutcome` gets the worker's answer once. Returns the abort. */
  function ask(
    kind: 'create' | 'get',
    json: unknown,
    mediation: 'conditional' | undefined,
    onOutcome: (outcome: CeremonyOutcome) => void,
  ): () => void {
    const channel = new Channel();
    channel.port1.onmessage = (event: MessageEvent<CeremonyOutcome>) => {
      channel.port1.close();
      onOutcome(event.data);
    };
    const message: PageRequestMessage = { channel: PAGE_CHANNEL, kind, options: json };
    if (mediation) message.mediation = mediation;
    postMessage(message, '*', [channel.port2]);
    return () => {
      channel.port1.postMessage({ type: 'abort' });
      channel.port1.close();
    };
  }

  /** Calls `listener` once when `signal` aborts, with its reason; returns the unsubscribe. */
  function onAbort(signal: AbortSignal | undefined, listener: (reason: unknown) => void): () => void {
    if (!signal) return () => undefined;
    const handler = () => listener(reasonOf(signal));
    call.call(addEventListener, signal, 'abort', handler, { once: true });
    return () => call.call(removeEventListener, signal, 'abort', handler);
  }

  /** Posts the JSON to the relay and settles with the worker's answer (or the browser's). */
  function forward(
    kind: 'create' | 'get',
    json: unknown,
    signal: AbortSignal | undefined,
    toBrowser: () => Promise<Credential | null>,
  ): Promise<Credential | null> {
    return new PromiseCtor<Credential | null>((resolve, reject) => {
      let stopListening: () => void = () => undefined;
      const abortRequest = ask(kind, json, undefined, (outcome) => {
        stopListening();
        if (outcome.type === 'fallback') {
          toBrowser().then(resolve, reject);
          return;
        }
        try {
          resolve(outcomeToValue(outcome));
        } catch (e) {
          reject(e);
        }
      });
      stopListening = onAbort(signal, (reason) => {
        abortRequest();
        reject(reason);
      });
    });
  }

  /** Passkey autofill: Tapkey's offer and the browser's own conditional request, raced. */
  function conditionalGet(
    self: CredentialsContainer,
    options: ReturnType<typeof convertCredentialRequestOptions>,
    json: unknown,
  ): Promise<Credential | null> {
    return new PromiseCtor<Credential | null>((resolve, reject) => {
      raceConditional<Credential | null>(
        {
          startTapkey: (onOutcome) => ask('get', json, 'conditional', onOutcome),
          startBrowser: (onResult, onError) => {
            const controller = new AbortControllerCtor();
            const browserOptions = nativeRequestOptions({ ...options, signal: controller.signal });
            callNative(nativeGet, self, browserOptions).then(onResult, onError);
            return { abort: () => call.call(abortControllerAbort, controller) };
          },
          toValue: outcomeToValue,
          onPageAbort: (listener) => onAbort(options.signal, listener),
        },
        resolve,
        reject,
      );
    });
  }

  /** What the page sees for a step that does not reach the worker; undefined for 'tapkey'. */
  function settle(
    step: PageStep,
    signal: AbortSignal | undefined,
    toBrowser: () => Promise<Credential | null>,
  ): Promise<Credential | null> | undefined {
    switch (step.action) {
      case 'tapkey':
        return undefined;
      case 'browser':
        return toBrowser();
      case 'abort':
        return PromiseCtor.reject(signal && reasonOf(signal));
      case 'reject':
        return PromiseCtor.reject(error(step.name, step.message));
    }
  }

  function create(self: CredentialsContainer, argument: unknown): Promise<Credential | null> {
    // Called on something else (create.call({})): the browser's brand check answers, before any getter.
    if (self !== ownContainer) return callNative(nativeCreate, self, argument);
    // WebIDL: a promise-returning operation reports conversion errors as a rejected promise.
    let options: ReturnType<typeof convertCredentialCreationOptions>;
    try {
      options = convertCredentialCreationOptions(argument);
    } catch (e) {
      return PromiseCtor.reject(e);
    }
    const toBrowser = () => callNative(nativeCreate, self, nativeCreationOptions(options));
    const early = settle(createSteps(options), options.signal, toBrowser);
    if (early) return early;
    return forward('create', creationOptionsToJSON(options.publicKey!), options.signal, toBrowser);
  }

  function get(self: CredentialsContainer, argument: unknown): Promise<Credential | null> {
    if (self !== ownContainer) return callNative(nativeGet, self, argument);
    let options: ReturnType<typeof convertCredentialRequestOptions>;
    try {
      options = convertCredentialRequestOptions(argument);
    } catch (e) {
      return PromiseCtor.reject(e);
    }
    const toBrowser = () => callNative(nativeGet, self, nativeRequestOptions(options));
    const early = settle(getSteps(options), options.signal, toBrowser);
    if (early) return early;
    const json = requestOptionsToJSON(options.publicKey!);
    if (options.mediation === 'conditional') return conditionalGet(self, options, json);
    return forward('get', json, options.signal, toBrowser);
  }

  // Method shorthands keep `.name`, and rest parameters keep `.length` 0, like the originals.
  const methods = {
    create(this: CredentialsContainer, ...args: unknown[]) {
      return create(this, args[0]);
    },
    get(this: CredentialsContainer, ...args: unknown[]) {
      return get(this, args[0]);
    },
  };
  for (const name of ['create', 'get'] as const) {
    Object.defineProperty(container, name, {
      value: methods[name],
      configurable: true,
      writable: true,
      enumerable: true,
    });
  }

  // WebAuthn L3 §5.1.7: the browser's own answer claims extensions (prf, largeBlob…) that Tapkey,
  // which answers create() and get(), does not implement.
  const credentialClass = globalThis.PublicKeyCredential as
    | (typeof PublicKeyCredential & { getClientCapabilities?: () => Promise<Record<string, boolean>> })
    | undefined;
  const nativeCapabilities = credentialClass?.getClientCapabilities;
  if (credentialClass && nativeCapabilities) {
    const statics = {
      getClientCapabilities(...args: unknown[]) {
        void args;
        return PromiseCtor.resolve(
          call.call(nativeCapabilities, credentialClass) as Promise<Record<string, boolean>>,
        ).then(mergeClientCapabilities);
      },
    };
    Object.defineProperty(credentialClass, 'getClientCapabilities', {
      value: statics.getClientCapabilities,
      configurable: true,
      writable: true,
      enumerable: true,
    });
  }

  // WebAuthn L3 §5.1.6: Tapkey offers its passkeys on autofill fields (conditional mediation), in
  // Chrome headless too, where the browser's own answer is false.
  if (credentialClass?.isConditionalMediationAvailable) {
    const statics = {
      isConditionalMediationAvailable(...args: unknown[]) {
        void args;
        return PromiseCtor.resolve(true);
      },
    };
    Object.defineProperty(credentialClass, 'isConditionalMediationAvailable', {
      value: statics.isConditionalMediationAvailable,
      configurable: true,
      writable: true,
      enumerable: true,
    });
  }
})();
