/** The origins the workbench is on for: add one (log, automatic presence, UV, expiry), list, remove. */
import { h, hint } from '../popup/dom.ts';
import { send } from '../src/messages/client.ts';
import { describeFault } from '../src/workbench-core/fault-spec.ts';
import type { WorkbenchGrant } from '../src/workbench-core/types.ts';

const EXPIRY: readonly [string, number][] = [
  ['15 minutes', 15],
  ['1 hour', 60],
  ['8 hours', 480],
  ['Never', 0],
];

function describe(grant: WorkbenchGrant, now: number): string {
  if (!grant.autoPresence) return 'log only';
  if (grant.expiresAt !== null && grant.expiresAt <= now) return 'log only; automatic presence expired';
  const until =
    grant.expiresAt === null ? 'no end' : `until ${new Date(grant.expiresAt).toLocaleTimeString()}`;
  return `log, automatic presence${grant.autoUv ? ' with UV' : ''}, ${until}`;
}

const ON_WORDS = { both: 'create() and get()', create: 'create()', get: 'get()' } as const;

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
    'aria-label': 'Origins the workbench is on for',
  });

  async function refresh(): Promise<void> {
    const { grants, now } = await send('workbench/grants', {});
    onGrants(grants);
    list.replaceChildren(
      ...(grants.length === 0
        ? [h('li', {}, 'None yet: the workbench is off everywhere.')]
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
                  ? h('span', { className: 'hint profile-line' }, `Profile: ${g.profile.label}`)
                  : null,
                g.fault ? h('br') : null,
                g.fault
                  ? h(
                      'span',
                      { className: 'hint fault-line' },
                      `Fault: ${describeFault(g.fault.spec)}, on ${ON_WORDS[g.fault.on]}`,
                    )
                  : null,
              ),
              h(
                'button',
                {
                  type: 'button',
                  'aria-label': `Remove ${g.pattern}`,
                  onclick: async () => {
                    await send('workbench/revoke', { pattern: g.pattern });
                    status.textContent = `The workbench is off for ${g.pattern}.`;
                    await refresh();
                  },
                },
                'Remove',
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
        status.textContent = `The workbench is on for ${origin.value.trim()}.`;
        origin.value = '';
        await refresh();
      },
    },
    h('div', { className: 'row' }, h('label', { for: 'grant-origin' }, 'Origin'), origin),
    hint('localhost, *.localhost, or an origin such as https://dev.example.com.', 'grant-origin-hint'),
    h(
      'div',
      { className: 'row' },
      h('label', {}, auto, 'Automatic presence (no prompt)'),
      h('label', {}, uv, 'Report user verification (UV)'),
      h('label', {}, 'Ends after', expiry),
    ),
    h('div', { className: 'row' }, h('button', { type: 'submit', className: 'primary' }, 'Turn on')),
  );

  const element = h(
    'section',
    { 'aria-labelledby': 'grants-heading' },
    h('h2', { id: 'grants-heading' }, 'Origins'),
    form,
    status,
    list,
  );
  return { element, refresh };
}
