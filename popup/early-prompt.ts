/**
 * The popup's first question to the worker ("is a prompt waiting?"), asked by early-ask.ts before
 * the popup's modules run. A classic script runs as soon as it is fetched; the modules wait for the
 * whole module graph, the stylesheet and the end of parsing, about 25 ms more in a new prompt window
 * on the bench's machine. The worker's answer (7–10 ms there) is then ready when the popup renders.
 */
import type { RuntimeResponse } from '../src/messages/protocol.ts';

export type CurrentPrompt = RuntimeResponse<'prompt/current'>;

/** The worker's answer, or `ok: false` when the message failed (the popup then asks again). */
export type EarlyAnswer = { ok: true; prompt: CurrentPrompt } | { ok: false };

declare global {
  /** Set by early-ask.ts; taken (and cleared) by the popup's first look. */
  var __tapkeyEarlyPrompt: Promise<EarlyAnswer> | undefined;
}

/** The early answer, once: every later look asks the worker itself. */
export function takeEarlyPrompt(): Promise<EarlyAnswer> | undefined {
  const early = globalThis.__tapkeyEarlyPrompt;
  globalThis.__tapkeyEarlyPrompt = undefined;
  return early;
}
