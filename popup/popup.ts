/**
 * The action popup: the approval prompt when a request waits, otherwise codes, passkeys and settings.
 * A port to the worker tells it which prompt is on screen, so closing the popup cancels that one; the
 * port reconnects if the worker restarts.
 */
import browser from 'webextension-polyfill';
import { send } from '../src/messages/client.ts';
import { POPUP_PORT, type PopupPortMessage } from '../src/messages/protocol.ts';
import { h } from './dom.ts';
import { renderPasskeys } from './passkeys-view.ts';
import { renderPrompt, setQueued } from './prompt-view.ts';
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

const stay = new URLSearchParams(location.search).get('stay') === '1';

/** Closes the popup, telling the worker first so it opens a new one for a request that arrives now. */
function closePopup(): void {
  port?.postMessage({ type: 'closing' } satisfies PopupPortMessage);
  window.close();
}

async function render(): Promise<void> {
  const prompt = await send('prompt/current', {});
  performance.mark('tapkey:prompt-checked');
  if (prompt) {
    promptMode = true;
    document.body.dataset.mode = 'prompt';
    const shown = app.querySelector<HTMLElement>(`[data-prompt-id="${CSS.escape(prompt.promptId)}"]`);
    if (showing === prompt.promptId && shown) {
      setQueued(shown, prompt.queued);
      return;
    }
    cleanup?.();
    tell(prompt.promptId);
    cleanup = renderPrompt(app, prompt, { answered: (remaining) => void afterAnswer(remaining) });
    return;
  }
  cleanup?.();
  cleanup = undefined;
  tell(null);
  if (promptMode && !stay) {
    closePopup();
    return;
  }
  document.body.dataset.mode = 'home';
  renderHome();
}

async function afterAnswer(remaining: number): Promise<void> {
  showing = null;
  tell(null);
  if (remaining === 0 && !stay) {
    closePopup();
    return;
  }
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
    // Loaded on demand: the prompt view must not wait for the codes UI and its QR decoder.
    codes: async (root) => (await loadCodes()).renderCodes(root),
    passkeys: renderPasskeys,
    settings: renderSettings,
  };
  void views[tab](panel);
}

/** The codes UI, fetched while the worker is asked for a prompt (it is the default tab). */
let codesModule: Promise<typeof import('./codes/codes-view.ts')> | undefined;
function loadCodes(): Promise<typeof import('./codes/codes-view.ts')> {
  codesModule ??= import('./codes/codes-view.ts');
  return codesModule;
}

connect();
// No badge means no prompt is waiting: fetch the codes UI alongside the prompt check. With a prompt
// waiting, nothing competes with showing it.
if (tab === 'codes') {
  void browser.action.getBadgeText({}).then((text) => {
    if (!text) void loadCodes();
  });
}
void render();
