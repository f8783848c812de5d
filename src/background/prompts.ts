/**
 * The queue of prompts ("taps") waiting for the user. Each prompt lives in storage.session so that a
 * restarted worker shows the same prompt and finds an answer given meanwhile; the in-memory waiter
 * is the running ceremony that wants the answer. One prompt is shown at a time, oldest first.
 */
import browser from 'webextension-polyfill';
import type { CredentialSummaryView } from '../messages/views.ts';
import { readSession, updateSession } from './session-state.ts';

export type PromptAnswer =
  | { type: 'approve'; credentialId?: string; userVerified: boolean }
  | { type: 'cancel' }
  | { type: 'fallback' }
  | { type: 'timeout' }
  | { type: 'abort' };

export interface PromptState {
  promptId: string;
  kind: 'create' | 'get';
  origin: string;
  rpId: string;
  rpName?: string;
  user?: { name: string; displayName: string };
  candidates: CredentialSummaryView[];
  excluded: boolean;
  uv: 'required' | 'preferred' | 'discouraged';
  deadline: number;
  answer?: PromptAnswer;
}

const KEY = 'prompts';
const waiters = new Map<string, (answer: PromptAnswer) => void>();
const listeners = new Set<() => void>();

export async function listPrompts(): Promise<PromptState[]> {
  return readSession<PromptState[]>(KEY, []);
}

/** The prompt the popup should show: the oldest one still unanswered. */
export async function currentPrompt(): Promise<{ prompt: PromptState; queued: number } | null> {
  const open = (await listPrompts()).filter((p) => !p.answer);
  const first = open[0];
  return first ? { prompt: first, queued: open.length - 1 } : null;
}

export function onPromptsChanged(listener: () => void): void {
  listeners.add(listener);
}

function changed(): void {
  for (const l of listeners) l();
}

/** Adds the prompt unless a restarted ceremony finds it already queued; returns the stored one. */
export async function ensurePrompt(prompt: PromptState): Promise<PromptState> {
  const stored = await updateSession(KEY, [] as PromptState[], (list) => {
    const existing = list.find((p) => p.promptId === prompt.promptId);
    return existing ? { value: list, result: existing } : { value: [...list, prompt], result: prompt };
  });
  changed();
  return stored;
}

/** Waits for the user's answer (or one already recorded), then forgets the prompt. */
export async function waitForAnswer(promptId: string): Promise<PromptAnswer> {
  const stored = (await listPrompts()).find((p) => p.promptId === promptId);
  const answer =
    stored?.answer ??
    (await new Promise<PromptAnswer>((resolve) => {
      waiters.set(promptId, resolve);
    }));
  await removePrompt(promptId);
  return answer;
}

/** Records an answer; the waiting ceremony (if this worker runs it) continues at once. */
export async function answerPrompt(promptId: string, answer: PromptAnswer): Promise<boolean> {
  const found = await updateSession(KEY, [] as PromptState[], (list) => {
    const i = list.findIndex((p) => p.promptId === promptId && !p.answer);
    if (i < 0) return { value: list, result: false };
    const next = [...list];
    next[i] = { ...next[i]!, answer };
    return { value: next, result: true };
  });
  const waiter = waiters.get(promptId);
  if (waiter) {
    waiters.delete(promptId);
    waiter(answer);
  }
  changed();
  return found || waiter !== undefined;
}

async function removePrompt(promptId: string): Promise<void> {
  waiters.delete(promptId);
  await updateSession(KEY, [] as PromptState[], (list) => ({
    value: list.filter((p) => p.promptId !== promptId),
    result: undefined,
  }));
  changed();
}

/** Drops prompts whose deadline passed while no worker was running to time them out. */
export async function dropExpired(now: number): Promise<void> {
  await updateSession(KEY, [] as PromptState[], (list) => ({
    value: list.filter((p) => p.deadline > now),
    result: undefined,
  }));
}

export async function getPrompt(promptId: string): Promise<PromptState | undefined> {
  return (await listPrompts()).find((p) => p.promptId === promptId);
}

export async function updateBadge(): Promise<void> {
  const open = (await listPrompts()).filter((p) => !p.answer).length;
  await browser.action.setBadgeText({ text: open > 0 ? String(open) : '' });
  if (open > 0) await browser.action.setBadgeBackgroundColor({ color: '#c2410c' });
}
