/** The Codes tab: search, add, the live account list, and (folded) backup and clock settings. */

import { send } from '../../src/messages/client.ts';
import { h } from '../dom.ts';
import { renderAddPanel } from './add-view.ts';
import { renderBackup } from './backup-view.ts';
import { renderClock } from './clock-view.ts';
import { CodeList } from './code-list.ts';
import { targetTab, webHostname } from './target-tab.ts';

let list: CodeList | undefined;

export async function renderCodes(root: HTMLElement, focus?: string): Promise<void> {
  performance.mark('tapkey:codes-start');
  const tab = await targetTab();
  const hostname = webHostname(tab.url);
  performance.mark('tapkey:tab-known');
  const result = await send('otp/list', hostname ? { hostname } : {});
  performance.mark('tapkey:otp-listed');
  list?.stop();
  list = undefined;
  if (!result.ok) {
    if (result.locked) return renderLocked(root);
    root.replaceChildren(h('p', { className: 'error', role: 'alert' }, result.error));
    return;
  }

  const status = h('p', { id: 'codes-status', role: 'status', className: 'codes-status' });
  const say = (text: string, kind: 'ok' | 'error' = 'ok') => {
    status.textContent = text;
    status.dataset.kind = kind;
  };
  const reload = async (focusSelector?: string) => {
    const keep = status.textContent ?? '';
    const kind = status.dataset.kind === 'error' ? 'error' : 'ok';
    const query = (root.querySelector('#otp-search') as HTMLInputElement | null)?.value ?? '';
    await renderCodes(root, focusSelector);
    const search = root.querySelector<HTMLInputElement>('#otp-search');
    if (search && query) {
      search.value = query;
      search.dispatchEvent(new Event('input'));
    }
    const line = root.querySelector<HTMLElement>('#codes-status');
    if (line && keep) {
      line.textContent = keep;
      line.dataset.kind = kind;
    }
  };

  const addPanel = h('section', {
    id: 'add-panel',
    className: 'add-panel',
    hidden: true,
    'aria-labelledby': 'add-title',
  });
  const addHost = {
    tabId: tab.id,
    status: say,
    added: async (message: string) => {
      say(message);
      await reload();
    },
  };
  const addButton = h(
    'button',
    { type: 'button', id: 'add-account', 'aria-expanded': 'false', 'aria-controls': 'add-panel' },
    '+ Add',
  );
  const toggleAdd = (open: boolean) => {
    addPanel.hidden = !open;
    addButton.setAttribute('aria-expanded', String(open));
    if (open && addPanel.childElementCount === 0) renderAddPanel(addPanel, addHost);
    if (open) addPanel.querySelector<HTMLElement>('#scan-qr')?.focus();
  };
  addButton.addEventListener('click', () => toggleAdd(addButton.getAttribute('aria-expanded') !== 'true'));

  const accounts = result.accounts;
  const search = h('input', {
    type: 'search',
    id: 'otp-search',
    placeholder: 'Search',
    'aria-label': 'Search accounts',
    autocomplete: 'off',
  });
  const noMatch = h('p', { className: 'empty', hidden: true }, 'No account matches.');

  const backup = h('div', {});
  const clock = h('div', {});
  const more = h(
    'div',
    { className: 'codes-more' },
    h('details', { id: 'backup-details' }, h('summary', {}, 'Backup: export and import'), backup),
    h('details', { id: 'clock-details' }, h('summary', {}, 'Clock'), clock),
  );
  renderBackup(backup, addHost);
  renderClock(clock, {
    tabId: tab.id,
    offsetMs: result.clockOffsetMs,
    changed: () => reload(),
  });

  if (accounts.length === 0) {
    root.replaceChildren(
      h('div', { className: 'codes-bar' }, addButton),
      status,
      addPanel,
      h(
        'div',
        { className: 'empty-codes' },
        h('p', {}, 'No authenticator accounts yet.'),
        h(
          'p',
          { className: 'hint' },
          'When a site shows a QR code for an authenticator app, choose Scan QR code. You can also add one from an image, an otpauth:// link or a setup key, or import a backup.',
        ),
      ),
      more,
    );
    toggleAdd(true);
    if (focus) root.querySelector<HTMLElement>(focus)?.focus();
    return;
  }

  list = new CodeList(accounts, result.clockOffsetMs, result.siteScores, {
    status: say,
    reload,
    ...(tab.id !== undefined ? { tabId: tab.id } : {}),
  });
  search.addEventListener('input', () => {
    noMatch.hidden = list!.filter(search.value) > 0;
  });
  root.replaceChildren(
    h('div', { className: 'codes-bar' }, search, addButton),
    status,
    addPanel,
    list.element,
    noMatch,
    more,
  );
  performance.mark('tapkey:rows-built');
  list.start();
  if (focus) root.querySelector<HTMLElement>(focus)?.focus();
}

/** A PIN protects the vault and the browser restarted: the secrets stay sealed until it is entered. */
function renderLocked(root: HTMLElement): void {
  const pin = h('input', { type: 'password', id: 'otp-pin', autocomplete: 'current-password' });
  const error = h('p', { className: 'error', role: 'alert' });
  root.replaceChildren(
    h(
      'form',
      {
        'aria-label': 'Unlock codes',
        onsubmit: async (event: SubmitEvent) => {
          event.preventDefault();
          const result = await send('otp/unlock', { pin: pin.value });
          if (!result.ok) {
            error.textContent = result.error;
            return;
          }
          await renderCodes(root);
        },
      },
      h('p', {}, 'Your codes are locked with your PIN.'),
      h('label', { for: 'otp-pin' }, 'PIN'),
      pin,
      error,
      h('button', { type: 'submit', className: 'primary' }, 'Unlock'),
    ),
  );
  pin.focus();
}
