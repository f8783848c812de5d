/** In-memory ports for tests and benchmarks: no browser, no IndexedDB. */
import { sha256 } from '@noble/hashes/sha2.js';
import { equal, toBase64url, uint32be } from '../../shared/bytes.ts';
import { AuthenticatorError } from '../errors.ts';
import type {
  AuthenticatorPorts,
  CredentialStore,
  CredentialSummary,
  GetAssertionApproval,
  NewCredential,
  SigningKey,
  UserGate,
} from '../ports.ts';

export class MemoryStore implements CredentialStore {
  readonly records = new Map<string, NewCredential>();

  async findByIds(rpId: string, ids: Uint8Array[]): Promise<CredentialSummary[]> {
    return [...this.records.values()].filter(
      (r) => r.rpId === rpId && ids.some((id) => equal(id, r.credentialId)),
    );
  }

  async listDiscoverable(rpId: string): Promise<CredentialSummary[]> {
    return [...this.records.values()].filter((r) => r.rpId === rpId && r.discoverable);
  }

  async add(credential: NewCredential): Promise<void> {
    if (credential.discoverable) {
      for (const [key, r] of this.records) {
        if (r.discoverable && r.rpId === credential.rpId && equal(r.userHandle, credential.userHandle)) {
          this.records.delete(key);
        }
      }
    }
    this.records.set(toBase64url(credential.credentialId), { ...credential });
  }

  async useForSigning(rpId: string, credentialId: Uint8Array, now: number): Promise<SigningKey> {
    const r = this.records.get(toBase64url(credentialId));
    if (!r || r.rpId !== rpId) throw new Error('credential not found');
    r.signCount += 1;
    r.lastUsedAt = now;
    return {
      alg: r.alg,
      privateKey: r.privateKey,
      signCount: r.signCount,
      userHandle: r.userHandle,
      discoverable: r.discoverable,
    };
  }
}

/** A deterministic byte source: SHA-256 of a counter, so golden tests get the same keys every run. */
export function seededRandom(seed = 'tapkey-test'): { bytes(n: number): Uint8Array } {
  let counter = 0;
  return {
    bytes(n: number) {
      const out = new Uint8Array(n);
      for (let off = 0; off < n; off += 32) {
        const block = sha256(new Uint8Array([...new TextEncoder().encode(seed), ...uint32be(counter++)]));
        out.set(block.subarray(0, Math.min(32, n - off)), off);
      }
      return out;
    },
  };
}

export type GateScript = {
  create?: (request: Parameters<UserGate['approveMakeCredential']>[0]) => { userVerified: boolean };
  get?: (request: Parameters<UserGate['approveGetAssertion']>[0]) => GetAssertionApproval;
};

/** A gate that approves at once (the first candidate for get), or follows a script. */
export function approvingGate(script: GateScript = {}): UserGate & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async approveMakeCredential(request) {
      calls.push(`create:${request.rp.id}:${request.excluded ? 'excluded' : 'new'}`);
      return script.create ? script.create(request) : { userVerified: false };
    },
    async approveGetAssertion(request) {
      calls.push(`get:${request.rpId}:${request.candidates.length}`);
      if (script.get) return script.get(request);
      const first = request.candidates[0];
      if (!first) throw new AuthenticatorError('CTAP2_ERR_OPERATION_DENIED', 'nothing to choose');
      return { credentialId: first.credentialId, userVerified: false };
    },
  };
}

export function fakePorts(
  overrides: Partial<AuthenticatorPorts> = {},
): AuthenticatorPorts & { store: MemoryStore } {
  return {
    store: new MemoryStore(),
    gate: approvingGate(),
    random: seededRandom(),
    clock: { now: () => 1_790_000_000_000 },
    ...overrides,
  } as AuthenticatorPorts & { store: MemoryStore };
}
