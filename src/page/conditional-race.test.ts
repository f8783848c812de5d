import { describe, expect, it } from 'vitest';
import type { CeremonyOutcome } from '../messages/protocol.ts';
import { raceConditional } from './conditional-race.ts';

/** A race with both sides under the test's control. */
function harness() {
  const log: string[] = [];
  let tapkeyAnswer: ((outcome: CeremonyOutcome) => void) | undefined;
  let browserResult: ((value: string) => void) | undefined;
  let browserError: ((error: unknown) => void) | undefined;
  let pageAbort: ((reason: unknown) => void) | undefined;
  let settled: { value?: string; error?: unknown } | undefined;
  raceConditional<string>(
    {
      startTapkey: (onOutcome) => {
        tapkeyAnswer = onOutcome;
        return () => log.push('tapkey withdrawn');
      },
      startBrowser: (onResult, onError) => {
        browserResult = onResult;
        browserError = onError;
        return { abort: () => log.push('browser aborted') };
      },
      toValue: (outcome) => {
        if (outcome.type === 'error') throw new Error(outcome.name);
        return `tapkey ${outcome.credential.id}`;
      },
      onPageAbort: (listener) => {
        pageAbort = listener;
        return () => log.push('stopped listening');
      },
    },
    (value) => {
      settled = { value };
    },
    (error) => {
      settled = { error };
    },
  );
  const credential = { id: 'abc' } as Extract<CeremonyOutcome, { kind: 'get' }>['credential'];
  return {
    log,
    settled: () => settled,
    tapkeyChose: () => tapkeyAnswer?.({ type: 'result', kind: 'get', credential }),
    tapkeyFails: (name: 'SecurityError') => tapkeyAnswer?.({ type: 'error', name, message: name }),
    tapkeyHandsBack: () => tapkeyAnswer?.({ type: 'fallback' }),
    browserChose: () => browserResult?.('browser credential'),
    browserFails: (error: unknown) => browserError?.(error),
    pageAborts: (reason: unknown) => pageAbort?.(reason),
  };
}

describe('passkey autofill: Tapkey and the browser raced', () => {
  it('gives the page Tapkey’s credential and aborts the browser’s request', () => {
    const race = harness();
    race.tapkeyChose();
    expect(race.settled()).toEqual({ value: 'tapkey abc' });
    expect(race.log).toEqual(['stopped listening', 'browser aborted']);
  });

  it('gives the page the browser’s credential and withdraws Tapkey’s offer', () => {
    const race = harness();
    race.browserChose();
    expect(race.settled()).toEqual({ value: 'browser credential' });
    expect(race.log).toContain('tapkey withdrawn');
    race.tapkeyChose();
    expect(race.settled()).toEqual({ value: 'browser credential' });
  });

  it('keeps Tapkey’s offer when the browser’s request fails (no conditional UI there)', () => {
    const race = harness();
    race.browserFails(new Error('NotAllowedError'));
    expect(race.settled()).toBeUndefined();
    race.tapkeyChose();
    expect(race.settled()).toEqual({ value: 'tapkey abc' });
  });

  it('answers with the browser’s outcome when Tapkey hands the request back', () => {
    const failure = new Error('NotAllowedError');
    const first = harness();
    first.browserFails(failure);
    first.tapkeyHandsBack();
    expect(first.settled()).toEqual({ error: failure });
    const second = harness();
    second.tapkeyHandsBack();
    expect(second.settled()).toBeUndefined();
    second.browserChose();
    expect(second.settled()).toEqual({ value: 'browser credential' });
  });

  it('rejects with Tapkey’s error (a bad RP ID) and aborts the browser’s request', () => {
    const race = harness();
    race.tapkeyFails('SecurityError');
    expect(race.settled()).toEqual({ error: new Error('SecurityError') });
    expect(race.log).toContain('browser aborted');
  });

  it('ends both on the page’s abort, with the signal’s reason', () => {
    const race = harness();
    race.pageAborts('stop');
    expect(race.settled()).toEqual({ error: 'stop' });
    expect(race.log).toEqual(expect.arrayContaining(['tapkey withdrawn', 'browser aborted']));
    race.browserChose();
    expect(race.settled()).toEqual({ error: 'stop' });
  });
});
