/** Shared test fixtures for the storage layer: an in-memory unlocked-key cache and sample records. */
import type { NewCredential } from '../../authenticator/ports.ts';
import { utf8 } from '../../shared/bytes.ts';
import type { OtpAccount } from '../../totp/types.ts';
import type { UnlockedKeyCache } from '../vault-key.ts';

/** The session cache in memory; `value` is what a browser restart would forget. */
export function memoryCache(): UnlockedKeyCache & { value?: Uint8Array } {
  const cache: UnlockedKeyCache & { value?: Uint8Array } = {
    async get() {
      return cache.value;
    },
    async set(raw) {
      cache.value = raw;
    },
    async clear() {
      cache.value = undefined;
    },
  };
  return cache;
}

/** A credential whose ids and key bytes are recognisable: `id` three times, the key all 0xab. */
export function sampleCredential(id: number, extra: Partial<NewCredential> = {}): NewCredential {
  return {
    credentialId: Uint8Array.of(id, id, id),
    rpId: 'example.com',
    rpName: 'Example',
    userHandle: utf8(`user-${id}`),
    userName: `user${id}`,
    userDisplayName: `User ${id}`,
    discoverable: true,
    alg: -7,
    signCount: 0,
    createdAt: 1,
    lastUsedAt: null,
    privateKey: new Uint8Array(32).fill(0xab),
    publicKeyCose: Uint8Array.of(1),
    ...extra,
  };
}

/** A TOTP account with a recognisable 20-byte secret (`fill` repeated). */
export function sampleAccount(
  issuer: string,
  name: string,
  fill = 0x41,
  extra: Partial<OtpAccount> = {},
): OtpAccount {
  return {
    kind: 'totp',
    issuer,
    accountName: name,
    secret: new Uint8Array(20).fill(fill),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    extra: {},
    ...extra,
  };
}
