/** Binds makeCredential and getAssertion to their ports: one authenticator device, as the client sees it. */
import { getAssertion } from './get-assertion.ts';
import { makeCredential } from './make-credential.ts';
import type { Authenticator, AuthenticatorPorts } from './ports.ts';

/**
 * @example
 * const key = createAuthenticator({ store, gate, random, clock });
 * const made = await key.makeCredential(params);
 */
export function createAuthenticator(ports: AuthenticatorPorts): Authenticator {
  return {
    makeCredential: (params) => makeCredential(params, ports),
    getAssertion: (params) => getAssertion(params, ports),
  };
}
