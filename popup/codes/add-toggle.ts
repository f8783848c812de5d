/** "+ Add" and the panel it opens; the panel is built the first time it opens. */
import { h } from '../dom.ts';
import { type AddHost, renderAddPanel } from './add/add-panel.ts';

export interface AddToggle {
  button: HTMLButtonElement;
  panel: HTMLElement;
  toggle(open: boolean): void;
}

export function addToggle(host: AddHost): AddToggle {
  const panel = h('section', {
    id: 'add-panel',
    className: 'add-panel',
    hidden: true,
    'aria-labelledby': 'add-title',
  });
  const button = h(
    'button',
    { type: 'button', id: 'add-account', 'aria-expanded': 'false', 'aria-controls': 'add-panel' },
    '+ Add',
  );
  const toggle = (open: boolean) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open && panel.childElementCount === 0) renderAddPanel(panel, host);
    if (open) panel.querySelector<HTMLElement>('#scan-qr')?.focus();
  };
  button.addEventListener('click', () => toggle(button.getAttribute('aria-expanded') !== 'true'));
  return { button, panel, toggle };
}
