/**
 * Resolves in a task of its own, after every microtask queued now: work started "while the user
 * decides" yields first, so the steps that put the prompt on screen go ahead of it. A message to
 * itself rather than a timer: a timer is clamped, and tests that fake timers would never see it fire.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      channel.port2.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
