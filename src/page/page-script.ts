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
import {
  convertSignal,
  SIGNAL_METHODS,
  type SignalCall,
  type SignalMethod,
} from '../client/webidl/signal-options.ts';
import { creationOptionsToJSON, requestOptionsToJSON } from '../client/webidl/to-json.ts';
import { nativeCreationOptions, nativeRequestOptions } from '../client/webidl/to-native.ts';
import type {
  CeremonyOutcome,
  PageRequestMessage,
  PageSignalMessage,
  PageWarmMessage,
  SignalOutcome,
} from '../messages/protocol.ts';
import { PAGE_CHANNEL } from '../messages/protocol.ts';
import { raceConditional } from './conditional-race.ts';
import { assertionCredential, registrationCredential } from './credential-object.ts';
import { installToString, pagePromise, pageStack, replaceNative, withFullStacks } from './native-look.ts';

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
    if (name !== 'TypeError') return new DomException(message, name);
    const typeError = new TypeErrorCtor(message);
    // Made during the page's call: the page's frames only in its stack, as Chrome's (native-look.ts).
    pageStack(typeError);
    return typeError;
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

  let warmed = false;
  /**
   * The page is about to use WebAuthn (it probes capabilities, as sign-in pages do on load): the relay
   * wakes Tapkey's worker now, so the sign-in that follows does not wait for it to start. Once per
   * document; it carries nothing, and the page's answer is the browser's as before (the page can see
   * the window message, as it can see its requests go to the relay).
   */
  function warm(): void {
    if (warmed) return;
    warmed = true;
    const message: PageWarmMessage = { channel: PAGE_CHANNEL, kind: 'warm' };
    postMessage(message, '*');
  }

  /**
   * Posts `message` to the relay with a MessageChannel of its own; `onReply` gets the one answer.
   * Returns what aborts the request (the relay passes it on to the worker).
   */
  function toRelay<Reply>(message: PageRequestMessage | PageSignalMessage, onReply: (reply: Reply) => void) {
    const channel = new Channel();
    channel.port1.onmessage = (event: MessageEvent<Reply>) => {
      channel.port1.close();
      onReply(event.data);
    };
    postMessage(message, '*', [channel.port2]);
    return () => {
      channel.port1.postMessage({ type: 'abort' });
      channel.port1.close();
    };
  }

  /** A create/get for the worker; `onOutcome` gets its answer once. Returns the abort. */
  function ask(
    kind: 'create' | 'get',
    json: unknown,
    mediation: 'conditional' | undefined,
    onOutcome: (outcome: CeremonyOutcome) => void,
  ): () => void {
    const message: PageRequestMessage = { channel: PAGE_CHANNEL, kind, options: json };
    if (mediation) message.mediation = mediation;
    return toRelay(message, onOutcome);
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

  // Replacements that look native in every way a page can check (native-look.ts); a rejection's stack
  // names no frame of Tapkey's.
  installToString();
  // Called on something else (create.call({})): the browser's brand check answers, with its error's
  // stack cleaned of Tapkey's frames (native-look.ts).
  replaceNative(container, 'create', (self, args) =>
    self === ownContainer
      ? create(self as CredentialsContainer, args[0])
      : pagePromise(withFullStacks(() => callNative(nativeCreate, self as CredentialsContainer, args[0]))),
  );
  replaceNative(container, 'get', (self, args) =>
    self === ownContainer
      ? get(self as CredentialsContainer, args[0])
      : pagePromise(withFullStacks(() => callNative(nativeGet, self as CredentialsContainer, args[0]))),
  );

  // WebAuthn L3 §5.1.7: the browser's own answer claims extensions (prf, largeBlob…) that Tapkey,
  // which answers create() and get(), does not implement.
  const credentialClass = globalThis.PublicKeyCredential as
    | (typeof PublicKeyCredential & { getClientCapabilities?: () => Promise<Record<string, boolean>> })
    | undefined;
  const nativeCapabilities = credentialClass?.getClientCapabilities;
  if (credentialClass && nativeCapabilities) {
    replaceNative(credentialClass, 'getClientCapabilities', (self, args, native) => {
      warm();
      return PromiseCtor.resolve(call.call(native, self, ...args) as Promise<Record<string, boolean>>).then(
        mergeClientCapabilities,
      );
    });
  }

  // WebAuthn L3 §5.1.10 signal methods. Each call is converted here as Chrome converts it (a bad
  // argument rejects at once, and nothing is sent), then told to Tapkey's worker, which checks the
  // RP ID against the caller's origin and hides or renames Tapkey's passkeys; and passed on to the
  // browser's own method too, so the user's other passkeys hear of it, and the page gets the
  // browser's outcome. Without a native method (an older browser) the page gets Tapkey's answer.
  if (credentialClass) {
    type SignalFunction = (this: unknown, options: unknown) => Promise<undefined>;
    /** How long the page's promise waits for Tapkey after the browser answered; normally milliseconds. */
    const SIGNAL_WAIT_MS = 5_000;
    const setTimer = globalThis.setTimeout.bind(globalThis);
    // A plain record, not a Map: the page could replace Map.prototype.get before a call.
    const nativeSignals: Partial<Record<SignalMethod, SignalFunction>> = Object.create(null);
    for (const method of SIGNAL_METHODS) {
      const native = (credentialClass as unknown as Record<string, unknown>)[method];
      if (typeof native === 'function') nativeSignals[method] = native as SignalFunction;
    }

    const tellTapkey = (signal: SignalCall): Promise<undefined> =>
      new PromiseCtor<undefined>((resolve, reject) => {
        const message: PageSignalMessage = { channel: PAGE_CHANNEL, kind: 'signal', signal };
        toRelay<SignalOutcome>(message, (outcome) => {
          if (outcome.type === 'done') resolve(undefined);
          else reject(error(outcome.name, outcome.message));
        });
      });

    const signal = (method: SignalMethod, args: unknown[]): Promise<undefined> => {
      let converted: SignalCall;
      try {
        converted = convertSignal(method, args);
      } catch (e) {
        return PromiseCtor.reject(e);
      }
      const ours = tellTapkey(converted);
      const native = nativeSignals[method];
      if (!native) return ours;
      // The converted copy, not the page's object: its getters ran once, as in Chrome.
      const browsers = call.call(native, credentialClass, { ...converted.options }) as Promise<undefined>;
      // The page sees the browser's outcome (its rejection at once, as is), but a resolution only once
      // Tapkey has applied the signal too, so a sign-in right after it no longer offers a hidden
      // passkey. Tapkey's own error is not the page's to see (nor an unhandled rejection).
      const applied = new PromiseCtor<undefined>((resolve) => {
        ours.then(
          () => resolve(undefined),
          () => resolve(undefined),
        );
        // A relay that never answers (none in this frame, the extension reloaded under the page)
        // must not hold the browser's answer back for ever.
        setTimer(() => resolve(undefined), SIGNAL_WAIT_MS);
      });
      return browsers.then(() => applied);
    };

    // Static operations: `this` plays no part (WebIDL), as in the browser's own.
    const signalStatics = {
      signalUnknownCredential(...args: unknown[]) {
        return signal('signalUnknownCredential', args);
      },
      signalAllAcceptedCredentials(...args: unknown[]) {
        return signal('signalAllAcceptedCredentials', args);
      },
      signalCurrentUserDetails(...args: unknown[]) {
        return signal('signalCurrentUserDetails', args);
      },
    };
    for (const method of SIGNAL_METHODS) {
      if (nativeSignals[method]) {
        replaceNative(credentialClass, method, (_self, args) => signal(method, args));
        continue;
      }
      // No native method to stand in for (an older browser): a plain one, with the IDL's length 1.
      const wrapper = signalStatics[method];
      Object.defineProperty(wrapper, 'length', { value: 1 });
      Object.defineProperty(credentialClass, method, {
        value: wrapper,
        configurable: true,
        writable: true,
        enumerable: true,
      });
    }
  }

  // WebAuthn L3 §5.1.6: Tapkey offers its passkeys on autofill fields (conditional mediation), in
  // Chrome headless too, where the browser's own answer is false.
  if (credentialClass) {
    replaceNative(credentialClass, 'isConditionalMediationAvailable', () => {
      warm();
      return PromiseCtor.resolve(true);
    });
  }
})();
