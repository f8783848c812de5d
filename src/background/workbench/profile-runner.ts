/**
 * Where a workbench profile meets a ceremony: the page's options as a client that knows this
 * authenticator would send them, the authenticator's ports with the profile in them, and the
 * transports and attachment it reports on the way back (workbench-core/profile-setting.ts). Only for
 * an origin the developer listed with a profile; every other request passes through untouched.
 */
import type { AuthenticatorPorts } from '../../authenticator/ports.ts';
import type { CeremonyOutcome } from '../../messages/protocol.ts';
import { grantFor } from '../../workbench-core/origin-rules.ts';
import {
  adaptOptions,
  adaptResponse,
  type ProfileSetting,
  toAuthenticatorProfile,
} from '../../workbench-core/profile-setting.ts';
import type { WorkbenchGrant } from '../../workbench-core/types.ts';
import type { CeremonyRequest } from '../ceremony/router.ts';

export interface Prepared {
  /** The request to run: the page's own, or a copy with the options adapted to the profile. */
  request: CeremonyRequest;
  /** The profile's label, for the log. */
  profile?: string;
  /** An answer without a ceremony: the profile cannot serve what the page requires. */
  refused?: CeremonyOutcome;
}

export function profileRunner(deps: { grants(): Promise<WorkbenchGrant[]>; rsaKey(): Promise<Uint8Array> }) {
  const running = new WeakMap<CeremonyRequest, { setting: ProfileSetting; grant: WorkbenchGrant }>();

  async function prepare(request: CeremonyRequest): Promise<Prepared> {
    let grant: WorkbenchGrant | undefined;
    try {
      grant = grantFor(await deps.grants(), request.caller.origin);
    } catch {
      // The workbench failing must not fail the ceremony: it runs with the default profile.
    }
    const setting = grant?.profile;
    if (!grant || !setting) return { request };
    const adapted = adaptOptions(request.kind, request.options, setting);
    if ('refuse' in adapted) {
      return { request, profile: setting.label, refused: { type: 'error', ...adapted.refuse } };
    }
    if ('handBack' in adapted) return { request, profile: setting.label, refused: { type: 'fallback' } };
    const prepared: CeremonyRequest = { ...request, options: adapted.options };
    running.set(prepared, { setting, grant });
    return { request: prepared, profile: setting.label };
  }

  function ports(request: CeremonyRequest, given: AuthenticatorPorts): AuthenticatorPorts {
    const entry = running.get(request);
    if (!entry) return given;
    return {
      ...given,
      profile: toAuthenticatorProfile(entry.setting, entry.grant.testCa),
      rsaKey: deps.rsaKey,
    };
  }

  function finish(request: CeremonyRequest, outcome: CeremonyOutcome): CeremonyOutcome {
    const entry = running.get(request);
    running.delete(request);
    if (!entry || outcome.type !== 'result') return outcome;
    if (outcome.kind === 'create')
      return { ...outcome, credential: adaptResponse(outcome.credential, entry.setting) };
    return { ...outcome, credential: adaptResponse(outcome.credential, entry.setting) };
  }

  return { prepare, ports, finish };
}
