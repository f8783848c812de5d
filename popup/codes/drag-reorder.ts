/**
 * Drag an account by its grip to reorder the list (the mouse's way; the keyboard's is Move up/down in
 * the row's menu). One set of listeners on the list, none per row. An account moves within its own
 * group, so pinned accounts stay first; the new order is the user's order, whatever the list shows
 * first for the current site.
 */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import type { OtpAccountView } from '../../src/messages/views.ts';
import { label } from '../format.ts';
import type { RowMenuHost } from './row-menu-types.ts';

const DRAG_TYPE = 'application/x-tapkey-account';

/** Where a drop would put the dragged account: before or after the row under the pointer. */
interface DropTarget {
  li: HTMLElement;
  after: boolean;
}

/**
 * `order`: every account in the user's order, pinned ones first; empty while the list has only its
 * first screen (a drop would then reorder a few accounts as if they were all), so nothing drags.
 */
export function dragToReorder(
  list: HTMLElement,
  order: () => readonly OtpAccountView[],
  host: RowMenuHost,
): void {
  /** The accounts by id, for one drag: taken when it starts. */
  let byId = new Map<string, OtpAccountView>();
  let dragged: OtpAccountView | undefined;
  let target: DropTarget | undefined;
  const mark = (next: DropTarget | undefined) => {
    target?.li.classList.remove('drop-before', 'drop-after');
    target = next;
    target?.li.classList.add(target.after ? 'drop-after' : 'drop-before');
  };
  const rowOf = (event: Event) => (event.target as Element | null)?.closest<HTMLElement>('li.otp') ?? null;

  list.addEventListener('dragstart', (event) => {
    const li = rowOf(event);
    const grip = (event.target as Element | null)?.closest('.otp-drag');
    byId = new Map(order().map((v) => [v.id, v]));
    dragged = li && grip ? byId.get(li.dataset.id ?? '') : undefined;
    if (!li || !dragged || !event.dataTransfer) return;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DRAG_TYPE, dragged.id);
    event.dataTransfer.setDragImage(li, 16, 16);
    li.classList.add('dragging');
  });
  list.addEventListener('dragover', (event) => {
    const li = rowOf(event);
    const over = li ? byId.get(li.dataset.id ?? '') : undefined;
    // Only onto another account of the same group: elsewhere the pointer shows "no drop".
    if (!li || !dragged || !over || over.id === dragged.id || over.pinned !== dragged.pinned) {
      mark(undefined);
      return;
    }
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    const box = li.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    if (target?.li !== li || target.after !== after) mark({ li, after });
  });
  list.addEventListener('drop', (event) => {
    event.preventDefault();
    const moving = dragged;
    const to = target;
    mark(undefined);
    if (moving && to) void drop(moving, to, order(), host);
  });
  list.addEventListener('dragend', () => {
    mark(undefined);
    for (const li of list.querySelectorAll('.dragging')) li.classList.remove('dragging');
    dragged = undefined;
  });
}

async function drop(
  moving: OtpAccountView,
  to: DropTarget,
  ordered: readonly OtpAccountView[],
  host: RowMenuHost,
): Promise<void> {
  const ids = ordered.map((v) => v.id).filter((id) => id !== moving.id);
  const at = ids.indexOf(to.li.dataset.id ?? '');
  if (at === -1) return;
  ids.splice(to.after ? at + 1 : at, 0, moving.id);
  const result = await send('otp/reorder', { ids });
  if (!result.ok) return host.status(result.error, 'error');
  host.status(t('codes_moved', label(moving)), 'ok');
  await host.reload();
}
