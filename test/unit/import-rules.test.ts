/**
 * Meta-test: the directions imports may take. Layers look only down (python-fido2's rule): pages
 * and the popup see only the protocol and pure modules, the client reaches the authenticator only
 * through its port, the pure core knows nothing of the extension, and nothing imports in a circle.
 * A rule broken here is a design question, not a lint: read the rule's name before bending it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, type Rule, readTree, violations } from './import-graph.ts';
import { PURE } from './layers.ts';

const ROOT = join(import.meta.dirname, '../..');
const EXTENSION = [
  'workbench',
  'src/platform',
  'src/background',
  'src/storage',
  'src/messages',
  'src/page',
  'src/content',
  'popup',
  'offscreen',
  'offer',
  'src/i18n',
];

const RULES: Rule[] = [
  {
    name: 'the pure core (authenticator, client, totp, qr, backup, shared) knows nothing of the extension',
    from: PURE,
    forbid: [...EXTENSION, 'webextension-polyfill', 'idb'],
  },
  {
    name: 'the authenticator never sees the client: origins and clientDataJSON stay above it',
    from: ['src/authenticator'],
    forbid: ['src/client'],
  },
  {
    name: 'the client reaches the authenticator only through its port (ports, types, errors)',
    from: ['src/client'],
    forbid: ['src/authenticator'],
    allow: ['src/authenticator/ports.ts', 'src/authenticator/types.ts', 'src/authenticator/errors.ts'],
  },
  {
    name: 'the popup imports only its views, the protocol and pure modules',
    from: ['popup'],
    forbid: ['src'],
    allow: ['src/messages', 'src/totp', 'src/qr', 'src/shared', 'src/i18n', 'src/platform'],
  },
  {
    name: 'the offscreen document knows only the protocol',
    from: ['offscreen'],
    forbid: ['src'],
    allow: ['src/messages'],
  },
  {
    name: 'the page script and the relay carry no worker, storage, key or UI code into web pages',
    from: ['src/page', 'src/content'],
    forbid: ['src/background', 'src/storage', 'src/authenticator', 'src/totp', 'src/qr', 'popup'],
  },
  {
    name: 'messages are shapes and guards: they know no worker, storage or UI',
    from: ['src/messages'],
    forbid: ['src/background', 'src/storage', 'src/page', 'src/content', 'popup', 'offscreen'],
  },
  {
    name: 'storage implements the ports: it knows no worker, client, protocol or UI',
    from: ['src/storage'],
    forbid: ['src/background', 'src/client', 'src/messages', 'popup'],
  },
  {
    name: 'the worker’s wings stay apart: what both need lives in vault/, settings/ or beside service-worker.ts',
    from: ['src/background/codes'],
    forbid: ['src/background/ceremony'],
  },
  {
    name: 'the worker’s wings stay apart: what both need lives in vault/, settings/ or beside service-worker.ts',
    from: ['src/background/ceremony'],
    forbid: ['src/background/codes'],
  },
  {
    name: 'the ceremony wing does not know the workbench: its hooks are handed in by service-worker.ts',
    from: ['src/background/ceremony'],
    forbid: ['src/background/workbench'],
  },
  {
    name: 'the workbench wing and the codes wing stay apart',
    from: ['src/background/workbench'],
    forbid: ['src/background/codes'],
  },
  {
    name: 'the workbench page imports only the protocol and pure modules',
    from: ['workbench'],
    forbid: ['src', 'popup'],
    allow: ['src/messages', 'src/shared', 'src/workbench-core', 'src/i18n', 'popup/dom.ts'],
  },
  {
    name: 'only the manifest loads the service worker: its wiring is nobody’s dependency',
    from: ['src', 'popup', 'offscreen', 'offer', 'workbench'],
    forbid: ['src/background/service-worker.ts'],
  },
  {
    name: 'the platform layer knows only the protocol: it is what differs between browsers, no feature',
    from: ['src/platform'],
    forbid: ['src', 'popup', 'offscreen', 'offer', 'workbench'],
    allow: ['src/platform', 'src/messages'],
  },
  {
    name: 'the autofill frame, inside web pages, knows only the protocol',
    from: ['offer'],
    forbid: ['src'],
    allow: [
      'src/messages/protocol.ts',
      'src/messages/guards.ts',
      'src/messages/views.ts',
      'src/i18n/messages.ts',
      'src/i18n/page-language.ts',
    ],
  },
  {
    name: 'the UI’s words (src/i18n) know only chrome.i18n and the catalogue, so every page may use them',
    from: ['src/i18n'],
    forbid: ['src', 'popup', 'workbench', 'offer', 'offscreen', 'webextension-polyfill'],
    allow: ['src/i18n'],
  },
];

describe('import rules', () => {
  it('catch a forbidden direction and a cycle (fixture)', () => {
    const fixture = new Map([
      ['popup/prompt/bad.ts', "import { promptGate } from '../../src/background/ceremony/gate.ts';"],
      ['popup/fine.ts', "import { send } from '../src/messages/client.ts';\nimport { h } from './dom.ts';"],
      ['src/client/bad.ts', "import { makeCredential } from '../authenticator/make-credential.ts';"],
      ['src/client/fine.ts', "import type { Authenticator } from '../authenticator/ports.ts';"],
      ['src/totp/bad.ts', "import browser from 'webextension-polyfill';"],
      ['src/background/codes/bad.ts', "export { showPrompt } from '../ceremony/prompt-surface.ts';"],
      ['src/page/bad.ts', "const lazy = () => import('../storage/seal.ts');"],
      ['src/qr/a.ts', "import { b } from './b.ts';"],
      ['src/qr/b.ts', "import { a } from './a.ts';"],
    ]);
    expect(violations(fixture, RULES)).toEqual([
      `popup/prompt/bad.ts imports src/background/ceremony/gate.ts: ${RULES[3]!.name}`,
      `src/client/bad.ts imports src/authenticator/make-credential.ts: ${RULES[2]!.name}`,
      `src/totp/bad.ts imports webextension-polyfill: ${RULES[0]!.name}`,
      `src/background/codes/bad.ts imports src/background/ceremony/prompt-surface.ts: ${RULES[8]!.name}`,
      `src/page/bad.ts imports src/storage/seal.ts: ${RULES[5]!.name}`,
    ]);
    expect(cycles(fixture)).toEqual([['src/qr/a.ts', 'src/qr/b.ts', 'src/qr/a.ts']]);
  });

  const tree = readTree(ROOT, ['src', 'popup', 'offscreen', 'offer', 'workbench']);

  it('hold for the whole tree', () => {
    expect(tree.size).toBeGreaterThan(100);
    expect(violations(tree, RULES)).toEqual([]);
  });

  it('no module imports itself in a circle', () => {
    expect(cycles(tree)).toEqual([]);
  });
});
