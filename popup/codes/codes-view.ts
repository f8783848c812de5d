/** The Codes tab: search, add, the live account list, and (folded) backup and clock settings. */

import { t } from '../../src/i18n/messages.ts';
import { h, hint } from '../dom.ts';
import type { AddHost } from './add/add-panel.ts';
import { type AddToggle, addToggle } from './add-toggle.ts';
import { CodeList } from './code-list.ts';
import { type CodesData, codesData } from './codes-data.ts';
import { codesMore } from './codes-more.ts';
import { renderLocked } from './locked-view.ts';
import { type StatusLine, statusLine } from './status-line.ts';

/** The render on screen; a reload replaces it. */
let current: AbortController | undefined;

/**
 * Renders the tab into `root`; its live list stops when `signal` aborts or a reload replaces it.
 * `focus`: a selector to focus afterwards. `whole`: every account in the first answer (a reload after
 * the user's change) rather than the first screen and the rest after.
 */
export async function renderCodes(
  root: HTMLElement,
  signal: AbortSignal,
  focus?: string,
  whole = false,
): Promise<void> {
  const { tab, result, rest } = await codesData(whole);
  current?.abort();
  current = undefined;
  // The user went elsewhere while the worker answered.
  if (signal.aborted) return;
  if (!result.ok) {
    if (result.locked) return renderLocked(root, () => renderCodes(root, signal));
    root.replaceChildren(h('p', { className: 'error', role: 'alert' }, result.error));
    return;
  }

  const status = statusLine();
  const reload = (focusSelector?: string) => reloadCodes(root, signal, status.element, focusSelector);
  const addHost: AddHost = {
    tabId: tab.id,
    added: async (message: string) => {
      status.say(message);
      await reload();
    },
  };
  const add = addToggle(addHost);
  const more = codesMore(addHost, { tabId: tab.id, offsetMs: result.clockOffsetMs, changed: () => reload() });

  const around: ListSurroundings = { status, add, more };
  let list: CodeList | undefined;
  if (result.accounts.length === 0) {
    showEmpty(root, around);
  } else {
    list = new CodeList(
      result.accounts,
      result.clockOffsetMs,
      result.siteScores,
      { status: status.say, reload, ...(tab.id !== undefined ? { tabId: tab.id } : {}) },
      result.total,
    );
    showList(root, signal, around, list, rest);
  }
  if (focus) {
    // The row to focus may be past those built before the first paint.
    list?.buildUntil(() => root.querySelector(focus) !== null);
    root.querySelector<HTMLElement>(focus)?.focus();
  }
}

/** What the tab shows around the list: the status line, "+ Add" and its panel, backup and clock. */
interface ListSurroundings {
  status: StatusLine;
  add: AddToggle;
  more: HTMLElement;
}

function showEmpty(root: HTMLElement, { status, add, more }: ListSurroundings): void {
  root.replaceChildren(
    h('div', { className: 'codes-bar' }, add.button),
    status.element,
    add.panel,
    noAccounts(),
    more,
  );
  add.toggle(true);
}

/**
 * Shows `list` and starts its clock; it stops when `signal` aborts or the next render replaces it.
 * A list of the first screen only asks for `rest` once that screen is painted.
 */
function showList(
  root: HTMLElement,
  signal: AbortSignal,
  { status, add, more }: ListSurroundings,
  list: CodeList,
  rest: CodesData['rest'],
): void {
  const rendered = new AbortController();
  current = rendered;
  AbortSignal.any([signal, rendered.signal]).addEventListener('abort', () => list.stop(), { once: true });
  const search = searchField(list);
  root.replaceChildren(
    h('div', { className: 'codes-bar' }, search.input, add.button),
    status.element,
    add.panel,
    list.element,
    search.noMatch,
    more,
  );
  list.start();
  if (list.partial) afterPaint(() => void completeList(list, rest, status, search.input));
}

/** Gives a first-screen list every account; a search typed meanwhile is run again over them all. */
async function completeList(
  list: CodeList,
  rest: CodesData['rest'],
  status: StatusLine,
  search: HTMLInputElement,
): Promise<void> {
  // A failed message: the extension is going (reloaded or updated), and this popup with it.
  const all = await rest().catch(() => undefined);
  if (!all || list.stopped) return;
  if (!all.ok) {
    status.say(all.error, 'error');
    return;
  }
  list.complete(all.accounts, all.siteScores);
  if (search.value) search.dispatchEvent(new Event('input'));
}

/**
 * After the next frame is painted, so the first screen's paint waits for nothing else; a page that
 * paints no frame (a tab in the background) runs it after AFTER_PAINT_LATEST_MS all the same.
 */
function afterPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, AFTER_PAINT_LATEST_MS);
}
const AFTER_PAINT_LATEST_MS = 200;

/** Renders again, keeping the status line and the search the user typed. */
async function reloadCodes(
  root: HTMLElement,
  signal: AbortSignal,
  status: HTMLElement,
  focus?: string,
): Promise<void> {
  const keep = status.textContent ?? '';
  const kind = status.dataset.kind === 'error' ? 'error' : 'ok';
  const query = root.querySelector<HTMLInputElement>('#otp-search')?.value ?? '';
  await renderCodes(root, signal, focus, true);
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
}

function searchField(list: CodeList): { input: HTMLInputElement; noMatch: HTMLElement } {
  const input = h('input', {
    type: 'search',
    id: 'otp-search',
    placeholder: t('codes_search'),
    'aria-label': t('codes_searchLabel'),
    autocomplete: 'off',
  });
  const noMatch = h('p', { className: 'empty', hidden: true }, t('codes_noMatch'));
  input.addEventListener('input', () => {
    noMatch.hidden = list.filter(input.value) > 0;
  });
  return { input, noMatch };
}

const HOW_TO_ADD = t('codes_emptyHelp');

function noAccounts(): HTMLElement {
  return h('div', { className: 'empty-codes' }, h('p', {}, t('codes_empty')), hint(HOW_TO_ADD));
}
