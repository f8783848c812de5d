/** Signals reach the vault only with the browser's origin, a valid RP ID and a well-formed argument. */
import { describe, expect, it } from 'vitest';
import type { Signal } from '../../client/signals.ts';
import { answerSignal, type SignalDoorDeps } from './signal-door.ts';

const CRED = 'AAECAwQFBgcICQoLDA0ODw';
const unknown = (rpId: string, credentialId = CRED) => ({
  type: 'signal',
  signal: { method: 'signalUnknownCredential', options: { rpId, credentialId } },
});

function deps(bypassed: string[] = []): SignalDoorDeps & { applied: Signal[] } {
  const applied: Signal[] = [];
  return { applied, apply: async (s) => void applied.push(s), isBypassed: async (o) => bypassed.includes(o) };
}

const sender = { origin: 'https://example.com', frameId: 0, tab: { id: 1 } };

describe('the signal door', () => {
  it('applies a valid signal', async () => {
    const d = deps();
    expect(await answerSignal(d, sender, unknown('example.com'))).toEqual({ type: 'done' });
    expect(d.applied).toEqual([
      { method: 'signalUnknownCredential', rpId: 'example.com', credentialId: CRED },
    ]);
  });

  it.each([
    ['another site’s RP ID', unknown('evil.example'), 'SecurityError'],
    ['a bad credential id', unknown('example.com', 'a=b'), 'TypeError'],
    ['a malformed message', { type: 'signal' }, 'TypeError'],
    ['a message of another type', { type: 'begin', signal: {} }, 'TypeError'],
  ])('rejects %s and stores nothing', async (_why, message, name) => {
    const d = deps();
    expect(await answerSignal(d, sender, message)).toMatchObject({ type: 'error', name });
    expect(d.applied).toEqual([]);
  });

  it('takes the origin from the sender only: an options.origin changes nothing', async () => {
    const d = deps();
    const message = {
      type: 'signal',
      signal: { ...unknown('evil.example').signal, origin: 'https://evil.example' },
    };
    expect(await answerSignal(d, sender, message)).toMatchObject({ name: 'SecurityError' });
    expect(await answerSignal(d, { url: 'https://evil.example/x' }, unknown('evil.example'))).toEqual({
      type: 'done',
    });
  });

  it('refuses a document without an origin', async () => {
    const d = deps();
    expect(await answerSignal(d, {}, unknown('example.com'))).toMatchObject({ name: 'NotAllowedError' });
    expect(await answerSignal(d, { origin: 'null' }, unknown('example.com'))).toMatchObject({
      name: 'NotAllowedError',
    });
    expect(d.applied).toEqual([]);
  });

  it('changes nothing for a site on the bypass list, and says done', async () => {
    const d = deps(['https://example.com']);
    expect(await answerSignal(d, sender, unknown('example.com'))).toEqual({ type: 'done' });
    expect(d.applied).toEqual([]);
  });
});
