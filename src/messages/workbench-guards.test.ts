import { describe, expect, it } from 'vitest';
import { isRuntimeMessage } from './guards.ts';

describe('workbench/* message guards', () => {
  it('accepts well-formed messages and rejects the rest', () => {
    const good: unknown[] = [
      { name: 'workbench/log', payload: {} },
      {
        name: 'workbench/grant',
        payload: { pattern: 'localhost', autoPresence: true, autoUv: false, minutes: 60 },
      },
      { name: 'workbench/revoke', payload: { pattern: 'http://localhost:1' } },
      { name: 'workbench/export-credentials', payload: { shape: 'cdp', rpId: 'localhost', pin: '1234' } },
      { name: 'workbench/import-credentials', payload: { text: '[]' } },
      {
        name: 'workbench/set-fault',
        payload: { pattern: 'localhost', fault: { spec: { type: 'delay', ms: 500 }, on: 'get' } },
      },
      { name: 'workbench/set-fault', payload: { pattern: 'localhost', fault: null } },
    ];
    for (const m of good) expect(isRuntimeMessage(m), JSON.stringify(m)).toBe(true);
    const bad: unknown[] = [
      {
        name: 'workbench/grant',
        payload: { pattern: 'localhost', autoPresence: 'yes', autoUv: false, minutes: 60 },
      },
      {
        name: 'workbench/grant',
        payload: { pattern: 'localhost', autoPresence: true, autoUv: false, minutes: -1 },
      },
      { name: 'workbench/export-credentials', payload: { shape: 'pem' } },
      { name: 'workbench/import-credentials', payload: { text: 3 } },
      { name: 'workbench/set-fault', payload: { pattern: 'localhost' } },
      {
        name: 'workbench/set-fault',
        payload: { pattern: 'localhost', fault: { spec: { type: 'delay', ms: -5 }, on: 'get' } },
      },
      {
        name: 'workbench/set-fault',
        payload: { pattern: 'localhost', fault: { spec: { type: 'clear-up' }, on: 'never' } },
      },
    ];
    for (const m of bad) expect(isRuntimeMessage(m), JSON.stringify(m)).toBe(false);
  });
});
