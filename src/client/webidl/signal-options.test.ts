/**
 * The signal methods' argument conversion against what Chromium 156 answered for the same calls
 * (test/fixtures/webidl/chrome-signal-outcomes.json, recorded by scripts/chrome-oracle/record-signals.ts):
 * every TypeError Chrome gave is thrown here with the same message; every call Chrome let through
 * (to resolve, or to fail its RP ID check with a SecurityError) converts here too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SIGNAL_CASES,
  type SignalOutcome,
  signalArguments,
} from '../../../scripts/chrome-oracle/signal-cases.ts';
import { convertSignal } from './signal-options.ts';

const fixture = JSON.parse(
  readFileSync(
    resolve(import.meta.dirname, '../../../test/fixtures/webidl/chrome-signal-outcomes.json'),
    'utf8',
  ),
) as { chromium: string; outcomes: Record<string, SignalOutcome> };

describe(`signal arguments as Chromium ${fixture.chromium} converts them`, () => {
  for (const c of SIGNAL_CASES) {
    const recorded = fixture.outcomes[c.name];
    it(`${c.name}: ${recorded?.outcome}`, () => {
      expect(recorded).toBeDefined();
      const convert = () => convertSignal(c.method, signalArguments(c.argument));
      if (recorded?.outcome === 'TypeError') {
        expect(convert).toThrow(TypeError);
        expect(convert).toThrow(recorded.message);
      } else {
        expect(convert).not.toThrow();
      }
    });
  }

  it('reads each member once, in lexicographic order, and converts them as DOMStrings', () => {
    const reads: string[] = [];
    const spy = new Proxy(
      { rpId: 'example.com', userId: 'dXNlcg', name: 42, displayName: null },
      {
        get(target, key, receiver) {
          reads.push(String(key));
          return Reflect.get(target, key, receiver);
        },
      },
    );
    const call = convertSignal('signalCurrentUserDetails', [spy]);
    expect(reads).toEqual(['displayName', 'name', 'rpId', 'userId']);
    expect(call.options).toEqual({ rpId: 'example.com', userId: 'dXNlcg', name: '42', displayName: 'null' });
  });

  it('checks the accepted list before the user id (as recorded)', () => {
    const both = { rpId: 'a.com', userId: '=', allAcceptedCredentialIds: ['='] };
    expect(() => convertSignal('signalAllAcceptedCredentials', [both])).toThrow(
      'Invalid base64url string for allAcceptedCredentialIds.',
    );
  });
});
