import { describe, expect, it } from 'vitest';
import { TOP_LEVEL_FRAME } from '../client/testing/frame-facts.ts';
import {
  isPageRequestMessage,
  isPageSignalMessage,
  isPopupToWorker,
  isRelaySignalToWorker,
  isRelayToWorker,
  isRuntimeMessage,
  isSignalOutcome,
  isWorkerToPopup,
} from './guards.ts';
import { PAGE_CHANNEL } from './protocol.ts';

const frame = TOP_LEVEL_FRAME;
const id = '123e4567-e89b-42d3-a456-426614174000';

describe('message guards drop anything malformed', () => {
  it('page → relay: only our channel, a known kind, and options present', () => {
    expect(isPageRequestMessage({ channel: PAGE_CHANNEL, kind: 'create', options: {} })).toBe(true);
    expect(isPageRequestMessage({ channel: 'other', kind: 'create', options: {} })).toBe(false);
    expect(isPageRequestMessage({ channel: PAGE_CHANNEL, kind: 'delete', options: {} })).toBe(false);
    expect(isPageRequestMessage({ channel: PAGE_CHANNEL, kind: 'get' })).toBe(false);
    expect(isPageRequestMessage(null)).toBe(false);
    expect(isPageRequestMessage('tapkey')).toBe(false);
  });

  it('signals: page → relay → worker carry an object, and only done or an error comes back', () => {
    const signal = { method: 'signalUnknownCredential', options: {} };
    expect(isPageSignalMessage({ channel: PAGE_CHANNEL, kind: 'signal', signal })).toBe(true);
    expect(isPageSignalMessage({ channel: PAGE_CHANNEL, kind: 'signal', signal: 'x' })).toBe(false);
    expect(isPageSignalMessage({ channel: 'other', kind: 'signal', signal })).toBe(false);
    expect(isPageRequestMessage({ channel: PAGE_CHANNEL, kind: 'signal', options: signal })).toBe(false);
    expect(isRelaySignalToWorker({ type: 'signal', signal })).toBe(true);
    expect(isRelaySignalToWorker({ type: 'signal' })).toBe(false);
    expect(isSignalOutcome({ type: 'done' })).toBe(true);
    expect(isSignalOutcome({ type: 'error', name: 'SecurityError', message: 'm' })).toBe(true);
    expect(isSignalOutcome({ type: 'error', name: 'SecurityError' })).toBe(false);
    expect(isSignalOutcome({ type: 'result' })).toBe(false);
    expect(isRuntimeMessage({ name: 'credentials/restore', payload: { id: 'AQID' } })).toBe(true);
    expect(isRuntimeMessage({ name: 'credentials/restore', payload: { id: 5 } })).toBe(false);
  });

  it('relay → worker: request ids are UUIDs, frame facts are complete and typed', () => {
    expect(isRelayToWorker({ type: 'begin', requestId: id, kind: 'get', options: {}, frame })).toBe(true);
    expect(isRelayToWorker({ type: 'resume', requestId: id, kind: 'create', options: {}, frame })).toBe(true);
    expect(isRelayToWorker({ type: 'abort', requestId: id })).toBe(true);
    expect(isRelayToWorker({ type: 'ping' })).toBe(true);
    expect(isRelayToWorker({ type: 'begin', requestId: 'x', kind: 'get', options: {}, frame })).toBe(false);
    expect(isRelayToWorker({ type: 'begin', requestId: id, kind: 'get', options: {} })).toBe(false);
    const { documentVisible: _, ...partial } = frame;
    expect(isRelayToWorker({ type: 'begin', requestId: id, kind: 'get', options: {}, frame: partial })).toBe(
      false,
    );
    expect(
      isRelayToWorker({
        type: 'begin',
        requestId: id,
        kind: 'get',
        options: {},
        frame: { ...frame, ancestorOrigins: [1] },
      }),
    ).toBe(false);
    // There is no field for an origin to travel in: it comes from the browser only.
    expect(isRelayToWorker({ type: 'answer', requestId: id })).toBe(false);
  });

  it('popup → worker: names and payload shapes are checked', () => {
    expect(isRuntimeMessage({ name: 'prompt/current', payload: {} })).toBe(true);
    expect(
      isRuntimeMessage({ name: 'prompt/answer', payload: { promptId: 'p', decision: { type: 'approve' } } }),
    ).toBe(true);
    expect(
      isRuntimeMessage({ name: 'prompt/answer', payload: { promptId: 'p', decision: { type: 'sure' } } }),
    ).toBe(false);
    expect(
      isRuntimeMessage({
        name: 'prompt/answer',
        payload: { promptId: 'p', decision: { type: 'approve', pin: 1234 } },
      }),
    ).toBe(false);
    expect(isRuntimeMessage({ name: 'settings/reset', payload: { confirm: 'yes' } })).toBe(false);
    expect(isRuntimeMessage({ name: 'settings/reset', payload: { confirm: 'RESET' } })).toBe(true);
    expect(isRuntimeMessage({ name: 'credentials/delete', payload: {} })).toBe(false);
    // The Passkeys list comes a bounded page at a time.
    const list = (payload: object) => isRuntimeMessage({ name: 'credentials/list', payload });
    expect(list({ limit: 20 })).toBe(true);
    expect(list({ limit: 400, after: { rpId: 'example.com', id: 'AQID' } })).toBe(true);
    expect(list({})).toBe(false);
    expect(list({ limit: 0 })).toBe(false);
    expect(list({ limit: 1e9 })).toBe(false);
    expect(list({ limit: 20, after: 'example.com' })).toBe(false);
    expect(list({ limit: 20, after: { rpId: 'example.com' } })).toBe(false);
    expect(
      isRuntimeMessage({ name: 'credentials/rename', payload: { id: 'AQID', userDisplayName: 'Work key' } }),
    ).toBe(true);
    expect(
      isRuntimeMessage({ name: 'credentials/rename', payload: { id: 'AQID', userDisplayName: '' } }),
    ).toBe(true);
    expect(isRuntimeMessage({ name: 'credentials/rename', payload: { id: 'AQID' } })).toBe(false);
    expect(
      isRuntimeMessage({
        name: 'credentials/rename',
        payload: { id: 'AQID', userDisplayName: 'x'.repeat(257) },
      }),
    ).toBe(false);
    expect(isRuntimeMessage({ name: 'unknown', payload: {} })).toBe(false);
    expect(isRuntimeMessage({ name: 'prompt/current' })).toBe(false);
  });

  it('popup port: showing a prompt id or null, or closing', () => {
    expect(isPopupToWorker({ type: 'showing', promptId: null })).toBe(true);
    expect(isPopupToWorker({ type: 'showing', promptId: 'p' })).toBe(true);
    expect(isPopupToWorker({ type: 'closing' })).toBe(true);
    expect(isPopupToWorker({ type: 'showing', promptId: 3 })).toBe(false);
  });

  it('popup port: an answer is checked as prompt/answer is', () => {
    const request = { promptId: 'p', decision: { type: 'approve', credentialId: 'AQ' } };
    expect(isPopupToWorker({ type: 'answer', callId: 1, request })).toBe(true);
    expect(isPopupToWorker({ type: 'answer', callId: -1, request })).toBe(false);
    expect(
      isPopupToWorker({ type: 'answer', callId: 1, request: { promptId: 'p', decision: { type: 'sign' } } }),
    ).toBe(false);
    expect(isPopupToWorker({ type: 'answer', callId: 1 })).toBe(false);
  });

  it('worker → popup port: refresh, or the reply to an answer', () => {
    expect(isWorkerToPopup({ type: 'refresh' })).toBe(true);
    expect(isWorkerToPopup({ type: 'showing', promptId: null })).toBe(false);
    expect(isWorkerToPopup({ type: 'answered', callId: 2, response: { ok: true, remaining: 0 } })).toBe(true);
    expect(isWorkerToPopup({ type: 'answered', callId: 2, failed: 'boom' })).toBe(true);
    expect(isWorkerToPopup({ type: 'answered', callId: 2 })).toBe(false);
  });

  it('worker → offscreen: the clearing delay is bounded', () => {
    expect(isRuntimeMessage({ name: 'offscreen/clear-clipboard', payload: { afterMs: 30_000 } })).toBe(true);
    expect(isRuntimeMessage({ name: 'offscreen/clear-clipboard', payload: { afterMs: -1 } })).toBe(false);
    expect(
      isRuntimeMessage({ name: 'offscreen/clear-clipboard', payload: { afterMs: 30_000 } }, ['otp/list']),
    ).toBe(false);
  });

  it('names are own properties of the map, not inherited ones', () => {
    expect(isRuntimeMessage({ name: 'toString', payload: {} })).toBe(false);
    expect(isRuntimeMessage({ name: '__proto__', payload: {} })).toBe(false);
    expect(isRelayToWorker({ type: 'constructor' })).toBe(false);
  });
});
