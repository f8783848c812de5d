/** The home screen's tab list: click a tab, or move along with the arrow keys. */
import { h } from './dom.ts';

export function tabBar<Tab extends string>(
  tabs: readonly (readonly [Tab, string])[],
  selected: Tab,
  select: (tab: Tab) => void,
): HTMLElement {
  const nav = h(
    'nav',
    { role: 'tablist', 'aria-label': 'Tapkey' },
    ...tabs.map(([id, label]) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${id}`,
          'aria-selected': String(selected === id),
          'aria-controls': 'panel',
          tabIndex: selected === id ? 0 : -1,
          onclick: () => select(id),
        },
        label,
      ),
    ),
  );
  nav.addEventListener('keydown', (event) => {
    const i = tabs.findIndex(([id]) => id === selected);
    // Right to left, the next tab is the one on the left.
    const forward = document.documentElement.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = forward === 'ArrowLeft' ? 'ArrowRight' : 'ArrowLeft';
    const step = event.key === forward ? 1 : event.key === back ? -1 : 0;
    if (!step) return;
    const next = tabs[(i + step + tabs.length) % tabs.length]![0];
    select(next);
    document.getElementById(`tab-${next}`)?.focus();
  });
  return nav;
}
