/** Runs the handler a runtime message names: the one place a message name meets its function. */
import type { Handlers, RuntimeMessage, RuntimeName, RuntimeResponse } from './protocol.ts';

export function dispatch<K extends RuntimeName>(
  handlers: Handlers<K>,
  message: RuntimeMessage<K>,
): Promise<RuntimeResponse<K>> {
  // The guard checked the payload against this name, and Handlers<K> has a function for every K.
  const handle = handlers[message.name] as (payload: unknown) => Promise<RuntimeResponse<K>>;
  return handle(message.payload);
}
