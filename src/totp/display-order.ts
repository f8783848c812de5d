/**
 * The order of the Codes list. The worker cuts the popup's first screen from it and the popup lays
 * the whole list out by it, so the rows built first are the ones a full list would put first.
 */

interface Ordered {
  id: string;
  pinned: boolean;
}

/** The user's order: pinned accounts first, each group in its stored order (what moves change). */
export function userOrder<T extends Ordered>(accounts: readonly T[]): T[] {
  return [...accounts.filter((a) => a.pinned), ...accounts.filter((a) => !a.pinned)];
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
