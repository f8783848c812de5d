// @vitest-environment happy-dom
/**
 * The prompt (the "tap") in the popup, in a DOM (happy-dom), talking to a scripted worker through
 * the fake browser's runtime messages: Approve and the hand-back are inert until armed, a held-down
 * key never answers, Escape cancels at once, the account chooser, and one true attempts count.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PromptView } from '../../src/messages/views.ts';
import { fake } from '../../test/fakes/browser-global.ts';
import { promptView, type Received, scriptedWorker } from '../../test/fakes/popup-worker.ts';
import { BUSY_SHOWN_AFTER_MS } from './answer.ts';
import { ARMING_DELAY_MS, REPLACED_ARMING_DELAY_MS } from './arming.ts';
import { renderPrompt } from './prompt-view.ts';

let root: HTMLElement;
let screen: AbortController;
let received: Received[];
let answered: number[];
/** What the worker answers to prompt/answer; a test may change it. */
let reply: (payload: Record<string, unknown>) => unknown;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  fake.reset();
  reply = () => ({ ok: true, remaining: 0 });
  received = scriptedWorker(fake, (name, payload) =>
    name === 'prompt/answer' ? reply(payload) : name === 'settings/bypass' ? {} : undefined,
  );
  answered = [];
  document.body.innerHTML = '<main id="app"></main>';
  root = document.getElementById('app')!;
  screen = new AbortController();
});
afterEach(() => {
  screen.abort();
  vi.useRealTimers();
});

function render(p: PromptView = promptView(), replacesAnother = false): void {
  renderPrompt(
    root,
    p,
    { answered: (remaining) => answered.push(remaining), replacesAnother },
    screen.signal,
  );
}

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
const button = (text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text))!;
const press = (target: EventTarget, key: string, repeat = false) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, repeat, bubbles: true, cancelable: true }));
/** Lets the answer travel to the worker and back. */
const settle = () => vi.advanceTimersByTimeAsync(0);
const decisions = () =>
  received
    .filter((m) => m.name === 'prompt/answer')
    .map((m) => m.payload.decision as Record<string, unknown>);

describe('arming', () => {
  it('Approve is disabled, and Enter does nothing, until the prompt has been up for a moment', async () => {
    render();
    const approve = $<HTMLButtonElement>('#approve');
    expect(approve.disabled).toBe(true);
    press($('input[name=account]'), 'Enter');
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS - 1);
    expect(approve.disabled).toBe(true);
    expect($('section.prompt').dataset.armed).toBeUndefined();
    press($('input[name=account]'), 'Enter');
    await settle();
    expect(decisions()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(approve.disabled).toBe(false);
    expect($('section.prompt').dataset.armed).toBe('');
    approve.click();
    await settle();
    expect(decisions()).toEqual([{ type: 'approve', credentialId: 'QUxJQ0U' }]);
    expect(answered).toEqual([0]);
  });

  it('“Use another device” and “Never use Tapkey here” are inert until armed too', async () => {
    render();
    button('Use another device').click();
    button('Never use Tapkey').click();
    await settle();
    expect(received).toEqual([]);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    button('Use another device').click();
    await settle();
    expect(decisions()).toEqual([{ type: 'fallback' }]);
  });

  it('a prompt that replaces another on screen waits longer before it arms', async () => {
    render(promptView(), true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    expect($<HTMLButtonElement>('#approve').disabled).toBe(true);
    await vi.advanceTimersByTimeAsync(REPLACED_ARMING_DELAY_MS - ARMING_DELAY_MS);
    expect($<HTMLButtonElement>('#approve').disabled).toBe(false);
  });

  it('the focus goes to the prompt or the PIN field, never to Approve', () => {
    render();
    expect(document.activeElement).toBe($('section.prompt'));
    screen.abort();
    screen = new AbortController();
    render(promptView({ needsPin: true }));
    expect(document.activeElement).toBe($('#pin'));
  });
});

describe('keys', () => {
  it('a key held down from before the prompt armed never approves, even after it armed', async () => {
    render(promptView({ needsPin: true }));
    const pin = $<HTMLInputElement>('#pin');
    pin.value = '1234';
    press(pin, 'Enter');
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    // The same key, still held: the keyboard repeats it.
    for (const key of ['Enter', 'Enter', ' ']) {
      expect(press(pin, key, true)).toBe(false);
    }
    expect(press($('#approve'), ' ', true)).toBe(false);
    await settle();
    expect(decisions()).toEqual([]);
    // A fresh press, once armed, is the user's answer.
    press(pin, 'Enter');
    await settle();
    expect(decisions()).toEqual([{ type: 'approve', credentialId: 'QUxJQ0U', pin: '1234' }]);
  });

  it('Escape cancels at once, armed or not (refusing cannot be keyjacked into harm)', async () => {
    render();
    press(document.body, 'Escape');
    await settle();
    expect(decisions()).toEqual([{ type: 'cancel' }]);
  });

  it('Enter elsewhere than a field the user went to answers nothing', async () => {
    render();
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    press(document.body, 'Enter');
    press($('section.prompt'), 'Enter');
    await settle();
    expect(decisions()).toEqual([]);
  });

  it('the prompt’s keys go with it when it is replaced', async () => {
    render();
    screen.abort();
    press(document.body, 'Escape');
    await settle();
    expect(decisions()).toEqual([]);
  });
});

describe('the account chooser', () => {
  it('picks the first account, and signs in with the one the user picks', async () => {
    render();
    const [alice, bob] = [...root.querySelectorAll<HTMLInputElement>('input[name=account]')];
    expect(alice?.checked).toBe(true);
    expect($('legend').textContent).toBe('Choose an account');
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    bob!.click();
    press(bob!, 'Enter');
    await settle();
    expect(decisions()).toEqual([{ type: 'approve', credentialId: 'Qk9C' }]);
  });

  it('no passkey for the site: nothing to approve, only Cancel and the hand-back', async () => {
    render(promptView({ candidates: [] }));
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    expect(root.querySelector('#approve')).toBeNull();
    expect(root.querySelector('input[name=account]')).toBeNull();
    expect(root.textContent).toContain('No passkey for example.com is stored in Tapkey.');
    press(document.body, 'Enter');
    await settle();
    expect(decisions()).toEqual([]);
    button('Use another device').click();
    await settle();
    expect(decisions()).toEqual([{ type: 'fallback' }]);
  });

  it('no passkey for the site: Enter in a PIN field asked for anyway answers nothing', async () => {
    render(promptView({ candidates: [], needsPin: true }));
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    const pin = $<HTMLInputElement>('#pin');
    pin.value = '1234';
    press(pin, 'Enter');
    await settle();
    expect(decisions()).toEqual([]);
  });
});

describe('the PIN', () => {
  /** Text a user can see: hidden elements left out. */
  const visibleText = (el: Element): string =>
    (el as HTMLElement).hidden
      ? ''
      : [...el.childNodes]
          .map((c) => (c.nodeType === 3 ? c.textContent : c.nodeType === 1 ? visibleText(c as Element) : ''))
          .join(' ');

  it('a wrong PIN shows one attempts count, the true one, and the field is ready to type again', async () => {
    render(promptView({ needsPin: true, pinRetries: 8 }));
    expect(visibleText(root)).toContain('8 attempts left before the PIN is blocked');
    reply = () => ({ ok: false, error: 'Wrong PIN; 7 attempts left.', retriesLeft: 7 });
    const pin = $<HTMLInputElement>('#pin');
    pin.value = '0000';
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    press(pin, 'Enter');
    await settle();
    const text = visibleText(root);
    expect(text).toContain('Wrong PIN; 7 attempts left.');
    expect(text.match(/attempts? left/g)).toHaveLength(1);
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    expect(pin.getAttribute('aria-describedby')).toBe('prompt-error');
    // Answered with an error: the buttons work again, and nothing was reported answered.
    expect($<HTMLButtonElement>('#approve').disabled).toBe(false);
    expect(answered).toEqual([]);
  });

  it('a refusal that is not about the PIN (no account chosen) leaves the count as it was', async () => {
    render(promptView({ needsPin: true, pinRetries: 5 }));
    reply = () => ({ ok: false, error: 'This request is no longer waiting.' });
    $<HTMLInputElement>('#pin').value = '1234';
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    $<HTMLButtonElement>('#approve').click();
    await settle();
    expect(visibleText(root)).toContain('5 attempts left');
    expect($('#prompt-error').textContent).toBe('This request is no longer waiting.');
  });

  it('setting a first PIN: the two entries must agree before anything is sent', async () => {
    render(
      promptView({ kind: 'create', candidates: [], needsPin: true, offerPinSetup: true, rpName: 'Example' }),
    );
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    $<HTMLInputElement>('#pin').value = '1234';
    $<HTMLInputElement>('#pin-confirm').value = '1243';
    $<HTMLButtonElement>('#approve').click();
    await settle();
    expect($('#prompt-error').textContent).toBe('The two PINs differ.');
    expect(decisions()).toEqual([]);
    $<HTMLInputElement>('#pin-confirm').value = '1234';
    $<HTMLButtonElement>('#approve').click();
    await settle();
    expect(decisions()).toEqual([{ type: 'approve', pin: '1234' }]);
  });
});

describe('the answer on its way', () => {
  it('one tap is one answer; every button shows it is disabled while a slow answer travels', async () => {
    let respond: (value: unknown) => void = () => undefined;
    reply = () => new Promise((resolve) => (respond = resolve));
    render();
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    $<HTMLButtonElement>('#approve').click();
    await settle();
    $<HTMLButtonElement>('#approve').click();
    await vi.advanceTimersByTimeAsync(BUSY_SHOWN_AFTER_MS);
    expect([...root.querySelectorAll('button')].every((b) => b.disabled)).toBe(true);
    respond({ ok: true, remaining: 2 });
    await settle();
    expect(answered).toEqual([2]);
    expect(decisions()).toHaveLength(1);
  });

  it('“Never use Tapkey here” lists the site the user sees (the top-level one), then hands back', async () => {
    render(promptView({ origin: 'https://frame.example', topOrigin: 'https://shop.example' }));
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    button('Never use Tapkey').click();
    await settle();
    expect(received.map((m) => [m.name, m.payload])).toEqual([
      ['settings/bypass', { origin: 'https://shop.example', bypass: true }],
      ['prompt/answer', { promptId: promptView().promptId, decision: { type: 'fallback' } }],
    ]);
  });
});
