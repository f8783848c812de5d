/**
 * The action popup: the approval prompt when a request waits, otherwise codes, passkeys and settings.
 * A port to the worker tells it which prompt is on screen, so closing the popup cancels that one; the
 * port reconnects if the worker restarts.
 */
import browser from 'webextension-polyfill';
import { send } from '../src/messages/client.ts';
import { POPUP_PORT, type PopupPortMessage } from '../src/messages/protocol.ts';
import { renderCodes } from './codes/codes-view.ts';
import { h } from './dom.ts';
import { renderPasskeys } from './passkeys-view.ts';
import { renderPrompt } from './prompt-view.ts';
import { renderSettings } from './settings-view.ts';

const app = document.getElementById('app')!;
let port: browser.Runtime.Port | undefined;
let showing: string | null = null;
let cleanup: (() => void) | undefined;
/** Opened to answer a prompt: close when nothing is left to answer. */
let promptMode = false;

function tell(promptId: string | null): void {
  showing = promptId;
  port?.postMessage({ type: 'showing', promptId } satisfies PopupPortMessage);
}

function connect(): void {
  port = browser.runtime.connect({ name: POPUP_PORT });
  port.onMessage.addListener((message: unknown) => {
    if ((message as { type?: unknown }).type === 'refresh') void render();
  });
  port.onDisconnect.addListener(() => {
    // The worker restarted: reconnect and say again what is on screen.
    setTimeout(() => {
      connect();
      tell(showing);
      void render();
    }, 50);
  });
  tell(showing);
}

type Tab = 'codes' | 'passkeys' | 'settings';
let tab: Tab = 'codes';

async function render(): Promise<void> {
  const prompt = await send('prompt/current', {});
  cleanup?.();
  cleanup = undefined;
  if (prompt) {
    promptMode = true;
    document.body.dataset.mode = 'prompt';
    if (showing === prompt.promptId && app.querySelector(`[data-prompt-id="${prompt.promptId}"]`)) return;
    tell(prompt.promptId);
    cleanup = renderPrompt(app, prompt, { answered: () => void afterAnswer() });
    return;
  }
  tell(null);
  if (promptMode && new URLSearchParams(location.search).get('stay') !== '1') {
    window.close();
    return;
  }
  document.body.dataset.mode = 'home';
  renderHome();
}

async function afterAnswer(): Promise<void> {
  showing = null;
  tell(null);
  await render();
}

function renderHome(): void {
  const panel = h('div', { id: 'panel', role: 'tabpanel' });
  const tabs: [Tab, string][] = [
    ['codes', 'Codes'],
    ['passkeys', 'Passkeys'],
    ['settings', 'Settings'],
  ];
  const nav = h(
    'nav',
    { role: 'tablist', 'aria-label': 'Tapkey' },
    ...tabs.map(([id, label]) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${id}`,
          'aria-selected': String(tab === id),
          'aria-controls': 'panel',
          tabIndex: tab === id ? 0 : -1,
          onclick: () => {
            tab = id;
            renderHome();
          },
        },
        label,
      ),
    ),
  );
  nav.addEventListener('keydown', (event) => {
    const i = tabs.findIndex(([id]) => id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    tab = tabs[(i + step + tabs.length) % tabs.length]![0];
    renderHome();
    document.getElementById(`tab-${tab}`)?.focus();
  });
  panel.setAttribute('aria-labelledby', `tab-${tab}`);
  app.replaceChildren(
    h(
      'header',
      { className: 'brand' },
      h('span', { className: 'logo', 'aria-hidden': 'true' }, '🔑'),
      'Tapkey',
    ),
    nav,
    panel,
  );
  const views: Record<Tab, (root: HTMLElement) => Promise<void>> = {
    codes: renderCodes,
    passkeys: renderPasskeys,
    settings: renderSettings,
  };
  void views[tab](panel);
}

connect();
void render();
