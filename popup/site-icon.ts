/**
 * A site's icon, as the browser already has it: Chrome's own favicon cache, read through the
 * "favicon" permission (`chrome-extension://<id>/_favicon/?pageUrl=…&size=32`). Nothing is fetched
 * from the site or from a third-party icon service, so showing an icon tells nobody which accounts
 * or passkeys the user has. The icon is decorative (`alt=""`: the site's name is beside it); if it
 * cannot load, the name's first letter takes its place.
 */
import { platform } from '../src/platform/index.ts';
import { h } from './dom.ts';

/** The favicon endpoint of this extension; '' where the browser has none (then: the letter). */
const faviconEndpoint = (): string => platform.faviconEndpoint();

/** The URL of the browser's cached icon for `pageUrl`, at 32 px (shown at 16 px: sharp on HiDPI). */
export function faviconUrl(pageUrl: string): string {
  return `${faviconEndpoint()}?pageUrl=${encodeURIComponent(pageUrl)}&size=32`;
}

/** The icon's elements, built once and cloned for each use: the Codes list may show a thousand. */
let template: HTMLElement | undefined;

function showLetter(box: HTMLElement): void {
  box.replaceChildren();
  box.classList.add('letter');
  box.setAttribute('aria-hidden', 'true');
}

/**
 * The icon of the page at `pageUrl` (null: none known), or the first letter of `name`. The letter is
 * drawn by CSS from `data-letter`, so it adds nothing to the text around it.
 */
export function siteIcon(pageUrl: string | null, name: string): HTMLElement {
  const first = name.trim().codePointAt(0);
  const letter = first === undefined ? '?' : String.fromCodePoint(first).toLocaleUpperCase();
  if (pageUrl === null || faviconEndpoint() === '') {
    return h('span', { className: 'site-icon letter', 'aria-hidden': 'true', 'data-letter': letter });
  }
  // `loading` before `src`: set the other way round, the image would start loading at once.
  template ??= h(
    'span',
    { className: 'site-icon' },
    h('img', { alt: '', loading: 'lazy', width: 16, height: 16 }),
  );
  const box = template.cloneNode(true) as HTMLElement;
  box.dataset.letter = letter;
  const img = box.firstChild as HTMLImageElement;
  img.addEventListener('error', () => showLetter(box), { once: true });
  img.src = faviconUrl(pageUrl);
  return box;
}
