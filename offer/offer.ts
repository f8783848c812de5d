/**
 * The passkey autofill frame: an extension page the relay opens under a page's webauthn field. It
 * takes the offer's token from the relay (over the MessageChannel that came with it), asks the worker
 * for that offer's passkeys, and reports the user's choice. A choice counts only from a trusted event
 * while the frame has been fully visible for a moment, so a page cannot click it, nor slide it under
 * the pointer or cover it just before the user clicks.
 */
import browser from 'webextension-polyfill';
import { t } from '../src/i18n/messages.ts';
import { localizePage } from '../src/i18n/page-language.ts';
import { isRelayToOffer, isWorkerToOffer } from '../src/messages/guards.ts';
import {
  OFFER_PORT,
  type OfferToRelay,
  type OfferToWorker,
  type WorkerToOffer,
} from '../src/messages/protocol.ts';
import type { CredentialSummaryView } from '../src/messages/views.ts';

/** How long the frame must have been fully visible before a click counts. */
const ARM_MS = 400;

const main = document.getElementById('offer') as HTMLElement;
let relay: MessagePort | undefined;
let worker: browser.Runtime.Port | undefined;
let visible = false;
let armTimer: ReturnType<typeof setTimeout> | undefined;
let armed = false;
let chosen = false;

const toRelay = (message: OfferToRelay) => relay?.postMessage(message);
const toWorker = (message: OfferToWorker) => worker?.postMessage(message);

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

function entryButtons(): HTMLButtonElement[] {
  return [...main.querySelectorAll<HTMLButtonElement>('button.entry')];
}

function setArmed(next: boolean) {
  armed = next && !chosen;
  for (const button of entryButtons()) button.setAttribute('aria-disabled', String(!armed));
}

/** IntersectionObserver v2: `isVisible` is false while anything covers, fades or skews the frame. */
function watchVisibility() {
  const onChange = (entries: IntersectionObserverEntry[]) => {
    const last = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
    if (!last) return;
    // A browser without v2 (no isVisible) relies on the cross-origin boundary alone.
    const nowVisible = last.isIntersecting && (last.isVisible ?? true);
    if (nowVisible === visible) return;
    visible = nowVisible;
    clearTimeout(armTimer);
    setArmed(false);
    if (visible) armTimer = setTimeout(() => setArmed(true), ARM_MS);
  };
  const options = { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit;
  new IntersectionObserver(onChange, options).observe(main);
}

function choose(event: MouseEvent, entry: CredentialSummaryView) {
  if (!event.isTrusted || !armed || chosen) return;
  chosen = true;
  setArmed(false);
  toWorker({ type: 'choose', credentialId: entry.id });
  const status = main.querySelector('.status');
  if (status) status.textContent = t('offer_signingIn', entry.userName);
}

function render(message: Extract<WorkerToOffer, { type: 'entries' }>) {
  const heading = el('h1', { id: 'offer-title' }, t('offer_title', message.rpId));
  const close = el('button', { className: 'close', type: 'button', title: t('offer_close') }, '×');
  close.setAttribute('aria-label', t('offer_closeList'));
  close.addEventListener('click', () => toRelay({ type: 'dismiss' }));
  const list = el('ul');
  list.setAttribute('aria-labelledby', 'offer-title');
  for (const entry of message.entries) {
    const shown = entry.userDisplayName || entry.userName;
    // The accessible name is the visible name inside "Sign in as …" (WCAG 2.5.3), worded as the
    // language orders it, and always holds the user name the site knows the account by.
    const visibleName = el('span', { className: 'name' }, shown);
    visibleName.setAttribute('aria-hidden', 'true');
    const button = el(
      'button',
      { className: 'entry', type: 'button' },
      el('span', { className: 'sr' }, t('offer_signInAs', shown)),
      visibleName,
      entry.userName === shown ? '' : el('span', { className: 'account' }, entry.userName),
    );
    button.setAttribute('aria-disabled', String(!armed));
    button.addEventListener('click', (event) => choose(event, entry));
    list.append(el('li', {}, button));
  }
  const status = el('p', { className: 'status' });
  status.setAttribute('role', 'status');
  main.replaceChildren(el('header', {}, heading, close), list, status);
  setArmed(armed);
}

function connect(token: string) {
  worker?.disconnect();
  chosen = false;
  const port = browser.runtime.connect({ name: OFFER_PORT });
  worker = port;
  port.onMessage.addListener((message: unknown) => {
    if (!isWorkerToOffer(message)) return;
    if (message.type === 'entries') render(message);
    // The offer is over, or this token is from before the worker restarted: the relay removes the
    // frame when the request ends, or sends the new token the restarted worker made.
    else main.replaceChildren();
  });
  port.postMessage({ type: 'hello', token });
}

// The relay posts the token with the channel; the page itself could post here too, but without a
// valid token (256 random bits the worker made) it gets nothing.
addEventListener('message', (event: MessageEvent) => {
  if (event.source !== parent || !isRelayToOffer(event.data) || !event.ports[0]) return;
  relay = event.ports[0];
  connect(event.data.token);
});

// Keyboard: ↓/↑ move through the entries, Escape closes; the relay moves focus here on ↓.
addEventListener('focus', () => entryButtons()[0]?.focus());
addEventListener('keydown', (event) => {
  const buttons = entryButtons();
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (event.key === 'Escape') toRelay({ type: 'dismiss' });
  else if (event.key === 'ArrowDown') buttons[Math.min(at + 1, buttons.length - 1)]?.focus();
  else if (event.key === 'ArrowUp') buttons[Math.max(at - 1, 0)]?.focus();
  else return;
  event.preventDefault();
});

new ResizeObserver(() =>
  toRelay({ type: 'height', px: Math.ceil(main.getBoundingClientRect().height) }),
).observe(main);
localizePage();
watchVisibility();
