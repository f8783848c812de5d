/**
 * The queue of prompts ("taps") waiting for the user. The running worker keeps the queue in memory
 * (the hot path reads no storage) and mirrors every change to storage.session, so that a restarted
 * worker shows the same prompts and finds an answer given meanwhile. One prompt is shown at a time,
 * oldest first; the in-memory waiter is the ceremony that wants the answer.
 */
import browser from 'webextension-polyfill';
import type { PromptRequestView } from '../../messages/views.ts';
import { readSession } from '../session-state.ts';

export type PromptAnswer =
  | { type: 'approve'; credentialId?: string; userVerified: boolean }
  | { type: 'cancel' }
  | { type: 'fallback' }
  | { type: 'timeout' }
  | { type: 'abort' };

export interface PromptState extends PromptRequestView {
  uv: 'required' | 'preferred' | 'discouraged';
  answer?: PromptAnswer;
}

const KEY = 'prompts';
const waiters = new Map<string, (answer: PromptAnswer) => void>();
const listeners = new Set<() => void>();

/** Loaded once per worker life from storage.session; afterwards memory is the truth. */
let queue: PromptState[] | undefined;
let loading: Promise<PromptState[]> | undefined;
let persisting: Promise<void> = Promise.resolve();

async function load(): Promise<PromptState[]> {
  if (!queue) {
    loading ??= readSession<PromptState[]>(KEY, []).then((stored) => {
      queue ??= stored;
      return queue;
    });
    await loading;
  }
  // Read `queue` after the await, never a copy from before it: other handlers may have changed it.
  return queue!;
}

/** Mirrors the queue to storage.session in order, off the caller's path. */
function persist(): Promise<void> {
  const snapshot = queue ?? [];
  persisting = persisting.then(() => browser.storage.session.set({ [KEY]: snapshot })).catch(() => undefined);
  return persisting;
}

let persistTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Listeners (the popups, which then ask for the queue again) hear in a task of their own, once per
 * burst of changes: an approval's answer to its page is posted in the microtasks that follow it, and
 * popups re-reading the queue at that moment delayed it by one to two milliseconds. The mirror to
 * storage.session follows a moment later, so that its IPC does not compete with the ceremony the
 * user just approved (the answer is in memory meanwhile).
 */
function changed(now = false): void {
  clearTimeout(persistTimer);
  persistTimer = undefined;
  // "Now" is the next task: an approval's answer to its page goes out in this one's microtasks first.
  persistTimer = setTimeout(() => void flushNow(), now ? 0 : PERSIST_DELAY_MS);
  if (!listenersDue) listenersDue = setTimeout(tellListeners, 0);
}

let listenersDue: ReturnType<typeof setTimeout> | undefined;

function tellListeners(): void {
  listenersDue = undefined;
  for (const l of listeners) l();
}

const PERSIST_DELAY_MS = 40;

/** Resolves once every change so far is in storage.session. */
export function flushed(): Promise<void> {
  return persistTimer === undefined ? persisting : flushNow();
}

/** Mirrors now what waits for the write-behind delay. */
function flushNow(): Promise<void> {
  clearTimeout(persistTimer);
  persistTimer = undefined;
  return persist();
}

export async function listPrompts(): Promise<PromptState[]> {
  return load();
}

/** The prompt the popup should show: the oldest one still unanswered. */
export async function currentPrompt(): Promise<{ prompt: PromptState; queued: number } | null> {
  const now = Date.now();
  const open = (await load()).filter((p) => !p.answer && p.deadline > now);
  const first = open[0];
  return first ? { prompt: first, queued: open.length - 1 } : null;
}

export function onPromptsChanged(listener: () => void): void {
  listeners.add(listener);
}

/** Adds the prompt unless a restarted ceremony finds it already queued; returns the stored one. */
export async function ensurePrompt(prompt: PromptState): Promise<PromptState> {
  await load();
  const existing = queue!.find((p) => p.promptId === prompt.promptId);
  if (existing) return existing;
  queue = [...queue!, prompt];
  changed();
  return prompt;
}

/** Waits for the user's answer (or one already recorded), then forgets the prompt. */
export async function waitForAnswer(promptId: string): Promise<PromptAnswer> {
  const stored = (await load()).find((p) => p.promptId === promptId);
  const answer =
    stored?.answer ??
    (await new Promise<PromptAnswer>((resolve) => {
      waiters.set(promptId, resolve);
    }));
  removePrompt(promptId);
  return answer;
}

/** Records an answer; the waiting ceremony (if this worker runs it) continues at once. */
export async function answerPrompt(promptId: string, answer: PromptAnswer): Promise<boolean> {
  const waiter = waiters.get(promptId);
  if (waiter) {
    // The ceremony goes on first; the bookkeeping below must not delay the page's answer.
    waiters.delete(promptId);
    waiter(answer);
  }
  await load();
  const i = queue!.findIndex((p) => p.promptId === promptId && !p.answer);
  if (i >= 0) {
    queue = queue!.map((p, j) => (j === i ? { ...p, answer } : p));
    // Mirrored at once: a worker stopped right now must still find the user's answer.
    changed(true);
  } else if (waiter) {
    // The ceremony has taken the prompt off the queue already (it runs first): mirror that at once
    // too, or a worker stopped within the write-behind delay would come back showing it as waiting.
    flushNow();
  }
  return i >= 0 || waiter !== undefined;
}

function removePrompt(promptId: string): void {
  waiters.delete(promptId);
  queue = (queue ?? []).filter((p) => p.promptId !== promptId);
  changed();
}

/** Drops prompts whose deadline passed while no worker was running to time them out. */
export async function dropExpired(now: number): Promise<void> {
  await load();
  const alive = queue!.filter((p) => p.deadline > now);
  if (alive.length !== queue!.length) {
    queue = alive;
    changed();
  }
}

/**
 * After a worker restart: drops prompts whose requests did not come back (their document is gone,
 * or it cannot resume), so they do not block the queue until their deadline. Relays resume at once
 * when their worker stops, so `alive` is asked a few seconds after the start.
 */
export async function dropUnclaimed(alive: readonly string[]): Promise<void> {
  await load();
  const kept = queue!.filter((p) => alive.includes(p.promptId));
  if (kept.length !== queue!.length) {
    queue = kept;
    changed(true);
  }
}

export async function getPrompt(promptId: string): Promise<PromptState | undefined> {
  return (await load()).find((p) => p.promptId === promptId);
}

let badgeShown = -1;
/** What the badge says with no prompt waiting (the workbench's "AUTO"), and its colour. */
let idleBadge = { text: '', color: '#c2410c' };

export function setIdleBadge(text: string, color: string): void {
  idleBadge = { text, color };
  badgeShown = -1;
  void updateBadge();
}

export async function updateBadge(): Promise<void> {
  const open = (await load()).filter((p) => !p.answer).length;
  if (open === badgeShown) return;
  badgeShown = open;
  await browser.action.setBadgeText({ text: open > 0 ? String(open) : idleBadge.text });
  if (open > 0) await browser.action.setBadgeBackgroundColor({ color: '#c2410c' });
  else if (idleBadge.text) await browser.action.setBadgeBackgroundColor({ color: idleBadge.color });
}
