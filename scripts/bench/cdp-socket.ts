/**
 * A CDP client of our own on the browser's DevTools WebSocket (Chromium started with
 * `--remote-debugging-port=0`), speaking the flattened protocol: commands to an attached target carry
 * its `sessionId`. Playwright's CDPSession cannot address such child sessions, and its own round trips
 * reach a new page (the toolbar popup, which Playwright never attaches to) too late to watch it load.
 * WebSocket is Node's own from Node 22; before that, the `ws` that Playwright bundles and exports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}

type Listener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

interface Socket {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: (event: unknown) => void): void;
}

async function socketClass(): Promise<new (url: string) => Socket> {
  const native = (globalThis as { WebSocket?: new (url: string) => Socket }).WebSocket;
  if (native) return native;
  // An exported path of playwright-core without type declarations: typed here by what we use.
  const specifier = 'playwright-core/lib/utilsBundle';
  const bundle = (await import(specifier)) as { ws: new (url: string) => Socket };
  return bundle.ws;
}

/** The browser's DevTools WebSocket URL, from the file Chromium writes into the profile. */
export function devToolsUrl(profileDir: string): string {
  const [port, path] = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n');
  return `ws://127.0.0.1:${port}${path}`;
}

export class CdpSocket {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Set<Listener>>();

  private constructor(private readonly socket: Socket) {
    socket.addEventListener('message', (event) => this.receive(String(event.data)));
    socket.addEventListener('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('the DevTools socket closed'));
      this.pending.clear();
    });
  }

  static async open(url: string): Promise<CdpSocket> {
    const WebSocketClass = await socketClass();
    const socket = new WebSocketClass(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve());
      socket.addEventListener('error', () => reject(new Error(`cannot open ${url}`)));
    });
    return new CdpSocket(socket);
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as Message;
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message);
      return;
    }
    if (!message.method) return;
    for (const listener of this.listeners.get(message.method) ?? []) {
      listener(message.params ?? {}, message.sessionId);
    }
  }

  /** One command, to the browser or (with `sessionId`) to an attached target. */
  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (m) => resolve((m.result ?? {}) as T), reject });
      this.socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  on(method: string, listener: Listener): () => void {
    const set = this.listeners.get(method) ?? new Set();
    set.add(listener);
    this.listeners.set(method, set);
    return () => set.delete(listener);
  }

  close(): void {
    this.socket.close();
  }
}
