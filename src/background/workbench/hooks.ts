/**
 * Where the workbench meets the ceremony router (router.ts's RouterHooks): it may answer for the
 * user (automatic presence), inject a fault, and it records what happened. All only for origins the
 * developer listed; for every other origin the router runs as if the workbench did not exist (one
 * cached list lookup).
 */
import type { UserGate } from '../../authenticator/ports.ts';
import type { CeremonyOutcome } from '../../messages/protocol.ts';
import { inspectCeremony } from '../../workbench-core/inspect-ceremony.ts';
import { autoGrantFor, grantFor } from '../../workbench-core/origin-rules.ts';
import type { CeremonyLogEntry, LogGate } from '../../workbench-core/types.ts';
import { promptGate } from '../ceremony/gate.ts';
import type { CeremonyRequest, Router, RouterHooks } from '../ceremony/router.ts';
import type { Vault } from '../vault/vault.ts';
import { autoGate } from './auto-gate.ts';
import { appendLog } from './ceremony-log.ts';
import { faultRunner, sleep } from './fault-runner.ts';
import { frozenCounter } from './frozen-counters.ts';
import { listGrants } from './grants.ts';
import { profileRunner } from './profile-runner.ts';
import { rsaKeyPkcs8 } from './rsa-key.ts';

export function workbenchHooks(vault: Vault): RouterHooks {
  /** Which requests the automatic gate answered, for the log. */
  const automatic = new WeakSet<CeremonyRequest>();
  const faults = faultRunner({ grants: listGrants, frozenCounter, sleep });
  const profiles = profileRunner({ grants: listGrants, rsaKey: rsaKeyPkcs8 });

  async function gate(request: CeremonyRequest): Promise<UserGate | undefined> {
    try {
      const grant = autoGrantFor(await listGrants(), request.caller, Date.now());
      if (!grant) return undefined;
      // A locked vault needs the PIN, which only the prompt can ask for.
      if (await vault.isLocked()) return undefined;
      automatic.add(request);
      return autoGate(grant, () => promptGate(request));
    } catch {
      // The workbench failing must not fail the ceremony: the prompt answers instead.
      return undefined;
    }
  }

  function record(
    request: CeremonyRequest,
    outcome: CeremonyOutcome,
    time: number,
    durationMs: number,
    extra: Pick<CeremonyLogEntry, 'fault' | 'profile'> & { sent: unknown },
  ) {
    // After the page has its answer: nothing here is on the ceremony's path.
    setTimeout(() => {
      void listGrants()
        .then((grants) => {
          if (!grantFor(grants, request.caller.origin)) return;
          const gateUsed: LogGate = request.autofill
            ? 'autofill'
            : automatic.has(request)
              ? 'auto'
              : 'prompt';
          appendLog(
            inspectCeremony({
              id: crypto.randomUUID(),
              time,
              durationMs,
              kind: request.kind,
              gate: gateUsed,
              caller: request.caller,
              options: extra.sent,
              outcome,
              ...(extra.fault ? { fault: extra.fault } : {}),
              ...(extra.profile ? { profile: extra.profile } : {}),
            }),
          );
        })
        .catch((e: unknown) =>
          console.warn('Tapkey: the ceremony was not logged', e instanceof Error ? e.message : typeof e),
        );
    }, 0);
  }

  function observe(route: Router): Router {
    return async (request) => {
      const time = Date.now();
      const prepared = await profiles.prepare(request);
      const ran = prepared.refused
        ? { outcome: prepared.refused }
        : await faults.run(route, prepared.request);
      const outcome = profiles.finish(prepared.request, ran.outcome);
      // The log shows the options as the page sent them, not as the profile adapted them.
      record(prepared.request, outcome, time, Date.now() - time, {
        sent: request.options,
        ...('fault' in ran && ran.fault ? { fault: ran.fault } : {}),
        ...(prepared.profile ? { profile: prepared.profile } : {}),
      });
      return outcome;
    };
  }

  return {
    gate,
    ports: (request, ports) => faults.ports(request, profiles.ports(request, ports)),
    observe,
  };
}
