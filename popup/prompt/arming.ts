/**
 * Approve stays disabled for a moment after a prompt appears, as browsers' own permission prompts
 * do, so a key press or click meant for the page (or a double Enter) cannot approve a prompt that
 * just popped up ("keyjacking"). A prompt that replaces another one on screen (the page aborted the
 * first and asked again) waits longer: the user may be mid-way through answering the first.
 * Approve never takes the focus by itself: the user clicks it, or moves to it and presses Enter.
 */
export const ARMING_DELAY_MS = 500;
export const REPLACED_ARMING_DELAY_MS = 1_000;

/** Approve, "use another device" and "never here" do nothing until `armed`. */
export interface Arming {
  armed: boolean;
}

/** Disables `approveButton` now; after `delayMs` sets `arming.armed` and `data-armed` on the section. */
export function armLater(
  arming: Arming,
  section: HTMLElement,
  approveButton: HTMLButtonElement | null,
  delayMs: number,
  signal: AbortSignal,
): void {
  if (approveButton) approveButton.disabled = true;
  const timer = setTimeout(() => {
    arming.armed = true;
    if (approveButton) approveButton.disabled = false;
    section.dataset.armed = '';
  }, delayMs);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}
