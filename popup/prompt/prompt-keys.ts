/**
 * Keys in the prompt. Escape cancels anywhere (refusing cannot be keyjacked into harm). Enter
 * approves only where the user has gone on purpose: the PIN field they typed in, or the account they
 * picked; on Approve itself the button's own activation does it. A fresh Enter meant for the page,
 * landing on the prompt as it appears, answers nothing.
 */
export function listenForPromptKeys(actions: { approve(): void; cancel(): void }, signal: AbortSignal): void {
  document.addEventListener(
    'keydown',
    (event) => {
      // A held-down key (auto-repeat) never answers: not via this handler, nor by activating a button.
      if (event.repeat && (event.key === 'Enter' || event.key === ' ')) {
        event.preventDefault();
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        actions.cancel();
      } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
        event.preventDefault();
        actions.approve();
      }
    },
    { signal },
  );
}
