/**
 * The action popup: the approval prompt when a request waits, otherwise codes, passkeys and settings.
 * One screen at a time; each is torn down through its AbortSignal when the next one replaces it.
 */
import { localizePage } from '../src/i18n/page-language.ts';
import { send } from '../src/messages/client.ts';
import { type CurrentPrompt, takeEarlyPrompt } from './early-prompt.ts';
import { prefetchHome, renderHome } from './home-view.ts';
import { renderPrompt } from './prompt/prompt-view.ts';
import { setQueued } from './prompt/queued-line.ts';
import { closePopup, connect, showingPrompt, tell } from './worker-port.ts';

const app = document.getElementById('app')!;
let screen: AbortController | undefined;
/** Opened to answer a prompt: close when nothing is left to answer. */
let promptMode = false;
const params = new URLSearchParams(location.search);
const stay = params.get('stay') === '1';
/** Opened by the worker as the prompt window: it exists to answer prompts, never to show the home. */
const promptWindow = params.get('window') === '1';
/**
 * A prompt window whose prompt left the queue (answered, cancelled, aborted): the worker closes it
 * once the page has its answer. Closing it here at once would tear the window down while the worker
 * signs and answers, which delayed the page's answer by about 10 ms. Should the worker not close it,
 * it closes itself after this long (unless another prompt comes to it meanwhile).
 */
const WORKER_CLOSES_MS = 1_500;
let selfClose: ReturnType<typeof setTimeout> | undefined;

/** Empties the prompt window and leaves closing it to the worker (see WORKER_CLOSES_MS). */
function awaitWorkerClose(): void {
  app.replaceChildren();
  clearTimeout(selfClose);
  selfClose = setTimeout(closePopup, WORKER_CLOSES_MS);
}

function nextScreen(): AbortSignal {
  screen?.abort();
  screen = new AbortController();
  return screen.signal;
}

/**
 * What the worker has waiting. The first look takes early-ask.ts's answer, asked before this module
 * ran (`early`); that answer predates this page's port, so a change in between would be missed: the
 * page looks once more, now that the port hears every later change.
 */
async function currentPrompt(): Promise<{ prompt: CurrentPrompt; early: boolean }> {
  const early = await takeEarlyPrompt();
  if (early?.ok) return { prompt: early.prompt, early: true };
  return { prompt: await send('prompt/current', {}), early: false };
}

/** `confirming`: the early answer this look checks (see currentPrompt). */
async function render(confirming?: CurrentPrompt): Promise<void> {
  const { prompt, early } = await currentPrompt();
  if (early) queueMicrotask(() => void render(prompt));
  // Still nothing waiting: the home (or the closing window) on screen stays as it is.
  if (confirming === null && !prompt) return;
  if (prompt) {
    clearTimeout(selfClose);
    selfClose = undefined;
    promptMode = true;
    document.body.dataset.mode = 'prompt';
    const shown = app.querySelector<HTMLElement>(`[data-prompt-id="${CSS.escape(prompt.promptId)}"]`);
    if (showingPrompt() === prompt.promptId && shown) {
      setQueued(shown, prompt.queued);
      return;
    }
    const replacesAnother = showingPrompt() !== null;
    const signal = nextScreen();
    tell(prompt.promptId);
    renderPrompt(
      app,
      prompt,
      { answered: (remaining) => void afterAnswer(remaining), replacesAnother },
      signal,
    );
    return;
  }
  const wasShowing = showingPrompt() !== null;
  const signal = nextScreen();
  tell(null);
  if (promptWindow && (wasShowing || selfClose !== undefined) && !stay) {
    awaitWorkerClose();
    return;
  }
  if ((promptMode || promptWindow) && !stay) {
    closePopup();
    return;
  }
  document.body.dataset.mode = 'home';
  renderHome(app, signal);
}

async function afterAnswer(remaining: number): Promise<void> {
  tell(null);
  if (remaining === 0 && promptWindow && !stay) {
    // The worker closes the prompt window once the page has its answer, so the browser does not
    // tear a window down while the worker signs and stores.
    nextScreen();
    awaitWorkerClose();
    return;
  }
  if (remaining === 0 && !stay) {
    closePopup();
    return;
  }
  await render();
}

localizePage();
connect({ onRefresh: () => void render(), onReconnect: () => void render() });
prefetchHome();
void render();
