/**
 * The order of the Codes list. The worker cuts the popup's first screen from it and the popup lays
 * the whole list out by it, so the rows built first are the ones a full list would put first.
 */

interface Ordered {
  id: string;
  pinned: boolean;
  /** The stored position (what moves change); ties go to the older account, as the store sorts. */
  order: number;
  createdAt: number;
}

/**
 * The user's order: pinned accounts first, each group in stored order (what moves change). Taken
 * from the accounts' own positions, not from the order they come in: a first screen comes in the
 * order the list shows, the tab site's accounts first.
 */
export function userOrder<T extends Ordered>(accounts: readonly T[]): T[] {
  const stored = [...accounts].sort((a, b) => a.order - b.order || a.createdAt - b.createdAt);
  return [...stored.filter((a) => a.pinned), ...stored.filter((a) => !a.pinned)];
}

/**
 * What the list shows: the accounts of the current tab's site first, best match first (scores from
 * the worker; absent or 0 is no match), then the rest, each part in the user's order.
 */
export function displayOrder<T extends Ordered>(
  accounts: readonly T[],
  siteScores: Readonly<Record<string, number>>,
): T[] {
  const scored = userOrder(accounts).map((account, i) => ({
    account,
    i,
    score: siteScores[account.id] ?? 0,
  }));
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.map(({ account }) => account);
}
