/**
 * Where the unlocked vault key waits between service-worker restarts: memory first, then
 * `chrome.storage.session` (memory-only, extension pages only), never disk.
 */
import { fromBase64url, toBase64url } from '../../shared/bytes.ts';
import type { UnlockedKeyCache } from '../../storage/vault-key.ts';
import { readSession, removeSession, updateSession } from '../session-state.ts';

const SESSION_KEY = 'unlockedVaultKey';

export function sessionKeyCache(): UnlockedKeyCache {
  let memoryKey: Uint8Array | undefined;
  return {
    async get() {
      if (memoryKey) return memoryKey;
      const stored = await readSession<string | null>(SESSION_KEY, null);
      if (stored) memoryKey = fromBase64url(stored);
      return memoryKey;
    },
    async set(raw) {
      memoryKey = raw;
      await updateSession(SESSION_KEY, null as string | null, () => ({
        value: toBase64url(raw),
        result: undefined,
      }));
    },
    async clear() {
      memoryKey = undefined;
      await removeSession(SESSION_KEY);
    },
  };
}
