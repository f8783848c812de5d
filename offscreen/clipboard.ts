/**
 * Offscreen document (reason CLIPBOARD): clears a copied one-time code after a while, as password
 * managers do, even after the popup that copied it has closed. It only ever writes an empty value;
 * it never reads the clipboard (that would need the clipboardRead permission), so, like Bitwarden's
 * clearing, it also clears whatever was copied after the code.
 */
import browser from 'webextension-polyfill';
import { isRuntimeMessage } from '../src/messages/guards.ts';

const scratch = document.getElementById('scratch') as HTMLTextAreaElement;
let timer: ReturnType<typeof setTimeout> | undefined;

function clearClipboard(): void {
  // execCommand('copy') needs a selection: a lone zero-width space is the emptiest value it copies.
  scratch.value = '\u200b';
  scratch.select();
  document.execCommand('copy');
  scratch.value = '';
  window.close();
}

browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id) return undefined;
  if (!isRuntimeMessage(message, ['offscreen/clear-clipboard'])) return undefined;
  clearTimeout(timer);
  timer = setTimeout(clearClipboard, message.payload.afterMs);
  return Promise.resolve({ ok: true });
});
