/**
 * The signature counter a restored passkey starts from. A backup is a picture of the past: after it
 * was made, the old profile may have signed in N more times, and a site that saw counter c + N would
 * refuse (or flag as cloned) a restored key that signs with c + 1 (WebAuthn L3 §6.1.1). N cannot be
 * known, so the counter moves past any value a person could have used since: at least the number of
 * seconds since 2020-01-01, which grows faster than anyone signs in (one sign-in a second, around the
 * clock), and stays far below 2^32 for a century. A counter already higher (kept here, or in the
 * backup) only moves up by one.
 */
const EPOCH_2020_MS = Date.UTC(2020, 0, 1);

export function restoredCounter(inBackup: number, here: number | undefined, now: number): number {
  const floor = Math.floor((now - EPOCH_2020_MS) / 1000);
  return Math.min(0xffff_ffff, Math.max(inBackup + 1, (here ?? 0) + 1, floor));
}
