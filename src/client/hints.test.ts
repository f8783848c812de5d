import { describe, expect, it } from 'vitest';
import { knownHints, onlyClientDevice } from './hints.ts';

describe('hints (WebAuthn L3 §5.8.7)', () => {
  it('keeps known values in order, once each, and ignores the rest', () => {
    expect(knownHints(['hybrid', 'usb', 'security-key', 'hybrid', null])).toEqual(['hybrid', 'security-key']);
    expect(knownHints('security-key')).toEqual([]);
    expect(knownHints(undefined)).toEqual([]);
  });

  it('sends to the browser only a request whose known hints are client-device alone', () => {
    expect(onlyClientDevice(['client-device'])).toBe(true);
    expect(onlyClientDevice(['client-device', 'client-device', 'unknown'])).toBe(true);
    expect(onlyClientDevice(['client-device', 'security-key'])).toBe(false);
    expect(onlyClientDevice(['security-key'])).toBe(false);
    expect(onlyClientDevice([])).toBe(false);
    expect(onlyClientDevice(['CLIENT-DEVICE'])).toBe(false);
  });
});
