/**
 * The page door's edges in memory: a relay's runtime Port (what the content script would open, with
 * the sender Chrome would stamp on it) and the request records storage.session would keep.
 */
import type { RequestRecord, RequestRecords } from '../../src/background/ceremony/page-door.ts';
import type { WorkerToRelay } from '../../src/messages/protocol.ts';
import { type FakePort, type PortSender, portPair } from './fake-browser.ts';

/** An ordinary top-level document in the active tab 7 of window 1. */
export const PAGE_SENDER: PortSender = {
  origin: 'https://example.com',
  url: 'https://example.com/login',
  frameId: 0,
  tab: { id: 7, active: true, windowId: 1 },
};

export interface RelayPort extends FakePort {
  /** What the worker answered on this port. */
  sent: WorkerToRelay[];
  /** The relay posts a message to the worker. */
  deliver(message: unknown): void;
  /** The relay's side goes away (tab closed, navigated). */
  close(): void;
}

/** The worker's end of a relay's port, as onConnect hands it over; `sender` overrides PAGE_SENDER. */
export function relayPort(sender: PortSender = PAGE_SENDER): RelayPort {
  const { a: relay, b: worker } = portPair('tapkey/ceremony-v1', structuredClone(sender));
  return Object.assign(worker, {
    sent: worker.posted as WorkerToRelay[],
    deliver: (message: unknown) => relay.postMessage(message),
    close: () => relay.disconnect(),
  });
}

export function memoryRecords(): RequestRecords & { all: Map<string, RequestRecord> } {
  const all = new Map<string, RequestRecord>();
  return {
    all,
    get: async (id) => all.get(id),
    put: async (r) => void all.set(r.requestId, r),
    delete: async (id) => void all.delete(id),
  };
}
