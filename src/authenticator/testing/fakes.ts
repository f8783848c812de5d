/** In-memory ports for tests and benchmarks: no browser, no IndexedDB. */
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64url, uint32be, utf8 } from '../../shared/bytes.ts';
import { credentialInfo } from '../credential-info.ts';
import { AuthenticatorError } from '../errors.ts';
import type {
  AuthenticatorPorts,
  CredentialStore,
  CredentialSummary,
  GetAssertionApproval,
  LargeBlobOutcome,
  LookupPurpose,
  MakeCredentialApproval,
  NewCredential,
  SigningExtras,
  SigningKey,
  UserGate,
} from '../ports.ts';
import type { MakeCredentialParams } from '../types.ts';

/** A Map-based CredentialStore: what IndexedDB does, minus IndexedDB. */
export class MemoryStore implements CredentialStore {
  readonly records = new Map<string, NewCredential>();
  /** Large blobs by base64url credential id. */
  readonly largeBlobs = new Map<string, Uint8Array>();
  private readonly discoverableByUser = new Map<string, string>();

  async findByIds(rpId: string, ids: Uint8Array[], purpose: LookupPurpose): Promise<CredentialSummary[]> {
    const out: CredentialSummary[] = [];
    for (const id of ids) {
      const record = this.records.get(toBase64url(id));
      if (record && record.rpId === rpId && (purpose === 'exclude' || !record.hidden))
        out.push(summary(record));
    }
    return out;
  }

  async listDiscoverable(rpId: string): Promise<CredentialSummary[]> {
    return [...this.records.values()]
      .filter((r) => r.rpId === rpId && r.discoverable && !r.hidden)
      .map(summary);
  }

  async add(credential: NewCredential): Promise<void> {
    const id = toBase64url(credential.credentialId);
    if (credential.discoverable) {
      // CTAP 2.1 §6.1.2 step 17: a new discoverable credential replaces the one for the same user.
      const user = `${credential.rpId}\0${toBase64url(credential.userHandle)}`;
      const previous = this.discoverableByUser.get(user);
      if (previous !== undefined) this.records.delete(previous);
      this.discoverableByUser.set(user, id);
    }
    this.records.set(id, { ...credential });
  }

  async useForSigning(
    rpId: string,
    credentialId: Uint8Array,
    now: number,
    extras: SigningExtras = {},
  ): Promise<SigningKey> {
    const id = toBase64url(credentialId);
    const record = this.records.get(id);
    if (!record || record.rpId !== rpId) throw new Error('credential not found');
    record.signCount = (record.signCount + 1) >>> 0;
    record.lastUsedAt = now;
    const key = signingKeyOf(record, extras);
    const op = extras.largeBlob;
    if (op) {
      let outcome: LargeBlobOutcome;
      if ('write' in op) {
        if (record.largeBlob) {
          if (op.write.length > 0) this.largeBlobs.set(id, op.write.slice());
          else this.largeBlobs.delete(id);
        }
        outcome = { written: record.largeBlob === true };
      } else {
        const blob = record.largeBlob ? this.largeBlobs.get(id) : undefined;
        outcome = blob ? { blob: blob.slice() } : {};
      }
      key.largeBlob = outcome;
    }
    return key;
  }
}

/** The key material a stored record signs with (its counter as it is now), with its hmac-secret keys if asked. */
export function signingKeyOf(record: NewCredential, extras: SigningExtras = {}): SigningKey {
  const key: SigningKey = {
    alg: record.alg,
    privateKey: record.privateKey,
    signCount: record.signCount,
    userHandle: record.userHandle,
    discoverable: record.discoverable,
  };
  if (extras.prfSecrets && record.prfSecrets) key.prfSecrets = record.prfSecrets;
  return key;
}

function summary(r: NewCredential): CredentialSummary {
  return { credentialId: r.credentialId, userHandle: r.userHandle, ...credentialInfo(r) };
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
  create?: (request: Parameters<UserGate['approveMakeCredential']>[0]) => MakeCredentialApproval;
  get?: (request: Parameters<UserGate['approveGetAssertion']>[0]) => GetAssertionApproval;
};

/** A gate that approves at once with the user present (the first candidate for get), or follows a script. */
export function approvingGate(script: GateScript = {}): UserGate & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async approveMakeCredential(request) {
      calls.push(`create:${request.rp.id}:${request.excluded ? 'excluded' : 'new'}`);
      return script.create ? script.create(request) : { userPresent: true, userVerified: false };
    },
    async approveGetAssertion(request) {
      calls.push(`get:${request.rpId}:${request.candidates.length}`);
      if (script.get) return script.get(request);
      const first = request.candidates[0];
      if (!first) throw new AuthenticatorError('CTAP2_ERR_OPERATION_DENIED', 'nothing to choose');
      return { credentialId: first.credentialId, userPresent: true, userVerified: false };
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

/**
 * makeCredential's parameters as most tests need them: example.com, user-1 (alice), ES256, a
 * discoverable credential, UV discouraged, no attestation; `extra` changes any of it.
 */
export function creationParams(extra: Partial<MakeCredentialParams> = {}): MakeCredentialParams {
  return {
    clientDataHash: new Uint8Array(32).fill(1),
    rp: { id: 'example.com', name: 'Example' },
    user: { id: utf8('user-1'), name: 'alice', displayName: 'Alice' },
    pubKeyCredParams: [-7],
    excludeList: [],
    rk: true,
    uv: 'discouraged',
    attestation: 'none',
    ...extra,
  };
}

/**
 * Lets work started "while the user decides" run: task by task until `done()` says it has, or for
 * `tasks` tasks when it is expected not to start. That work waits for nextTask(), a message whose
 * order against a timer Node does not fix, so no fixed count of timers is enough.
 */
export async function whileDeciding(done: () => boolean = () => false, tasks = 100): Promise<void> {
  for (let i = 0; i < tasks && !done(); i++) await new Promise((resolve) => setImmediate(resolve));
  // The rest of that work is a few awaits once its store call has begun.
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
