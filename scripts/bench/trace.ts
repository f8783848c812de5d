/**
 * Where the time goes: wraps a few extension APIs inside the running service worker (over CDP, no
 * change to the extension) and logs when each was called and finished, on the wall clock. Used for a
 * few extra ceremonies after the timed ones, so the wrappers never touch the headline numbers.
 */
import type { TargetSession } from './cdp-target.ts';

export interface TraceEvent {
  op: string;
  start: number;
  end: number;
}

/** Runs inside the service worker. */
function install(): boolean {
  type Fn = (...args: unknown[]) => unknown;
  const g = globalThis as unknown as { __benchTrace?: TraceEvent[] };
  if (g.__benchTrace) return false;
  const log: TraceEvent[] = [];
  g.__benchTrace = log;
  const now = () => performance.timeOrigin + performance.now();
  const mark = (op: string, start = now()) => log.push({ op, start, end: start });
  const timed = (op: string, result: unknown, start: number) => {
    if (result instanceof Promise)
      result.then(
        () => log.push({ op, start, end: now() }),
        () => undefined,
      );
    else log.push({ op, start, end: now() });
  };
  const wrap = (owner: Record<string, unknown>, name: string, op: string) => {
    const original = owner[name] as Fn;
    owner[name] = (...args: unknown[]) => {
      const start = now();
      const last = args[args.length - 1];
      // webextension-polyfill passes a callback; call the promise form and answer the callback.
      if (typeof last === 'function') {
        args.pop();
        const result = original.apply(owner, args) as Promise<unknown>;
        timed(op, result, start);
        result.then(
          (v) => (last as Fn)(v),
          () => (last as Fn)(),
        );
        return undefined;
      }
      const result = original.apply(owner, args);
      timed(op, result, start);
      return result;
    };
  };
  const session = chrome.storage.session as unknown as Record<string, unknown>;
  for (const name of ['get', 'set', 'remove']) wrap(session, name, `storage.session.${name}`);
  const action = chrome.action as unknown as Record<string, unknown>;
  for (const name of ['openPopup', 'setBadgeText', 'setBadgeBackgroundColor'])
    wrap(action, name, `action.${name}`);

  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: unknown[]) {
    const start = now();
    const tx = (transaction as Fn).apply(this, args) as IDBTransaction;
    const stores = Array.isArray(args[0]) ? args[0].join('+') : String(args[0]);
    const op = `idb.${String(args[1] ?? 'readonly')}(${stores})`;
    tx.addEventListener('complete', () => log.push({ op, start, end: now() }));
    tx.addEventListener('abort', () => log.push({ op: `${op} aborted`, start, end: now() }));
    return tx;
  } as typeof transaction;

  chrome.runtime.onConnect.addListener((port) => {
    mark(`connect ${port.name}`);
    const post = port.postMessage.bind(port);
    port.postMessage = (message: unknown) => {
      mark(`reply on ${port.name}`);
      post(message);
    };
  });
  chrome.runtime.onMessage.addListener((message: unknown) => {
    const name = (message as { name?: unknown } | null)?.name;
    mark(`message ${typeof name === 'string' ? name : '?'}`);
    return undefined;
  });
  return true;
}

export async function installTrace(sw: TargetSession): Promise<void> {
  await sw.evaluate(install);
}

/** Takes (and clears) the events logged so far. */
export function takeTrace(sw: TargetSession): Promise<TraceEvent[]> {
  return sw.evaluate(() => {
    // The wrappers hold on to this very array: empty it in place.
    return ((globalThis as unknown as { __benchTrace?: TraceEvent[] }).__benchTrace ?? []).splice(0);
  });
}
