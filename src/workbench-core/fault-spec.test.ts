import { describe, expect, it } from 'vitest';
import {
  describeFault,
  FAULT_TYPES,
  type FaultSetting,
  faultError,
  isFaultSetting,
  isFaultSpec,
} from './fault-spec.ts';
import { faultFor } from './origin-rules.ts';
import type { WorkbenchGrant } from './types.ts';

const grant = (pattern: string, fault?: FaultSetting): WorkbenchGrant => ({
  pattern,
  addedAt: 0,
  autoPresence: false,
  autoUv: false,
  expiresAt: null,
  ...(fault ? { fault } : {}),
});

describe('fault settings', () => {
  it('accept every fault the workbench offers, with its parameter', () => {
    const specs = FAULT_TYPES.map((t) =>
      t.type === 'exception'
        ? { type: t.type, name: 'SecurityError' }
        : t.type === 'delay'
          ? { type: t.type, ms: 1500 }
          : t.type === 'counter-rollback'
            ? { type: t.type, by: 3 }
            : { type: t.type },
    );
    for (const spec of specs) expect(isFaultSpec(spec), JSON.stringify(spec)).toBe(true);
    expect(isFaultSetting({ spec: specs[0], on: 'both' })).toBe(true);
  });

  it('refuse anything else: unknown types and names, bad numbers, extra members', () => {
    for (const bad of [
      null,
      'clear-up',
      { type: 'set-fire' },
      { type: 'exception', name: 'UnknownError' },
      { type: 'exception' },
      { type: 'delay', ms: -1 },
      { type: 'delay', ms: 1.5 },
      { type: 'delay', ms: 10 * 60_000 + 1 },
      { type: 'counter-rollback', by: 0 },
      { type: 'clear-up', extra: true },
    ]) {
      expect(isFaultSpec(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isFaultSetting({ spec: { type: 'clear-up' }, on: 'sometimes' })).toBe(false);
    expect(isFaultSetting({ spec: { type: 'clear-up' } })).toBe(false);
  });

  it('say what they do', () => {
    expect(describeFault({ type: 'exception', name: 'AbortError' })).toBe('Answer with an error: AbortError');
    expect(describeFault({ type: 'delay', ms: 250 })).toBe('Delay the answer by 250 ms');
    expect(describeFault({ type: 'counter-rollback', by: 2 })).toBe('Signature counter rolled back by 2');
  });

  it('answer an error with a message Tapkey or Chrome also gives, naming no fault', () => {
    const error = faultError('NotAllowedError');
    expect(error).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    expect(error.message).toMatch(/timed out or was not allowed/);
    expect(error.message.toLowerCase()).not.toMatch(/fault|workbench|tapkey/);
  });
});

describe('which ceremonies a fault reaches', () => {
  const grants = [
    grant('http://localhost:8080', { spec: { type: 'clear-up' }, on: 'get' }),
    grant('https://dev.example.com', { spec: { type: 'no-attested-credential-data' }, on: 'both' }),
    grant('http://localhost:9090'),
  ];

  it('only the listed origin, only the ceremonies chosen, only where the fault means something', () => {
    expect(faultFor(grants, 'http://localhost:8080', 'get')?.spec.type).toBe('clear-up');
    expect(faultFor(grants, 'http://localhost:8080', 'create')).toBeUndefined();
    expect(faultFor(grants, 'https://dev.example.com', 'create')?.spec.type).toBe(
      'no-attested-credential-data',
    );
    // Attested credential data exists at create only.
    expect(faultFor(grants, 'https://dev.example.com', 'get')).toBeUndefined();
    // Listed without a fault.
    expect(faultFor(grants, 'http://localhost:9090', 'get')).toBeUndefined();
  });

  it('never an origin that is not listed, however close', () => {
    for (const origin of [
      'http://localhost:8081',
      'https://localhost:8080',
      'https://evil-dev.example.com',
      'https://dev.example.com.evil.test',
      'http://dev.example.com',
      'null',
    ]) {
      expect(faultFor(grants, origin, 'get'), origin).toBeUndefined();
      expect(faultFor(grants, origin, 'create'), origin).toBeUndefined();
    }
  });
});
