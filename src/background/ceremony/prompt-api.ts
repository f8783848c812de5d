/** The popup's prompt API: the prompt on screen, and the user's answer with its user verification. */

import { t } from '../../i18n/messages.ts';
import type { Handlers, RuntimeRequest, RuntimeResponse } from '../../messages/protocol.ts';
import type { PromptView } from '../../messages/views.ts';
import { PinError } from '../../storage/vault-key.ts';
import { sentence } from '../sentence.ts';
import type { Vault } from '../vault/vault.ts';
import { answerPrompt, currentPrompt, getPrompt, listPrompts, type PromptState } from './prompts.ts';

type PromptName = 'prompt/current' | 'prompt/answer';

/**
 * WebAuthn L3 §5.8.6: "required" must verify; "preferred" verifies when the key can (a PIN is set).
 * A locked vault asks for the PIN whatever the RP wants, since it cannot sign otherwise.
 */
export async function pinPolicy(
  vault: Vault,
  p: Pick<PromptState, 'uv'>,
): Promise<{ needsPin: boolean; offerPinSetup: boolean }> {
  const pinSet = await vault.pinIsSet();
  const locked = await vault.isLocked();
  const wantUv = p.uv === 'required' || (p.uv === 'preferred' && pinSet);
  return { needsPin: wantUv || locked, offerPinSetup: p.uv === 'required' && !pinSet };
}

async function remainingPrompts(): Promise<number> {
  return (await listPrompts()).filter((p) => !p.answer).length;
}

/** How long an answer waits for its page to be answered before the prompt may close anyway. */
export const ANSWERED_WAIT_MS = 500;

export interface PromptDeps {
  /**
   * Settles once the request's page has its answer (page-door.ts whenAnswered). The popup closes its
   * window when `prompt/answer` returns, and a window closing while the page is answered made the
   * answer arrive about 15 ms later: so an approval or a cancel returns once the page has it.
   */
  whenAnswered?(promptId: string): Promise<void>;
}

export function promptHandlers(vault: Vault, deps: PromptDeps = {}): Handlers<PromptName> {
  /** Waits (at most ANSWERED_WAIT_MS) until the ceremony behind `promptId` has answered its page. */
  async function pageAnswered(promptId: string): Promise<void> {
    if (!deps.whenAnswered) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      deps.whenAnswered(promptId),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ANSWERED_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  }

  async function current(): Promise<PromptView | null> {
    const waiting = await currentPrompt();
    if (!waiting) return null;
    const { prompt, queued } = waiting;
    const { uv: _, answer: __, ...request } = prompt;
    // Side by side: the retry count is an IndexedDB read, on the path of every prompt's first paint.
    const [policy, pinRetries] = await Promise.all([pinPolicy(vault, prompt), vault.pinRetries()]);
    return { ...request, ...policy, pinRetries, queued };
  }

  /** The PIN when the policy wants one: sets the first PIN or unlocks. Undefined when all is well. */
  async function verify(
    prompt: PromptState,
    pin: string | undefined,
  ): Promise<{ userVerified: boolean } | { error: RuntimeResponse<'prompt/answer'> }> {
    const { needsPin, offerPinSetup } = await pinPolicy(vault, prompt);
    if (!needsPin) return { userVerified: false };
    if (!pin) return { error: { ok: false, error: t('error_enterPin') } };
    try {
      if (offerPinSetup) await vault.setPin(pin);
      else await vault.unlock(pin);
      return { userVerified: true };
    } catch (e) {
      if (!(e instanceof PinError)) throw e;
      const error: RuntimeResponse<'prompt/answer'> = { ok: false, error: sentence(e.message) };
      if (e.retriesLeft !== undefined) error.retriesLeft = e.retriesLeft;
      return { error };
    }
  }

  async function answer(request: RuntimeRequest<'prompt/answer'>): Promise<RuntimeResponse<'prompt/answer'>> {
    const prompt = await getPrompt(request.promptId);
    if (!prompt || prompt.answer) return { ok: false, error: t('error_requestGone') };
    const { decision } = request;
    if (decision.type !== 'approve') {
      await answerPrompt(prompt.promptId, { type: decision.type });
      // Handed to the browser: the worker closes the window itself before the page asks the browser.
      if (decision.type === 'cancel') await pageAnswered(prompt.promptId);
      return { ok: true, remaining: await remainingPrompts() };
    }
    if (prompt.kind === 'get' && decision.credentialId === undefined) {
      return { ok: false, error: t('prompt_chooseAccountFirst') };
    }
    const verified = await verify(prompt, decision.pin);
    if ('error' in verified) return verified.error;
    const approved: { type: 'approve'; credentialId?: string; userVerified: boolean } = {
      type: 'approve',
      userVerified: verified.userVerified,
    };
    if (decision.credentialId !== undefined) approved.credentialId = decision.credentialId;
    await answerPrompt(prompt.promptId, approved);
    await pageAnswered(prompt.promptId);
    return { ok: true, remaining: await remainingPrompts() };
  }

  return { 'prompt/current': current, 'prompt/answer': answer };
}
