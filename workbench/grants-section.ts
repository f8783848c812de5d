/** The origins the workbench is on for: add one (log, automatic presence, UV, expiry), list, remove. */
import { h, hint } from '../popup/dom.ts';
import { t, tn, uiLocale } from '../src/i18n/messages.ts';
import { send } from '../src/messages/client.ts';
import type { WorkbenchGrant } from '../src/workbench-core/types.ts';
import { faultInWords, profileLabel } from './fault-words.ts';

const EXPIRY: readonly [string, number][] = [
  [tn('wb_minutes', 15), 15],
  [tn('wb_hours', 1), 60],
  [tn('wb_hours', 8), 480],
  [t('wb_never'), 0],
];

function describe(grant: WorkbenchGrant, now: number): string {
  if (!grant.autoPresence) return t('wb_logOnly');
  if (grant.expiresAt !== null && grant.expiresAt <= now) return t('wb_logOnlyExpired');
  const until =
    grant.expiresAt === null
      ? t('wb_noEnd')
      : t('wb_until', new Date(grant.expiresAt).toLocaleTimeString(uiLocale()));
  return t(grant.autoUv ? 'wb_logAutoUv' : 'wb_logAuto', until);
}

const ON_WORDS = { both: 'wb_createAndGet', create: 'wb_create', get: 'wb_get' } as const;

/** `onGrants` hears every list it draws (the fault form offers the same origins). */
export function grantsSection(onGrants: (grants: WorkbenchGrant[]) => void = () => undefined): {
  element: HTMLElement;
  refresh(): Promise<void>;
} {
  const status = h('p', { className: 'status', role: 'status', id: 'grant-status' });
  const origin = h('input', {
    type: 'text',
    id: 'grant-origin',
    placeholder: 'http://localhost:8080',
    autocomplete: 'off',
    spellcheck: false,
    'aria-describedby': 'grant-origin-hint',
  });
  const auto = h('input', { type: 'checkbox', id: 'grant-auto', checked: true });
  const uv = h('input', { type: 'checkbox', id: 'grant-uv' });
  const expiry = h(
    'select',
    { id: 'grant-expiry' },
    ...EXPIRY.map(([label, minutes]) =>
      h('option', { value: String(minutes), selected: minutes === 60 }, label),
    ),
  );
  const list = h('ul', {
    className: 'plain',
    id: 'grant-list',
    'aria-label': t('wb_grantsLabel'),
  });

  async function refresh(): Promise<void> {
    const { grants, now } = await send('workbench/grants', {});
    onGrants(grants);
    list.replaceChildren(
      ...(grants.length === 0
        ? [h('li', {}, t('wb_grantsNone'))]
        : grants.map((g) =>
            h(
              'li',
              { className: 'grant', 'data-pattern': g.pattern },
              h(
                'span',
                {},
                h('strong', {}, g.pattern),
                ' ',
                g.autoPresence && (g.expiresAt === null || g.expiresAt > now)
                  ? h('span', { className: 'badge auto' }, 'AUTO')
                  : null,
                g.fault ? ' ' : null,
                g.fault ? h('span', { className: 'badge fault' }, 'FAULT') : null,
                h('br'),
                h('span', { className: 'hint' }, describe(g, now)),
                g.profile ? h('br') : null,
                g.profile
                  ? h(
                      'span',
                      { className: 'hint profile-line' },
                      t('wb_profileLine', profileLabel(g.profile.label)),
                    )
                  : null,
                g.fault ? h('br') : null,
                g.fault
                  ? h(
                      'span',
                      { className: 'hint fault-line' },
                      t('wb_faultLine', faultInWords(g.fault.spec), t(ON_WORDS[g.fault.on])),
                    )
                  : null,
              ),
              h(
                'button',
                {
                  type: 'button',
                  'aria-label': t('wb_removeFor', g.pattern),
                  onclick: async () => {
                    await send('workbench/revoke', { pattern: g.pattern });
                    status.textContent = t('wb_offFor', g.pattern);
                    await refresh();
                  },
                },
                t('wb_remove'),
              ),
            ),
          )),
    );
  }

  const form = h(
    'form',
    {
      id: 'grant-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const answer = await send('workbench/grant', {
          pattern: origin.value,
          autoPresence: auto.checked,
          autoUv: uv.checked,
          minutes: Number(expiry.value),
        });
        status.classList.toggle('error', !answer.ok);
        if (!answer.ok) {
          status.textContent = answer.error;
          return;
        }
        status.textContent = t('wb_onFor', origin.value.trim());
        origin.value = '';
        await refresh();
      },
    },
    h('div', { className: 'row' }, h('label', { for: 'grant-origin' }, t('wb_origin')), origin),
    hint(t('wb_originHint'), 'grant-origin-hint'),
    h(
      'div',
      { className: 'row' },
      h('label', {}, auto, t('wb_autoPresence')),
      h('label', {}, uv, t('wb_reportUv')),
      h('label', {}, t('wb_endsAfter'), expiry),
    ),
    h('div', { className: 'row' }, h('button', { type: 'submit', className: 'primary' }, t('wb_turnOn'))),
  );

  const element = h(
    'section',
    { 'aria-labelledby': 'grants-heading' },
    h('h2', { id: 'grants-heading' }, t('wb_originsHeading')),
    form,
    status,
    list,
  );
  return { element, refresh };
}
