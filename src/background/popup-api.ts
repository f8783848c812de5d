/** Answers the popup's runtime messages: the current prompt, its answer, passkeys and settings. */
import type { CoreMessage, RuntimeProtocol, RuntimeResponse } from '../messages/protocol.ts';
import type { PromptView, SettingsView } from '../messages/views.ts';
import { hasPin, PinError, pinRetries, resetVault, setPin, unlockWithPin } from '../storage/vault-key.ts';
import { summaryView } from './gate.ts';
import { forgetOtpStore } from './otp-api.ts';
import { answerPrompt, currentPrompt, getPrompt, listPrompts, type PromptState } from './prompts.ts';
import { bypassOrigins, setBypass } from './settings.ts';
import {
  credentialStore,
  db,
  isLocked,
  pinChanged,
  pinIsSet,
  unlockedKeyCache,
  vaultReset,
} from './vault.ts';

async function needsPin(p: PromptState): Promise<{ needsPin: boolean; offerPinSetup: boolean }> {
  const pinSet = await pinIsSet();
  const locked = await isLocked();
  // WebAuthn L3 §5.8.6: "required" must verify; "preferred" verifies when the key can (a PIN is set).
  const wantUv = p.uv === 'required' || (p.uv === 'preferred' && pinSet);
  return { needsPin: wantUv || locked, offerPinSetup: p.uv === 'required' && !pinSet };
}

async function promptView(): Promise<PromptView | null> {
  const current = await currentPrompt();
  if (!current) return null;
  const { prompt, queued } = current;
  const { uv: _, answer: __, ...request } = prompt;
  return { ...request, ...(await needsPin(prompt)), pinRetries: await pinRetries(await db()), queued };
}

async function answer(
  request: RuntimeProtocol['prompt/answer']['request'],
): Promise<RuntimeResponse<'prompt/answer'>> {
  const prompt = await getPrompt(request.promptId);
  if (!prompt || prompt.answer) return { ok: false, error: 'This request is no longer waiting.' };
  const decision = request.decision;
  if (decision.type !== 'approve') {
    await answerPrompt(prompt.promptId, { type: decision.type });
    return { ok: true, remaining: await remainingPrompts() };
  }
  if (prompt.kind === 'get') {
    const chosen = prompt.candidates.find((c) => c.id === decision.credentialId);
    if (!chosen) return { ok: false, error: 'Choose an account first.' };
  }
  const { needsPin: pinNeeded, offerPinSetup } = await needsPin(prompt);
  let userVerified = false;
  if (pinNeeded) {
    if (!decision.pin) return { ok: false, error: 'Enter your PIN.' };
    try {
      if (offerPinSetup) {
        await setPin(await db(), unlockedKeyCache, decision.pin);
        pinChanged();
      } else {
        await unlockWithPin(await db(), unlockedKeyCache, decision.pin);
      }
    } catch (e) {
      if (e instanceof PinError) {
        const result: RuntimeResponse<'prompt/answer'> = { ok: false, error: capitalize(e.message) };
        if (e.retriesLeft !== undefined) result.retriesLeft = e.retriesLeft;
        return result;
      }
      throw e;
    }
    userVerified = true;
  }
  const approved: { type: 'approve'; credentialId?: string; userVerified: boolean } = {
    type: 'approve',
    userVerified,
  };
  if (decision.credentialId !== undefined) approved.credentialId = decision.credentialId;
  await answerPrompt(prompt.promptId, approved);
  return { ok: true, remaining: await remainingPrompts() };
}

async function remainingPrompts(): Promise<number> {
  return (await listPrompts()).filter((p) => !p.answer).length;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1) + (s.endsWith('.') ? '' : '.');
}

async function settings(): Promise<SettingsView> {
  const database = await db();
  return {
    pinSet: await pinIsSet(),
    pinRetries: await pinRetries(database),
    locked: await isLocked(),
    bypassOrigins: await bypassOrigins(),
  };
}

async function changePin(
  request: RuntimeProtocol['settings/set-pin']['request'],
): Promise<RuntimeResponse<'settings/set-pin'>> {
  const database = await db();
  try {
    if (await hasPin(database)) {
      if (!request.currentPin) return { ok: false, error: 'Enter your current PIN to change it.' };
      await unlockWithPin(database, unlockedKeyCache, request.currentPin);
    }
    await setPin(database, unlockedKeyCache, request.newPin);
    pinChanged();
    return { ok: true };
  } catch (e) {
    if (e instanceof PinError) return { ok: false, error: capitalize(e.message) };
    throw e;
  }
}

export async function handlePopupMessage(message: CoreMessage): Promise<unknown> {
  switch (message.name) {
    case 'prompt/current':
      return promptView();
    case 'prompt/answer':
      return answer(message.payload);
    case 'credentials/list':
      return (await (await credentialStore()).listAll()).map(summaryView);
    case 'credentials/delete':
      return { deleted: await (await credentialStore()).delete(message.payload.id) };
    case 'settings/get':
      return settings();
    case 'settings/set-pin':
      return changePin(message.payload);
    case 'settings/bypass':
      await setBypass(message.payload.origin, message.payload.bypass);
      return settings();
    case 'settings/reset':
      await resetVault(await db(), unlockedKeyCache);
      vaultReset();
      forgetOtpStore();
      return settings();
  }
}
