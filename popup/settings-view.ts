/** PIN (user verification and encryption at rest) and the sites Tapkey leaves to the browser. */
import { send } from '../src/messages/client.ts';
import { h } from './dom.ts';

export async function renderSettings(root: HTMLElement): Promise<void> {
  const s = await send('settings/get', {});
  const status = h('p', { role: 'status', className: 'status' });
  const current = h('input', { id: 'current-pin', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'new-pin', type: 'password', autocomplete: 'new-password', minLength: 4 });
  const confirm = h('input', { id: 'confirm-pin', type: 'password', autocomplete: 'new-password' });
  const form = h(
    'form',
    {
      className: 'pin-form',
      'aria-label': s.pinSet ? 'Change PIN' : 'Set a PIN',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        if (next.value !== confirm.value) {
          status.textContent = 'The two new PINs differ.';
          return;
        }
        status.textContent = 'Saving…';
        const payload: { newPin: string; currentPin?: string } = { newPin: next.value };
        if (s.pinSet) payload.currentPin = current.value;
        const res = await send('settings/set-pin', payload);
        status.textContent = res.ok ? 'PIN saved. Your passkeys are now encrypted with it.' : res.error;
        if (res.ok) await renderSettings(root);
      },
    },
    h('h2', {}, s.pinSet ? 'Change PIN' : 'Set a PIN'),
    h(
      'p',
      { className: 'hint' },
      s.pinSet
        ? `A PIN protects your passkeys. ${s.pinRetries} attempts left before it blocks.${s.locked ? ' Locked: the next sign-in asks for it.' : ''}`
        : 'Without a PIN your passkeys are protected only by your browser profile. A PIN encrypts them and lets sites require user verification.',
    ),
    s.pinSet ? h('label', { for: 'current-pin' }, 'Current PIN') : null,
    s.pinSet ? current : null,
    h('label', { for: 'new-pin' }, 'New PIN'),
    next,
    h('label', { for: 'confirm-pin' }, 'Confirm new PIN'),
    confirm,
    h('button', { type: 'submit', className: 'primary' }, s.pinSet ? 'Change PIN' : 'Set PIN'),
    status,
  );
  const bypass = h(
    'section',
    { 'aria-labelledby': 'bypass-title' },
    h('h2', { id: 'bypass-title' }, 'Sites that use the browser’s own passkeys'),
    s.bypassOrigins.length === 0
      ? h('p', { className: 'hint' }, 'None. Tapkey answers every site.')
      : h(
          'ul',
          { className: 'bypass' },
          ...s.bypassOrigins.map((origin) =>
            h(
              'li',
              {},
              h('span', {}, origin),
              h(
                'button',
                {
                  type: 'button',
                  className: 'secondary small',
                  'aria-label': `Use Tapkey again on ${origin}`,
                  onclick: async () => {
                    await send('settings/bypass', { origin, bypass: false });
                    await renderSettings(root);
                  },
                },
                'Use Tapkey again',
              ),
            ),
          ),
        ),
  );
  root.replaceChildren(form, bypass, resetSection(root, s.pinSet && s.pinRetries === 0));
}

/** CTAP's authenticatorReset: the way out of a blocked PIN, and a clean slate. Typed confirmation. */
function resetSection(root: HTMLElement, blocked: boolean): HTMLElement {
  const confirmInput = h('input', {
    id: 'reset-confirm',
    type: 'text',
    autocomplete: 'off',
    spellcheck: false,
  });
  const status = h('p', { role: 'status', className: 'status' });
  return h(
    'section',
    { 'aria-labelledby': 'reset-title', className: 'danger-zone' },
    h('h2', { id: 'reset-title' }, 'Reset Tapkey'),
    h(
      'p',
      { className: blocked ? 'error' : 'hint' },
      blocked
        ? 'Your PIN is blocked after too many wrong attempts. As on a hardware key, the only way to use Tapkey again is to reset it, which erases every passkey and code.'
        : 'Erases every passkey, every authenticator code and the PIN. Sites will no longer accept the passkeys. This cannot be undone.',
    ),
    h('label', { for: 'reset-confirm' }, 'Type RESET to confirm'),
    confirmInput,
    h(
      'button',
      {
        type: 'button',
        className: 'danger',
        onclick: async () => {
          if (confirmInput.value !== 'RESET') {
            status.textContent = 'Type RESET (in capitals) to confirm.';
            return;
          }
          await send('settings/reset', { confirm: 'RESET' });
          await renderSettings(root);
          root
            .querySelector('#reset-title')
            ?.closest('section')
            ?.querySelector('.status')
            ?.append('Tapkey was reset.');
        },
      },
      'Erase everything',
    ),
    status,
  );
}
