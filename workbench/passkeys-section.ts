/**
 * The passkeys, by RP: counter, user handle and names, each editable (one transaction per change),
 * deletable after a second click; and a form to add one with a new key or a pasted PKCS#8 key.
 */
import { h, hint } from '../popup/dom.ts';
import { t } from '../src/i18n/messages.ts';
import { send } from '../src/messages/client.ts';
import type { NewCredentialInput } from '../src/workbench-core/new-credential.ts';
import type { WorkbenchCredential } from '../src/workbench-core/types.ts';

const ALG_NAMES: Record<number, string> = { [-7]: 'ES256', [-8]: 'EdDSA', [-257]: 'RS256' };
/** Rows built between two breaths of the renderer. */
const ROWS_PER_SLICE = 200;

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  return h('label', {}, text, control);
}

function credentialRow(c: WorkbenchCredential, changed: (message: string, error?: boolean) => void) {
  const userName = h('input', {
    type: 'text',
    value: c.userName,
    autocomplete: 'off',
    className: 'user-name',
  });
  const displayName = h('input', {
    type: 'text',
    value: c.userDisplayName,
    autocomplete: 'off',
    className: 'display-name',
  });
  const counter = h('input', {
    type: 'number',
    value: String(c.signCount),
    min: '0',
    max: '4294967295',
    step: '1',
    className: 'counter',
  });
  const confirm = h('span', { className: 'confirm', hidden: true });
  const who = `${c.userName} at ${c.rpId}`;

  const save = async (event: Event) => {
    event.preventDefault();
    const answer = await send('workbench/edit-credential', {
      id: c.id,
      userName: userName.value,
      userDisplayName: displayName.value,
      signCount: Number(counter.value),
    });
    if (answer.ok) changed(t('wb_savedAt', userName.value.trim(), c.rpId));
    else changed(answer.error, true);
  };
  const remove = async () => {
    const answer = await send('workbench/delete-credential', { id: c.id });
    changed(answer.ok ? t('wb_deleted', who) : t('wb_alreadyGone'), !answer.ok);
  };
  const deleteButton = h(
    'button',
    {
      type: 'button',
      'aria-label': t('wb_deleteFor', who),
      onclick: () => {
        confirm.hidden = false;
        deleteButton.hidden = true;
        (confirm.querySelector('button') as HTMLButtonElement | null)?.focus();
      },
    },
    t('common_delete'),
  );
  confirm.append(
    h('span', {}, t('wb_deleteForGood')),
    ' ',
    h(
      'button',
      { type: 'button', className: 'danger', onclick: () => void remove() },
      t('wb_deleteFor', c.userName),
    ),
    ' ',
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          confirm.hidden = true;
          deleteButton.hidden = false;
          deleteButton.focus();
        },
      },
      t('passkey_keep'),
    ),
  );

  return h(
    'li',
    { className: 'credential', 'data-credential-id': c.id, 'data-user-name': c.userName },
    h(
      'p',
      { className: 'hint' },
      `${ALG_NAMES[c.alg] ?? t('wb_alg', c.alg)} · ${c.discoverable ? t('wb_discoverable') : t('wb_notDiscoverable')}`,
      c.hidden ? ` · ${t('wb_hiddenBySite')}` : '',
      ` · ${t('wb_userHandle')} `,
      h('code', {}, c.userHandle),
      ' · id ',
      h('code', {}, c.id),
    ),
    h(
      'form',
      { className: 'row', 'aria-label': t('wb_passkeyOf', who), onsubmit: save },
      labelled(t('wb_userName'), userName),
      labelled(t('wb_displayName'), displayName),
      labelled(t('wb_counter'), counter),
      h('button', { type: 'submit' }, t('common_save')),
      deleteButton,
      confirm,
    ),
  );
}

function addForm(done: (message: string, error?: boolean) => void): HTMLElement {
  const rpId = h('input', { type: 'text', id: 'add-rp', placeholder: 'localhost', autocomplete: 'off' });
  const userName = h('input', { type: 'text', id: 'add-user', autocomplete: 'off' });
  const displayName = h('input', { type: 'text', id: 'add-display', autocomplete: 'off' });
  const userHandle = h('input', {
    type: 'text',
    id: 'add-handle',
    placeholder: 'random',
    autocomplete: 'off',
    spellcheck: false,
  });
  const discoverable = h('input', { type: 'checkbox', id: 'add-discoverable', checked: true });
  const counter = h('input', { type: 'number', id: 'add-counter', value: '0', min: '0', step: '1' });
  const keyKind = h(
    'select',
    { id: 'add-key' },
    h('option', { value: '-7' }, t('wb_newEs256')),
    h('option', { value: '-8' }, t('wb_newEdDsa')),
    h('option', { value: 'pkcs8' }, t('wb_pastePkcs8')),
  );
  const pkcs8 = h('textarea', {
    id: 'add-pkcs8',
    spellcheck: false,
    placeholder: '-----BEGIN PRIVATE KEY-----',
  });
  const pkcs8Field = h('div', { hidden: true }, h('label', { for: 'add-pkcs8' }, t('wb_pkcs8Label')), pkcs8);
  keyKind.addEventListener('change', () => {
    pkcs8Field.hidden = keyKind.value !== 'pkcs8';
  });
  const pin = h('input', { type: 'password', id: 'add-pin', autocomplete: 'off' });

  return h(
    'form',
    {
      id: 'add-credential-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const credential: NewCredentialInput = {
          rpId: rpId.value,
          userName: userName.value,
          userDisplayName: displayName.value || userName.value,
          discoverable: discoverable.checked,
          signCount: Number(counter.value || '0'),
          key:
            keyKind.value === 'pkcs8'
              ? { pkcs8: pkcs8.value }
              : { generate: keyKind.value === '-8' ? -8 : -7 },
        };
        if (userHandle.value.trim()) credential.userHandle = userHandle.value.trim();
        const answer = await send('workbench/add-credential', {
          credential,
          ...(pin.value ? { pin: pin.value } : {}),
        });
        if (!answer.ok) return done(answer.error, true);
        pkcs8.value = '';
        pin.value = '';
        done(t('wb_addedAt', userName.value.trim(), rpId.value.trim().toLowerCase()));
      },
    },
    h('h3', {}, t('wb_addPasskey')),
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'add-rp' }, t('wb_rpId')),
      rpId,
      h('label', { for: 'add-user' }, t('wb_userName')),
      userName,
      h('label', { for: 'add-display' }, t('wb_displayName')),
      displayName,
    ),
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'add-handle' }, t('wb_userHandleLabel')),
      userHandle,
      h('label', {}, discoverable, t('wb_discoverableLabel')),
      h('label', { for: 'add-counter' }, t('wb_counter')),
      counter,
    ),
    h('div', { className: 'row' }, h('label', { for: 'add-key' }, t('wb_key')), keyKind),
    pkcs8Field,
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'add-pin' }, t('wb_pinIfLocked')),
      pin,
      h('button', { type: 'submit', className: 'primary' }, t('wb_addPasskeyButton')),
    ),
  );
}

/** What a refresh redraws: every passkey, or only those of some relying parties. */
export type PasskeysScope = { all: true } | { rpIds: string[] };

export function passkeysSection(): {
  element: HTMLElement;
  /**
   * Brings the list up to date: every passkey (the default), or only the named RPs' (after a logged
   * ceremony or an edit: with 10,000 passkeys, one site's are fetched instead of all of them).
   */
  refresh(scope?: PasskeysScope, after?: 'change'): Promise<void>;
} {
  const status = h('p', { className: 'status', role: 'status', id: 'passkeys-status' });
  const list = h('div', { id: 'passkey-list' });
  /** Each row as drawn, by credential ID, with the record it shows (JSON): only changed rows are redrawn. */
  let drawn = new Map<string, { json: string; row: HTMLElement }>();
  /** Each RP's group as drawn: its heading, its list, and its passkeys' IDs in order. */
  let groups = new Map<string, { heading: HTMLElement; ul: HTMLElement; order: string }>();

  const said = (message: string, error = false, rpId?: string) => {
    status.textContent = message;
    status.classList.toggle('error', error);
    if (!error) void refresh(rpId === undefined ? { all: true } : { rpIds: [rpId] }, 'change');
  };
  const rowFor = (c: WorkbenchCredential) =>
    credentialRow(c, (message, error) => said(message, error, c.rpId));

  const typing = (row: HTMLElement, after?: 'change') =>
    !after && row.contains(document.activeElement) && document.activeElement?.tagName === 'INPUT';

  /** Redraws the rows of `credentials` whose record changed (same passkeys, same order). */
  function redrawChanged(credentials: WorkbenchCredential[], after?: 'change'): void {
    for (const c of credentials) {
      const json = JSON.stringify(c);
      const old = drawn.get(c.id);
      if (!old || old.json === json || typing(old.row, after)) continue;
      const row = rowFor(c);
      old.row.replaceWith(row);
      drawn.set(c.id, { json, row });
    }
  }

  /** A group's heading and list, empty. */
  function newGroup(rp: string) {
    return {
      heading: h('h3', { id: `rp-${rp}` }, rp),
      ul: h('ul', { className: 'plain', 'aria-labelledby': `rp-${rp}`, 'data-rp-id': rp }),
    };
  }

  /** One RP's passkeys, fetched alone: its rows redrawn, its group rebuilt, added or taken away. */
  async function refreshRp(rpId: string, after?: 'change'): Promise<void> {
    const { credentials } = await send('workbench/credentials', { rpId });
    const order = credentials.map((c) => c.id).join(' ');
    const group = groups.get(rpId);
    if (group && group.order === order && credentials.length > 0) {
      redrawChanged(credentials, after);
      return;
    }
    if (group) {
      for (const row of group.ul.children) if (typing(row as HTMLElement, after)) return;
      for (const id of group.order.split(' ')) drawn.delete(id);
    }
    if (credentials.length === 0) {
      group?.heading.remove();
      group?.ul.remove();
      groups.delete(rpId);
      if (groups.size === 0) list.replaceChildren(hint(t('wb_noPasskeys')));
      return;
    }
    const target = group ?? newGroup(rpId);
    target.ul.replaceChildren(
      ...credentials.map((c) => {
        const row = rowFor(c);
        drawn.set(c.id, { json: JSON.stringify(c), row });
        return row;
      }),
    );
    if (!group) {
      // In site order, as a full redraw puts it.
      if (groups.size === 0) list.replaceChildren();
      const next = [...groups.keys()].sort().find((rp) => rp.localeCompare(rpId) > 0);
      const before = next === undefined ? null : (groups.get(next)?.heading ?? null);
      list.insertBefore(target.heading, before);
      list.insertBefore(target.ul, before);
    }
    groups.set(rpId, { ...target, order });
  }

  /** Every passkey: changed rows redrawn if the same passkeys are drawn, else the whole list. */
  async function refreshAll(after?: 'change'): Promise<void> {
    const { credentials } = await send('workbench/credentials', {});
    const byRp = new Map<string, WorkbenchCredential[]>();
    for (const c of credentials) {
      const group = byRp.get(c.rpId);
      if (group) group.push(c);
      else byRp.set(c.rpId, [c]);
    }
    const same =
      credentials.length > 0 &&
      byRp.size === groups.size &&
      [...byRp].every(([rp, items]) => groups.get(rp)?.order === items.map((c) => c.id).join(' '));
    if (same) {
      // The same passkeys (a ceremony moved a counter, say): redraw only the rows that changed.
      redrawChanged(credentials, after);
      return;
    }
    if ([...drawn.values()].some((d) => typing(d.row, after))) return;
    drawn = new Map();
    groups = new Map();
    list.replaceChildren();
    if (credentials.length === 0) {
      list.append(hint(t('wb_noPasskeys')));
      return;
    }
    // Built a slice at a time, letting the renderer breathe between slices: the extension's pages
    // share it, and thousands of rows built at once kept the prompt and the popup from loading.
    let built = 0;
    for (const [rp, items] of [...byRp.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const group = newGroup(rp);
      groups.set(rp, { ...group, order: items.map((c) => c.id).join(' ') });
      list.append(group.heading, group.ul);
      for (const c of items) {
        const row = rowFor(c);
        drawn.set(c.id, { json: JSON.stringify(c), row });
        group.ul.append(row);
        if (++built % ROWS_PER_SLICE === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  }

  // Ceremonies can log faster than a long list redraws: one refresh at a time, and one more after it
  // for whatever came meanwhile (never one per log entry), covering every scope asked for.
  let running: Promise<void> | undefined;
  let queued: { all: boolean; rpIds: Set<string>; after?: 'change' } | undefined;
  function refresh(scope: PasskeysScope = { all: true }, after?: 'change'): Promise<void> {
    const next = queued ?? { all: false, rpIds: new Set<string>() };
    if ('all' in scope) next.all = true;
    else for (const rp of scope.rpIds) next.rpIds.add(rp);
    next.after = next.after ?? after;
    queued = next;
    if (running) return running;
    running = (async () => {
      while (queued) {
        const job = queued;
        queued = undefined;
        // Until the first full draw, only a full one knows the site order.
        if (job.all || groups.size === 0) await refreshAll(job.after);
        else for (const rp of job.rpIds) await refreshRp(rp, job.after);
      }
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const element = h(
    'section',
    { 'aria-labelledby': 'passkeys-heading' },
    h('h2', { id: 'passkeys-heading' }, t('home_tabPasskeys')),
    hint(t('wb_passkeysIntro')),
    list,
    addForm(said),
    status,
  );
  return { element, refresh };
}
