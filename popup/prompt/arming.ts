/**
 * Approve stays disabled this long after a prompt appears, as browsers' own permission prompts do,
 * so a key press or click meant for the page (or a double Enter) cannot approve a prompt that just
 * popped up ("keyjacking").
 */
export const ARMING_DELAY_MS = 500;

/** Approve, "use another device" and "never here" do nothing until `armed`. */
export interface Arming {
  armed: boolean;
}

/**
 * Disables `approveButton` now and sets `arming.armed` after ARMING_DELAY_MS, with `data-armed` on
 * the section and focus on Approve if `focusApprove` and the user has not moved focus meanwhile.
 */
export function armLater(
  arming: Arming,
  section: HTMLElement,
  approveButton: HTMLButtonElement | null,
  focusApprove: boolean,
  signal: AbortSignal,
): void {
  if (approveButton) approveButton.disabled = true;
  const timer = setTimeout(() => {
    arming.armed = true;
    if (approveButton) approveButton.disabled = false;
    section.dataset.armed = '';
    if (focusApprove && document.activeElement === section) approveButton?.focus();
  }, ARMING_DELAY_MS);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}
