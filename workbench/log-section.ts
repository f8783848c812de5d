/** The live ceremony log, newest first; entries keep their open/closed state across refreshes. */
import { h, hint } from '../popup/dom.ts';
import { t, tn } from '../src/i18n/messages.ts';
import { send } from '../src/messages/client.ts';
import { logEntryView } from './log-entry.ts';

export function logSection(): { element: HTMLElement; refresh(): Promise<void> } {
  const opened = new Set<string>();
  const list = h('ul', { className: 'plain', id: 'log-list', 'aria-label': t('wb_logLabel') });
  const count = h('p', { className: 'hint', id: 'log-count', 'aria-live': 'polite' });

  async function refresh(): Promise<void> {
    const { entries } = await send('workbench/log', {});
    count.textContent = entries.length === 0 ? t('wb_logEmpty') : tn('wb_ceremonies', entries.length);
    list.replaceChildren(
      ...entries.map((entry) =>
        logEntryView(entry, opened.has(entry.id), (open) => {
          if (open) opened.add(entry.id);
          else opened.delete(entry.id);
        }),
      ),
    );
  }

  const clear = h(
    'button',
    {
      type: 'button',
      id: 'clear-log',
      onclick: async () => {
        await send('workbench/clear-log', {});
        opened.clear();
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
