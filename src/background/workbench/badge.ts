/**
 * The toolbar badge says "AUTO" (in violet, unlike the prompt count's orange) while automatic
 * presence is on for any origin, so a developer never forgets that sign-ins there need no tap.
 * Re-checked when the grants change and when the next one expires.
 */
import { autoActive } from '../../workbench-core/origin-rules.ts';
import type { WorkbenchGrant } from '../../workbench-core/types.ts';
import { setIdleBadge } from '../ceremony/prompts.ts';

export const AUTO_BADGE = 'AUTO';
const AUTO_COLOR = '#6d28d9';

let timer: ReturnType<typeof setTimeout> | undefined;
/** What the badge was last told; with no grant at all the prompt count's badge is left alone. */
let shown = '';

export function refreshAutoBadge(grants: readonly WorkbenchGrant[], now = Date.now()): void {
  const active = grants.filter((g) => autoActive(g, now));
  const text = active.length > 0 ? AUTO_BADGE : '';
  if (text !== shown) setIdleBadge(text, AUTO_COLOR);
  shown = text;
  clearTimeout(timer);
  const next = Math.min(...active.map((g) => g.expiresAt ?? Number.POSITIVE_INFINITY));
  // setTimeout holds at most 2^31 − 1 ms; a stopped worker re-checks when it starts again.
  if (Number.isFinite(next))
    timer = setTimeout(() => refreshAutoBadge(grants), Math.min(next - now + 50, 2 ** 31 - 1));
}
