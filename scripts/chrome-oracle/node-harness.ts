/**
 * harness.js outside a browser: the same tag decoding and outcome reporting, with `credentials`
 * standing in for navigator.credentials. Unit tests use it to run the recorded cases through the
 * page script's pure pipeline in milliseconds (the e2e replay runs them through the real extension).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Harness {
  run(
    kind: 'create' | 'get',
    options: unknown,
    watchdogMs?: number,
  ): Promise<{ outcome: string; message?: string }>;
  memberOrder(kind: 'create' | 'get', options: unknown): Promise<{ reads: string[]; outcome: string }>;
  setCredentialId(base64url: string): void;
  abort(): void;
}

type Method = (options: unknown) => Promise<unknown>;

export function nodeHarness(credentials: { create: Method; get: Method }, host = 'localhost:8787'): Harness {
  const code = readFileSync(resolve(import.meta.dirname, 'harness.js'), 'utf8');
  const window: { __tapkeyParity?: Harness } = {};
  new Function('window', 'location', 'navigator', code)(window, { host }, { credentials });
  return window.__tapkeyParity!;
}
