/** What a restore would do (shown before it runs), and what it did. */

export interface RestorePlan {
  passkeys: { total: number; alreadyHere: number };
  accounts: { total: number; duplicates: number };
}

export interface RestoreResult {
  passkeysAdded: number;
  passkeysUpdated: number;
  accountsAdded: number;
  accountsReplaced: number;
  accountsSkipped: number;
}
