/**
 * Passkey autofill's offer on the page: when the user focuses a field whose autocomplete attribute
 * has the `webauthn` token (HTML §4.10.18.7.1, as WebAuthn L3 §5.1.4 asks sites to mark them), an
 * extension page in an iframe opens under it and lists Tapkey's passkeys for the site.
 *
 * The page cannot read or restyle the list (another origin, in a closed shadow root, in the top
 * layer), cannot click it for the user (cross-origin: no synthetic events reach it; the frame also
 * ignores untrusted ones) and cannot cover it unnoticed (the frame accepts a click only while the
 * browser reports it fully visible). The relay gives the frame only the offer's token, over a
 * MessageChannel the page never sees; the names are fetched by the frame from the worker.
 */
import { isOfferToRelay } from '../messages/guards.ts';
import type { RelayToOffer } from '../messages/protocol.ts';

/** Tokens of an element's autocomplete attribute, as HTML splits them. */
export function isWebauthnField(element: Element | null): element is HTMLInputElement | HTMLTextAreaElement {
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) return false;
  const tokens = (element.getAttribute('autocomplete') ?? '').toLowerCase().split(/[\t\n\f\r ]+/);
  return tokens.includes('webauthn');
}

const WIDTH_PX = 320;
const GAP_PX = 4;

export interface OfferFrame {
  /** Offers with this token (first, or again after the worker restarted). */
  offer(token: string): void;
  /** The request is over: the frame goes and nothing is listened to any more. */
  end(): void;
}

/**
 * `frameUrl`: the page's URL as runtime.getURL gives it (with use_dynamic_url, an ID the page cannot
 * guess); `frameOrigin`: the origin the frame's document then has (the extension's own ID), which
 * the token is posted to, so a frame the page navigated elsewhere never receives it.
 */
export function createOfferFrame(frameUrl: string, frameOrigin: string): OfferFrame {
  let token: string | undefined;
  let field: HTMLInputElement | HTMLTextAreaElement | undefined;
  let host: HTMLElement | undefined;
  let iframe: HTMLIFrameElement | undefined;
  let channel: MessageChannel | undefined;
  let height = 0;
  const listening = new AbortController();

  const place = () => {
    if (!host || !field) return;
    const rect = field.getBoundingClientRect();
    const width = Math.max(WIDTH_PX, Math.round(rect.width));
    const left = Math.min(Math.max(0, rect.left), Math.max(0, innerWidth - width));
    Object.assign(host.style, {
      left: `${Math.round(left)}px`,
      top: `${Math.round(rect.bottom + GAP_PX)}px`,
      width: `${width}px`,
      height: `${height}px`,
    });
  };

  const sendToken = () => {
    if (!iframe?.contentWindow || !token) return;
    channel?.port1.close();
    channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent) => {
      if (!isOfferToRelay(event.data)) return;
      if (event.data.type === 'dismiss') hide();
      else {
        height = event.data.px;
        place();
      }
    };
    const message: RelayToOffer = { type: 'token', token };
    iframe.contentWindow.postMessage(message, frameOrigin, [channel.port2]);
  };

  function show(target: HTMLInputElement | HTMLTextAreaElement) {
    field = target;
    if (!host) {
      host = document.createElement('div');
      // Fixed, above everything the page draws (the top layer), and not styled by the page's CSS.
      host.setAttribute('popover', 'manual');
      Object.assign(host.style, {
        position: 'fixed',
        margin: '0',
        padding: '0',
        border: '0',
        background: 'transparent',
        inset: 'auto',
        overflow: 'visible',
        colorScheme: 'normal',
      });
      const root = host.attachShadow({ mode: 'closed' });
      iframe = document.createElement('iframe');
      iframe.src = frameUrl;
      iframe.title = 'Tapkey passkeys';
      Object.assign(iframe.style, {
        width: '100%',
        height: '100%',
        border: '0',
        display: 'block',
        colorScheme: 'normal',
      });
      iframe.addEventListener('load', sendToken);
      root.append(iframe);
      document.documentElement.append(host);
    }
    place();
    host.showPopover?.();
  }

  function hide() {
    host?.remove();
    channel?.port1.close();
    host = iframe = channel = undefined;
    height = 0;
  }

  const onFocus = (event: FocusEvent) => {
    const target = event.composedPath()[0] as Element | null;
    if (!token || !isWebauthnField(target)) return;
    // Another webauthn field (username → password): the same list moves under it.
    show(target);
  };
  // Focus left the field: for our frame (the user is choosing) keep it, otherwise close it.
  const onBlur = () => {
    setTimeout(() => {
      if (host && document.activeElement !== host && document.activeElement !== field) {
        hide();
        field = undefined;
      }
    });
  };
  // Escape closes the list; ↓ moves into it (the frame focuses its first entry), as with autofill.
  const onKey = (event: KeyboardEvent) => {
    if (!host || event.target !== field) return;
    if (event.key === 'Escape') hide();
    else if (event.key === 'ArrowDown') iframe?.focus();
  };
  const options = { capture: true, passive: true, signal: listening.signal };
  document.addEventListener('focusin', onFocus, options);
  document.addEventListener('focusout', onBlur, options);
  document.addEventListener('keydown', onKey, options);
  addEventListener('scroll', place, options);
  addEventListener('resize', place, options);

  return {
    offer(next) {
      token = next;
      if (host) sendToken();
      else if (isWebauthnField(document.activeElement)) show(document.activeElement);
    },
    end() {
      token = undefined;
      listening.abort();
      hide();
    },
  };
}
