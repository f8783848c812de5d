import { describe, expect, it } from 'vitest';
import { PROFILE_PRESETS } from '../workbench-core/profile-setting.ts';
import { isRuntimeMessage } from './guards.ts';

describe('workbench/* message guards', () => {
  it('accepts well-formed messages and rejects the rest', () => {
    const good: unknown[] = [
      { name: 'workbench/log', payload: {} },
      { name: 'workbench/log', payload: { have: ['0b7d3c1e-6f1a-4c43-9d51-2f0e0c6a4b11'] } },
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
      { name: 'workbench/credentials', payload: {} },
      { name: 'workbench/credentials', payload: { rpId: 'localhost' } },
      { name: 'workbench/set-profile', payload: { pattern: 'localhost', profile: PROFILE_PRESETS.u2f } },
      { name: 'workbench/set-profile', payload: { pattern: 'localhost', profile: null } },
      {
        name: 'workbench/add-credential',
        payload: {
          credential: {
            rpId: 'localhost',
            userName: 'a',
            userDisplayName: 'A',
            discoverable: true,
            key: { generate: -8 },
            signCount: 0,
          },
        },
      },
      {
        name: 'workbench/add-credential',
        payload: {
          credential: {
            rpId: 'localhost',
            userName: 'a',
            userDisplayName: 'A',
            userHandle: 'AQ',
            discoverable: false,
            key: { pkcs8: '-----BEGIN PRIVATE KEY-----…' },
            signCount: 7,
          },
          pin: '1234',
        },
      },
      { name: 'workbench/edit-credential', payload: { id: 'AQID', signCount: 4294967295 } },
      { name: 'workbench/edit-credential', payload: { id: 'AQID', userName: 'b', userDisplayName: 'B' } },
      { name: 'workbench/delete-credential', payload: { id: 'AQID' } },
    ];
    for (const m of good) expect(isRuntimeMessage(m), JSON.stringify(m)).toBe(true);
    const bad: unknown[] = [
      { name: 'workbench/log', payload: { have: 'all' } },
      { name: 'workbench/log', payload: { have: [7] } },
      { name: 'workbench/credentials', payload: { rpId: 7 } },
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
      {
        name: 'workbench/add-credential',
        payload: {
          credential: {
            rpId: 'localhost',
            userName: 'a',
            userDisplayName: 'A',
            discoverable: true,
            key: { generate: -257 },
            signCount: 0,
          },
        },
      },
      {
        name: 'workbench/add-credential',
        payload: {
          credential: {
            rpId: 'localhost',
            userName: 'a',
            userDisplayName: 'A',
            discoverable: true,
            key: { generate: -7 },
            signCount: -1,
          },
        },
      },
      { name: 'workbench/edit-credential', payload: { id: 'AQID', signCount: 2 ** 32 } },
      { name: 'workbench/edit-credential', payload: { id: 7 } },
      { name: 'workbench/delete-credential', payload: {} },
      {
        name: 'workbench/set-profile',
        payload: { pattern: 'localhost', profile: { ...PROFILE_PRESETS.u2f, algorithms: [-7, -7] } },
      },
      {
        name: 'workbench/set-profile',
        payload: { pattern: 'localhost', profile: { ...PROFILE_PRESETS.u2f, algorithms: [-35] } },
      },
      {
        name: 'workbench/set-profile',
        payload: { pattern: 'localhost', profile: { ...PROFILE_PRESETS.u2f, aaguid: 'not-a-uuid' } },
      },
      {
        name: 'workbench/set-profile',
        payload: {
          pattern: 'localhost',
          profile: { ...PROFILE_PRESETS.u2f, transports: ['usb', 'carrier-pigeon'] },
        },
      },
    ];
    for (const m of bad) expect(isRuntimeMessage(m), JSON.stringify(m)).toBe(false);
  });
});
