/**
 * Where a workbench fault meets a ceremony, at one point (hooks.ts's router wrapper): an `exception`
 * fault answers without running the ceremony, a `delay` holds the answer back, and every other fault
 * rewrites the response (workbench-core/inject-fault.ts) with the key the ceremony signed with, which
 * is kept in memory for that ceremony only. Faults come from grants, so an origin the developer did
 * not list never gets one, and nothing a page can read says that one is on.
 */
import { sign } from '../../authenticator/keys.ts';
import type { AuthenticatorPorts, CredentialStore, SigningKey } from '../../authenticator/ports.ts';
import type { CeremonyOutcome } from '../../messages/protocol.ts';
import { fromBase64url } from '../../shared/bytes.ts';
import { decodeAuthData } from '../../workbench-core/auth-data.ts';
import { describeFault, type FaultSetting, faultError } from '../../workbench-core/fault-spec.ts';
import { type FaultContext, injectFault } from '../../workbench-core/inject-fault.ts';
import { faultFor } from '../../workbench-core/origin-rules.ts';
import type { CeremonyLogEntry, WorkbenchGrant } from '../../workbench-core/types.ts';
import type { CeremonyRequest, Router } from '../ceremony/router.ts';

type Key = Pick<SigningKey, 'alg' | 'privateKey'>;
/** What a faulted ceremony notes on its way: the key it signed with, the counter before its use. */
interface Noted {
  key?: Key;
  counterBefore?: number;
}

export interface FaultRunnerDeps {
  grants(): Promise<WorkbenchGrant[]>;
  /**
   * The counter a credential froze at under a counter fault: `lastUsed` (its value before this use)
   * at its first faulted use, the same value at every later one.
   */
  frozenCounter(credentialId: string, lastUsed: number): Promise<number>;
  /** Waits `ms`, or less when the request ends first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export interface FaultedOutcome {
  outcome: CeremonyOutcome;
  fault?: NonNullable<CeremonyLogEntry['fault']>;
}

/** Resolves after `ms`, or at once when `signal` aborts (the page door has answered then). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (signal.aborted) done();
    else signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A store that notes the key the ceremony signs with (a new credential's, or the one used) and the
 * counter value the credential's last use had.
 */
function noting(store: CredentialStore, noted: Noted): CredentialStore {
  return {
    findByIds: (...args) => store.findByIds(...args),
    listDiscoverable: (...args) => store.listDiscoverable(...args),
    async add(credential) {
      await store.add(credential);
      noted.key = { alg: credential.alg, privateKey: credential.privateKey };
    },
    async useForSigning(...args) {
      const [rpId, credentialId] = args;
      const [before] = await store.findByIds(rpId, [credentialId], 'sign-in');
      if (before) noted.counterBefore = before.signCount;
      const key = await store.useForSigning(...args);
      noted.key = { alg: key.alg, privateKey: key.privateKey };
      return key;
    },
  };
}

export function faultRunner(deps: FaultRunnerDeps) {
  /** The fault of each running request, and the key noted for it; gone when it ends. */
  const running = new WeakMap<CeremonyRequest, Noted>();

  function ports(request: CeremonyRequest, given: AuthenticatorPorts): AuthenticatorPorts {
    const noted = running.get(request);
    return noted ? { ...given, store: noting(given.store, noted) } : given;
  }

  /** The outcome with the response fault in it, signed again with the noted key. */
  async function rewrite(
    setting: FaultSetting,
    outcome: CeremonyOutcome,
    noted: Noted,
  ): Promise<{ outcome: CeremonyOutcome; applied: boolean }> {
    if (outcome.type !== 'result') return { outcome, applied: false };
    const { spec } = setting;
    const context: FaultContext = {};
    const { key } = noted;
    if (key) context.sign = (message) => sign(key.alg, key.privateKey, message);
    if (outcome.kind === 'create') {
      const { credential, applied } = injectFault(spec, outcome.credential, context);
      return { outcome: { ...outcome, credential }, applied };
    }
    if (spec.type === 'counter-frozen' || spec.type === 'counter-rollback') {
      const lastUsed =
        noted.counterBefore ??
        decodeAuthData(fromBase64url(outcome.credential.response.authenticatorData)).signCount - 1;
      context.counterBefore = await deps.frozenCounter(outcome.credential.id, Math.max(0, lastUsed));
    }
    const { credential, applied } = injectFault(spec, outcome.credential, context);
    return { outcome: { ...outcome, credential }, applied };
  }

  /** Wraps the router: the fault for the request's origin and kind, if the developer set one. */
  function run(route: Router, request: CeremonyRequest): Promise<FaultedOutcome> {
    return (async () => {
      let setting: FaultSetting | undefined;
      try {
        setting = faultFor(await deps.grants(), request.caller.origin, request.kind);
      } catch {
        // The workbench failing must not fail the ceremony: it runs without a fault.
      }
      if (!setting) return { outcome: await route(request) };
      const description = describeFault(setting.spec);
      const { spec } = setting;
      if (spec.type === 'exception') {
        return { outcome: faultError(spec.name), fault: { description, applied: true } };
      }
      const noted: Noted = {};
      running.set(request, noted);
      try {
        const routed = await route(request);
        if (spec.type === 'delay') {
          await deps.sleep(spec.ms, request.signal);
          return { outcome: routed, fault: { description, applied: true } };
        }
        try {
          const { outcome, applied } = await rewrite(setting, routed, noted);
          return { outcome, fault: { description, applied } };
        } catch (e) {
          // A response the fault cannot read goes to the page as it was; the log says so.
          console.warn(
            'Tapkey: the workbench fault was not applied',
            e instanceof Error ? e.message : typeof e,
          );
          return { outcome: routed, fault: { description, applied: false } };
        }
      } finally {
        running.delete(request);
        delete noted.key;
      }
    })();
  }

  return { ports, run };
}
