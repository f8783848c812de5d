/** Enter approves and Escape cancels anywhere in the popup, until `signal` aborts. */
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
      } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
        event.preventDefault();
        actions.approve();
      }
    },
    { signal },
  );
}
