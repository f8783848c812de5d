/**
 * The "tap": who asks (origin and RP ID, prominent), what (create or sign in), which account, and
 * Approve / Cancel. Enter approves, Escape cancels; the hand-back to the browser is one click away.
 */
import { send } from '../src/messages/client.ts';
import type { PromptView } from '../src/messages/views.ts';
import { formatDate, h, host } from './dom.ts';

/**
 * Approve stays disabled this long after a prompt appears, as browsers' own permission prompts do,
 * so a key press or click meant for the page (or a double Enter) cannot approve a prompt that just
 * popped up ("keyjacking").
 */
export const ARMING_DELAY_MS = 500;

export interface PromptCallbacks {
  /** After an answer was accepted: show the next prompt, or close when `remaining` is 0. */
  answered(remaining: number): void;
}

/** Page-chosen names are clipped (CTAP 2.1 lets authenticators truncate them at 64 bytes) and isolated. */
function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 63)}…` : text;
}

function queuedText(n: number): string {
  return n > 0 ? `${n} more request${n > 1 ? 's' : ''} waiting` : '';
}

/** Updates the "N more waiting" line of a prompt already on screen. */
export function setQueued(section: HTMLElement, n: number): void {
  const line = section.querySelector<HTMLElement>('.queued');
  if (!line) return;
  line.textContent = queuedText(n);
  line.hidden = n === 0;
}

function title(p: PromptView): string {
  const site = host(p.origin);
  if (p.kind === 'create') {
    if (p.excluded) return `${site}: this key is already registered`;
    return `${site} wants to create a passkey${p.user ? ` for ${clip(p.user.name)}` : ''}`;
  }
  if (p.candidates.length === 0) return `${site} wants you to sign in`;
  return `${site} wants you to sign in with a passkey`;
}

export function renderPrompt(root: HTMLElement, p: PromptView, callbacks: PromptCallbacks): () => void {
  const error = h('p', { className: 'error', role: 'alert', id: 'prompt-error' });
  const busy = (on: boolean) => {
    for (const b of root.querySelectorAll('button')) b.disabled = on;
  };

  const submit = async (decision: Parameters<typeof send<'prompt/answer'>>[1]['decision']) => {
    busy(true);
    error.textContent = '';
    try {
      const res = await send('prompt/answer', { promptId: p.promptId, decision });
      if (res.ok) {
        callbacks.answered(res.remaining);
        return;
      }
      error.textContent = res.error;
      pinInput?.select();
    } catch (e) {
      error.textContent = `Tapkey could not send your answer: ${e instanceof Error ? e.message : String(e)}`;
    }
    busy(false);
  };

  const chooser =
    p.kind === 'get' && p.candidates.length > 0
      ? h(
          'fieldset',
          { className: 'accounts' },
          h('legend', {}, p.candidates.length > 1 ? 'Choose an account' : 'Account'),
          ...p.candidates.map((c, i) =>
            h(
              'label',
              { className: 'account' },
              h('input', { type: 'radio', name: 'account', value: c.id, checked: i === 0 }),
              h(
                'span',
                {},
                h('strong', {}, clip(c.userName) || '(no name)'),
                c.userDisplayName && c.userDisplayName !== c.userName
                  ? h('span', {}, ` ${c.userDisplayName}`)
                  : null,
                h('small', {}, `Last used ${formatDate(c.lastUsedAt)}`),
              ),
            ),
          ),
        )
      : null;

  const pinInput: HTMLInputElement | undefined = p.needsPin
    ? h('input', {
        id: 'pin',
        type: 'password',
        autocomplete: p.offerPinSetup ? 'new-password' : 'current-password',
        minLength: 4,
      })
    : undefined;
  const pinConfirm: HTMLInputElement | undefined = p.offerPinSetup
    ? h('input', { id: 'pin-confirm', type: 'password', autocomplete: 'new-password' })
    : undefined;
  const pinSection = p.needsPin
    ? p.offerPinSetup
      ? h(
          'div',
          { className: 'pin' },
          h('p', {}, 'This site requires user verification. Set a PIN for Tapkey (at least 4 characters):'),
          h('label', { for: 'pin' }, 'New PIN'),
          pinInput,
          h('label', { for: 'pin-confirm' }, 'Confirm PIN'),
          pinConfirm,
        )
      : h(
          'div',
          { className: 'pin' },
          h('label', { for: 'pin' }, 'PIN'),
          pinInput,
          h('small', {}, `${p.pinRetries} attempts left`),
        )
    : null;

  let armed = false;
  const approve = () => {
    if (!armed || (p.kind === 'get' && p.candidates.length === 0)) return;
    const decision: { type: 'approve'; credentialId?: string; pin?: string } = { type: 'approve' };
    if (chooser) {
      const picked = chooser.querySelector<HTMLInputElement>('input[name=account]:checked');
      if (!picked) {
        error.textContent = 'Choose an account first.';
        return;
      }
      decision.credentialId = picked.value;
    }
    if (pinInput) {
      if (pinConfirm && pinInput.value !== pinConfirm.value) {
        error.textContent = 'The two PINs differ.';
        return;
      }
      decision.pin = pinInput.value;
    }
    void submit(decision);
  };
  const cancel = () => void submit({ type: 'cancel' });
  const fallback = () => {
    if (armed) void submit({ type: 'fallback' });
  };
  const neverHere = async () => {
    if (!armed) return;
    // The site the user sees in the address bar: the top-level one around a frame.
    await send('settings/bypass', { origin: p.topOrigin ?? p.origin, bypass: true });
    fallback();
  };

  const noAccount = p.kind === 'get' && p.candidates.length === 0;
  const approveLabel = p.excluded ? 'OK' : p.kind === 'create' ? 'Approve' : 'Sign in';
  const body = h(
    'section',
    { className: 'prompt', 'aria-labelledby': 'prompt-title', 'data-prompt-id': p.promptId },
    h('p', { className: 'kind' }, p.kind === 'create' ? 'Create a passkey' : 'Sign in'),
    h('h1', { id: 'prompt-title' }, title(p)),
    h(
      'dl',
      { className: 'site' },
      h('dt', {}, 'Site'),
      h('dd', { className: 'origin' }, p.origin),
      p.topOrigin ? h('dt', {}, 'Inside') : null,
      p.topOrigin ? h('dd', { className: 'top-origin' }, p.topOrigin) : null,
      h('dt', {}, 'Relying party'),
      // Names chosen by the page are clipped and bidi-isolated: they cannot restyle the RP ID beside them.
      h('dd', {}, p.rpName ? h('bdi', {}, clip(p.rpName)) : null, p.rpName ? ` (${p.rpId})` : p.rpId),
      p.user ? h('dt', {}, 'Account') : null,
      p.user
        ? h(
            'dd',
            {},
            h('bdi', {}, clip(p.user.name)),
            p.user.displayName && p.user.displayName !== p.user.name ? ' — ' : null,
            p.user.displayName && p.user.displayName !== p.user.name
              ? h('bdi', {}, clip(p.user.displayName))
              : null,
          )
        : null,
    ),
    p.excluded
      ? h(
          'p',
          { className: 'note' },
          'You already registered this key for this account. Nothing new will be created.',
        )
      : null,
    noAccount ? h('p', { className: 'note' }, `No passkey for ${p.rpId} is stored in Tapkey.`) : null,
    chooser,
    pinSection,
    error,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', className: 'secondary', onclick: cancel }, 'Cancel'),
      noAccount
        ? null
        : h(
            'button',
            { type: 'button', className: 'primary', id: 'approve', onclick: approve },
            approveLabel,
          ),
    ),
    h(
      'div',
      { className: 'fallback' },
      h(
        'button',
        { type: 'button', className: 'link', onclick: fallback },
        'Use another device / browser passkey',
      ),
      h(
        'button',
        { type: 'button', className: 'link', onclick: () => void neverHere() },
        `Never use Tapkey on ${host(p.topOrigin ?? p.origin)}`,
      ),
    ),
    h('p', { className: 'queued', hidden: p.queued === 0 }, queuedText(p.queued)),
  );
  root.replaceChildren(body);

  const onKey = (event: KeyboardEvent) => {
    // A held-down key (auto-repeat) never answers: not via our handler, nor by activating a button.
    if (event.repeat && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      approve();
    }
  };
  const approveButton = root.querySelector<HTMLButtonElement>('#approve');
  if (approveButton) approveButton.disabled = true;
  const arming = setTimeout(() => {
    armed = true;
    if (approveButton) approveButton.disabled = false;
    body.dataset.armed = '';
    // Move focus to Approve only if the user has not gone somewhere else meanwhile.
    if (!pinInput && document.activeElement === body) approveButton?.focus();
  }, ARMING_DELAY_MS);
  document.addEventListener('keydown', onKey);
  // Focus goes to the PIN field, or to the prompt itself until Approve is armed.
  body.tabIndex = -1;
  (pinInput ?? body).focus();
  return () => {
    clearTimeout(arming);
    document.removeEventListener('keydown', onKey);
  };
}
