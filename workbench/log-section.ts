/**
 * The live ceremony log, newest first. Each entry is fetched and drawn once: a refresh asks only for
 * the entries not shown yet, puts them on top and takes away those the log dropped, so a page left
 * open through thousands of ceremonies does no more per ceremony than draw the new one.
 */
import { h, hint } from '../popup/dom.ts';
import { t, tn } from '../src/i18n/messages.ts';
import { send } from '../src/messages/client.ts';
import type { CeremonyLogEntry } from '../src/workbench-core/types.ts';
import { logEntryView } from './log-entry.ts';

export function logSection(): {
  element: HTMLElement;
  /** Brings the list up to date; resolves with the entries it had not shown before. */
  refresh(): Promise<CeremonyLogEntry[]>;
} {
  /** Each shown entry's element, by id. */
  const shown = new Map<string, HTMLElement>();
  const list = h('ul', { className: 'plain', id: 'log-list', 'aria-label': t('wb_logLabel') });
  const count = h('p', { className: 'hint', id: 'log-count', 'aria-live': 'polite' });

  async function refreshOnce(): Promise<CeremonyLogEntry[]> {
    const { ids, entries } = await send('workbench/log', { have: [...shown.keys()] });
    const kept = new Set(ids);
    for (const [id, element] of shown) {
      if (kept.has(id)) continue;
      element.remove();
      shown.delete(id);
    }
    const added = entries.map((entry) => {
      const view = logEntryView(entry);
      shown.set(entry.id, view);
      return view;
    });
    // New entries are the newest: they go on top, newest first.
    list.prepend(...added);
    count.textContent = ids.length === 0 ? t('wb_logEmpty') : tn('wb_ceremonies', ids.length);
    return entries;
  }

  // Ceremonies can be logged faster than a page asks: one request at a time, one more for what came
  // meanwhile, so an entry is never fetched or drawn twice.
  let running: Promise<CeremonyLogEntry[]> | undefined;
  let again = false;
  function refresh(): Promise<CeremonyLogEntry[]> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const seen: CeremonyLogEntry[] = [];
      do {
        again = false;
        seen.push(...(await refreshOnce()));
      } while (again);
      return seen;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const clear = h(
    'button',
    {
      type: 'button',
      id: 'clear-log',
      onclick: async () => {
        await send('workbench/clear-log', {});
        await refresh();
      },
    },
    t('wb_clearLog'),
  );

  const element = h(
    'section',
    { 'aria-labelledby': 'log-heading' },
    h('h2', { id: 'log-heading' }, t('wb_logHeading')),
    hint(t('wb_logIntro')),
    h('div', { className: 'row' }, clear),
    count,
    list,
  );
  return { element, refresh };
}
