/** The "listed origin" chooser the faults and profile sections share. */
import { h } from '../popup/dom.ts';
import type { WorkbenchGrant } from '../src/workbench-core/types.ts';

const patterns = (grants: readonly WorkbenchGrant[]) => grants.map((g) => g.pattern).join('\n');

/**
 * Fills `select` with the listed origins when they differ from `was`, keeping the chosen one if it
 * is still listed. Answers whether the list changed (then the section shows the choice anew).
 */
export function fillOriginChoice(
  select: HTMLSelectElement,
  was: readonly WorkbenchGrant[],
  now: readonly WorkbenchGrant[],
): boolean {
  if (patterns(now) === patterns(was)) return false;
  const before = select.value;
  select.replaceChildren(...now.map((g) => h('option', { value: g.pattern }, g.pattern)));
  if (now.some((g) => g.pattern === before)) select.value = before;
  return true;
}
