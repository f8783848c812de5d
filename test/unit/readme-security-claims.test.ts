/**
 * README security claims: every sentence of the README's "Security rules the code keeps", one
 * test each, named after it. Claims that only a real browser (or the worker and popup, tested in
 * their own folders) can show name where they are tested instead. The last test fails when the
 * README's section gains a sentence that is in neither list.
 */
import 'fake-indexeddb/auto';
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { createAuthenticator } from '../../src/authenticator/create-authenticator.ts';
import { AuthenticatorError } from '../../src/authenticator/errors.ts';
import { getAssertion } from '../../src/authenticator/get-assertion.ts';
import { makeCredential } from '../../src/authenticator/make-credential.ts';
import type { AuthenticatorPorts, UserGate } from '../../src/authenticator/ports.ts';
import { approvingGate, fakePorts, seededRandom } from '../../src/authenticator/testing/fakes.ts';
import type { MakeCredentialParams } from '../../src/authenticator/types.ts';
import { callerContext } from '../../src/client/caller.ts';
import { createCredential, getCredential } from '../../src/client/ceremony.ts';
import { effectiveDomain, validateRpId } from '../../src/client/rp-id.ts';
import { TOP_LEVEL_FRAME } from '../../src/client/testing/frame-facts.ts';
import type { CallerContext } from '../../src/client/types.ts';
import { summaryView } from '../../src/messages/summary-view.ts';
import { toBase64url, toHex, utf8 } from '../../src/shared/bytes.ts';
import { outcomeOf } from '../../src/shared/testing/thrown.ts';
import { IdbCredentialStore } from '../../src/storage/credential-store.ts';
import { openVault, type VaultDB } from '../../src/storage/open-vault.ts';
import { IdbOtpStore } from '../../src/storage/otp-store.ts';
import type { SealedBytes, VaultKeyRecord } from '../../src/storage/schema.ts';
import { importVaultKey } from '../../src/storage/seal.ts';
import { memoryCache, sampleAccount, sampleCredential } from '../../src/storage/testing/fixtures.ts';
import {
  type PinKeyDerivation,
  pinRetries,
  rawVaultKey,
  removePin,
  resetVault,
  setPin,
  unlockWithPin,
  VaultLockedError,
  vaultCryptoKey,
} from '../../src/storage/vault-key.ts';

const ROOT = join(import.meta.dirname, '../..');

let n = 0;
async function vault() {
  const db = await openVault(`readme-claims-${n++}`);
  const cache = memoryCache();
  const key = () => vaultCryptoKey(db, cache);
  return { db, cache, credentials: new IdbCredentialStore(db, key), codes: new IdbOtpStore(db, key) };
}

/** AES-256-GCM open with node:crypto, independent of the WebCrypto code that sealed it. */
function gcmOpen(key: Uint8Array, sealed: SealedBytes, aad: Uint8Array): Uint8Array {
  expect(key.length).toBe(32);
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv).setAAD(aad);
  decipher.setAuthTag(sealed.ciphertext.subarray(-16));
  return new Uint8Array(
    Buffer.concat([decipher.update(sealed.ciphertext.subarray(0, -16)), decipher.final()]),
  );
}

/** Records the transactions `db` opens: their stores, mode and durability. */
function recordTransactions(db: VaultDB) {
  const seen: { stores: string; mode: string; durability: string }[] = [];
  const native = db.transaction.bind(db);
  (db as { transaction: unknown }).transaction = ((...args: Parameters<VaultDB['transaction']>) => {
    const tx = native(...args);
    seen.push({
      stores: [...tx.objectStoreNames].sort().join(','),
      mode: tx.mode,
      durability: (tx as unknown as { durability: string }).durability,
    });
    return tx;
  }) as VaultDB['transaction'];
  return {
    /** The read-write transactions `run` opened. */
    async writesOf(run: () => Promise<unknown>) {
      const from = seen.length;
      await run();
      return seen.slice(from).filter((t) => t.mode === 'readwrite');
    },
  };
}

/** A gate that records what it was shown, then does what `answer` says (cancel by throwing). */
function recordingGate(answer: 'approve' | 'cancel'): UserGate & { shown: unknown[] } {
  const shown: unknown[] = [];
  const cancel = () => {
    throw new AuthenticatorError('CTAP2_ERR_OPERATION_DENIED', 'the user cancelled');
  };
  return {
    shown,
    async approveMakeCredential(request) {
      shown.push({ create: request.rp.id, excluded: request.excluded });
      if (answer === 'cancel') cancel();
      return { userPresent: true, userVerified: false };
    },
    async approveGetAssertion(request) {
      shown.push({ get: request.rpId, candidates: request.candidates.length });
      if (answer === 'cancel' || !request.candidates[0]) return cancel();
      return { credentialId: request.candidates[0].credentialId, userPresent: true, userVerified: false };
    },
  };
}

const CALLER: CallerContext = { origin: 'https://login.example.com', sameOriginWithAncestors: true };
const createOptions = (extra: Record<string, unknown> = {}) => ({
  rp: { id: 'example.com', name: 'Example' },
  user: { id: toBase64url(utf8('user-1')), name: 'alice', displayName: 'Alice' },
  challenge: toBase64url(new Uint8Array(32).fill(7)),
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  ...extra,
});

/** An authenticatorMakeCredential request, as the client would send it. */
const CREATE: MakeCredentialParams = {
  clientDataHash: new Uint8Array(32),
  rp: { id: 'example.com', name: 'Example' },
  user: { id: utf8('u'), name: 'u', displayName: 'U' },
  pubKeyCredParams: [-7],
  excludeList: [],
  rk: false,
  uv: 'discouraged',
  attestation: 'none',
};

interface Claim {
  /** The README's words, exactly (whitespace aside). */
  sentence: string;
  /** A test here, in Node. */
  test?: () => Promise<void> | void;
  /** Or where it is tested (or why nothing can), for claims of the worker, popup or browser. */
  elsewhere?: string;
}

const CLAIMS: Claim[] = [
  {
    sentence:
      "Permissions (`manifest.json`), each for one reason: `storage` (the vault's settings and session state), `activeTab` + `scripting` (scan, fill and clock check on the tab the user invoked Tapkey on), `clipboardWrite` + `offscreen` (copy a code, clear it 30 s later; the offscreen slot also preloads the prompt's page, unseen, when a page probes WebAuthn), `alarms` (auto-lock after a period without use, even when the worker was stopped), `favicon` (site icons from the browser's own cache), `sidePanel` (the developer workbench beside the page).",
    test() {
      // Exactly the permissions the sentence names, no more: one added to the manifest needs its reason here.
      const named = [...CLAIMS[0]!.sentence.matchAll(/`([a-zA-Z]+)`/g)].map((m) => m[1]);
      expect([...manifest.permissions].sort()).toEqual(named.sort());
    },
  },
  {
    sentence: 'No host permissions: content scripts only relay WebAuthn calls.',
    test() {
      const keys = Object.keys(manifest);
      expect(keys).not.toContain('host_permissions');
      expect(keys).not.toContain('optional_host_permissions');
      expect(keys).not.toContain('optional_permissions');
      expect(manifest.content_scripts.flatMap((c) => c.js).sort()).toEqual([
        'src/content/relay.ts',
        'src/page/page-script.ts',
      ]);
    },
  },
  {
    sentence:
      'One web-accessible resource, the autofill list `offer/offer.html`, with `use_dynamic_url` (its URL changes every session, so pages cannot probe for it).',
    test() {
      // The built manifest is what Chrome reads: test/e2e/autofill.spec.ts "a page cannot load the
      // list itself: its static URL is refused (use_dynamic_url)".
      expect(manifest.web_accessible_resources).toEqual([
        expect.objectContaining({ resources: ['offer/offer.html'], use_dynamic_url: true }),
      ]);
    },
  },
  {
    sentence: "The caller's origin is `sender.origin` from the browser, never page data;",
    elsewhere:
      'src/background/ceremony/page-door-rules.test.ts: "takes sender.origin…", "prefers sender.origin…"; e2e test/e2e/frames.spec.ts shows the sub-origin of a frame in the prompt',
  },
  {
    sentence:
      'a sender without an origin, with an opaque one, without a tab or without a frame id is refused.',
    elsewhere:
      'src/background/ceremony/page-door-rules.test.ts: the opaque / data: / about:blank cases, "no tab", "a tab without an id", "no frame id"',
  },
  {
    sentence:
      'A `resume` must come from the same tab, frame and origin that began the request, and ask exactly what it asked (a digest of kind, origin and options is kept with the request), both while the request runs and after a worker restart;',
    elsewhere:
      'src/background/ceremony/page-door-rules.test.ts: "while it runs: another tab / another frame / after navigating to another origin", "after a restart: …", "asks something else"; page-door.test.ts',
  },
  {
    sentence: 'a refused resume leaves the request it named alone.',
    elsewhere:
      'src/background/ceremony/page-door-rules.test.ts: the after-restart refusals keep the record; ceremony-flow.test.ts',
  },
  {
    sentence:
      'Runtime messages are answered only from our own pages (our extension id and a URL under it), never from a content script.',
    elsewhere:
      'src/background/ceremony/ceremony-flow.test.ts: a content-script sender and another extension are refused',
  },
  {
    sentence:
      "RP IDs: equal to the origin's host or a registrable suffix of it under the Public Suffix List (`tldts`, private domains included, so `github.io` and `appspot.com` are never RP IDs);",
    test() {
      expect(validateRpId('login.example.com', 'https://login.example.com')).toBe('login.example.com');
      expect(validateRpId('example.com', 'https://login.example.com')).toBe('example.com');
      for (const [rpId, origin] of [
        ['accounts.example.com', 'https://evilaccounts.example.com'],
        ['login.example.com', 'https://example.com'],
        ['github.io', 'https://alice.github.io'],
        ['appspot.com', 'https://app.appspot.com'],
        ['co.uk', 'https://shop.co.uk'],
      ]) {
        expect(
          outcomeOf(() => validateRpId(rpId!, origin!)),
          `${rpId} from ${origin}`,
        ).toBe('SecurityError');
      }
    },
  },
  {
    sentence: '`https:` only, except `localhost`/`*.localhost`;',
    test() {
      expect(outcomeOf(() => effectiveDomain('http://example.com'))).toBe('SecurityError');
      expect(effectiveDomain('https://example.com')).toBe('example.com');
      expect(effectiveDomain('http://localhost:8080')).toBe('localhost');
      expect(effectiveDomain('http://app.localhost')).toBe('app.localhost');
    },
  },
  {
    sentence: 'IP hosts are rejected as the spec\'s "valid domain" rule says.',
    test() {
      for (const origin of [
        'https://127.0.0.1',
        'http://127.0.0.1:3000',
        'https://[::1]',
        'https://[2001:db8::1]',
      ]) {
        expect(
          outcomeOf(() => effectiveDomain(origin)),
          origin,
        ).toBe('SecurityError');
      }
    },
  },
  {
    sentence:
      "The authenticator itself signs and stores nothing without the user's presence, nor without user verification when the site requires it, whatever the prompt reports (CTAP 2.1's `CTAP2_ERR_OPERATION_DENIED` and `CTAP2_ERR_PUAT_REQUIRED`; the page sees `NotAllowedError`).",
    async test() {
      // More cases, and each refusal before the store is touched: src/authenticator/user-checks.test.ts.
      const ports = fakePorts();
      const signIn = {
        challenge: toBase64url(new Uint8Array(32)),
        rpId: 'example.com',
        userVerification: 'required',
      };
      for (const [approval, code] of [
        [{ userPresent: false, userVerified: true }, 'CTAP2_ERR_OPERATION_DENIED'],
        [{ userPresent: true, userVerified: false }, 'CTAP2_ERR_PUAT_REQUIRED'],
      ] as const) {
        const gate = approvingGate({
          create: () => approval,
          get: (r) => ({ credentialId: r.candidates[0]!.credentialId, ...approval }),
        });
        const key = createAuthenticator({ ...ports, gate });
        await expect(key.makeCredential({ ...CREATE, rk: true, uv: 'required' })).rejects.toMatchObject({
          code,
        });
        await expect(
          createCredential(
            createOptions({ authenticatorSelection: { userVerification: 'required' } }),
            CALLER,
            key,
          ),
        ).rejects.toMatchObject({ name: 'NotAllowedError' });
        expect(ports.store.records.size).toBe(0);
      }
      // With a credential stored: no signature, and its counter stays where it was.
      await makeCredential({ ...CREATE, rk: true }, ports);
      for (const approval of [
        { userPresent: false, userVerified: true },
        { userPresent: true, userVerified: false },
      ]) {
        const gate = approvingGate({
          get: (r) => ({ credentialId: r.candidates[0]!.credentialId, ...approval }),
        });
        await expect(
          getCredential(signIn, CALLER, createAuthenticator({ ...ports, gate })),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
        });
      }
      expect([...ports.store.records.values()].map((r) => r.signCount)).toEqual([0]);
    },
  },
  {
    sentence: 'Excluded credentials and "no passkey here" are revealed only after the user\'s tap;',
    async test() {
      const ports = fakePorts();
      const made = await makeCredential(CREATE, ports);
      // Cancelled at the prompt: the page learns only that the user said no, not that it is excluded.
      const cancelled = recordingGate('cancel');
      const again = { ...CREATE, excludeList: [made.credentialId] };
      await expect(makeCredential(again, { ...ports, gate: cancelled })).rejects.toMatchObject({
        code: 'CTAP2_ERR_OPERATION_DENIED',
      });
      const tapped = recordingGate('approve');
      await expect(makeCredential(again, { ...ports, gate: tapped })).rejects.toMatchObject({
        code: 'CTAP2_ERR_CREDENTIAL_EXCLUDED',
      });
      expect(tapped.shown).toEqual([{ create: 'example.com', excluded: true }]);
      // No passkey here: the prompt is still shown (with nothing to choose) before the refusal.
      const empty = recordingGate('approve');
      const get = {
        rpId: 'other.example',
        clientDataHash: new Uint8Array(32),
        allowList: [],
        uv: 'discouraged' as const,
      };
      await expect(getAssertion(get, { ...ports, gate: empty })).rejects.toBeInstanceOf(AuthenticatorError);
      expect(empty.shown).toEqual([{ get: 'other.example', candidates: 0 }]);
    },
  },
  {
    sentence: 'algorithm and cancel failures are all `NotAllowedError`, so sites cannot probe silently.',
    async test() {
      const noAlgorithm = createOptions({ pubKeyCredParams: [{ type: 'public-key', alg: -257 }] });
      const key = (gate: UserGate) => createAuthenticator(fakePorts({ gate }));
      await expect(createCredential(noAlgorithm, CALLER, key(approvingGate()))).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      await expect(
        createCredential(createOptions(), CALLER, key(recordingGate('cancel'))),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      const signIn = { challenge: toBase64url(new Uint8Array(32)), rpId: 'example.com' };
      await expect(getCredential(signIn, CALLER, key(recordingGate('cancel')))).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
    },
  },
  {
    sentence: 'One pending request per tab (frames included);',
    elsewhere:
      'src/background/ceremony/page-door.test.ts: "one pending request per tab: a frame of the same tab cannot queue a second"; e2e test/e2e/resilience.spec.ts "several pending requests queue, one prompt each"',
  },
  {
    sentence:
      'only the tab in front, with a visible document that has the focus or was just clicked, may ask (read in the isolated world, where the page cannot forge it);',
    elsewhere:
      'src/background/ceremony/page-door.test.ts: "an unfocused document without a user gesture cannot begin"; e2e test/e2e/resilience.spec.ts "a background tab cannot pop up a prompt"',
  },
  {
    sentence: "cross-origin frames need the embedder's permissions policy and, for create, a user gesture.",
    test() {
      const origin = 'https://sub.example.com';
      const frame = { ...TOP_LEVEL_FRAME, ancestorOrigins: ['https://embedder.example'] };
      const refused = (kind: 'create' | 'get', facts: typeof frame) =>
        outcomeOf(() => callerContext(origin, false, kind, facts));
      expect(refused('get', { ...frame, permissionsPolicyAllows: false })).toBe('NotAllowedError');
      expect(
        refused('create', { ...frame, permissionsPolicyAllows: false, hasTransientActivation: true }),
      ).toBe('NotAllowedError');
      expect(refused('create', frame)).toBe('NotAllowedError');
      expect(refused('get', frame)).toBe('ok');
      expect(refused('create', { ...frame, hasTransientActivation: true })).toBe('ok');
    },
  },
  {
    sentence:
      'Approve never takes the focus, is armed half a second after a prompt appears (a second when it replaced another), and ignores held-down keys;',
    elsewhere:
      'the popup: e2e test/e2e/ceremonies.spec.ts "keyboard: a stray Enter never approves; Tab to Approve and Enter does" (held-down keys), "a prompt that replaces another on screen waits a full second before Approve arms"; popup unit tests (the worker-tests helper)',
  },
  {
    sentence: 'Enter approves only from the PIN field or the chosen account.',
    elsewhere:
      'e2e test/e2e/ceremonies.spec.ts "keyboard: a stray Enter never approves; Tab to Approve and Enter does"',
  },
  {
    sentence:
      'Aborts, closed tabs and deadlines remove the prompt wherever the ceremony is, and every request is answered by its deadline whatever fails (the worker races the ceremony against it; the relay keeps a deadline of its own, 5 s later).',
    elsewhere:
      'src/background/ceremony/page-door.test.ts ("a ceremony that never settles is answered NotAllowedError at its deadline", "a closed tab aborts its request"), src/content/relay-request.test.ts ("a worker that never answers: NotAllowedError after the timeout and a grace period"), e2e test/e2e/ceremonies.spec.ts ("abort signal: AbortError, and the prompt goes away", "timeout expiry: NotAllowedError")',
  },
  {
    sentence:
      'Every write that must survive a crash (new credentials, counters, PIN attempts, codes, reset) is one IndexedDB transaction with `durability: "strict"`;',
    async test() {
      const { db, cache } = await vault();
      // The key fetched once, as the worker's Vault keeps it: only the writes themselves are recorded.
      const key = await vaultCryptoKey(db, cache);
      const credentials = new IdbCredentialStore(db, async () => key);
      const codes = new IdbOtpStore(db, async () => key);
      const tx = recordTransactions(db);
      const strictOne = (stores: string) => [{ stores, mode: 'readwrite', durability: 'strict' }];
      expect(await tx.writesOf(() => credentials.add(sampleCredential(1)))).toEqual(strictOne('credentials'));
      // One made while its prompt waits is staged strictly; the approval only moves it (recoverable).
      expect(await tx.writesOf(() => credentials.stageFor(sampleCredential(2), 'request'))).toEqual(
        strictOne('staged'),
      );
      // A new credential's first block of counter values is stored with it (the add above). A worker
      // that did not add it reserves a block, strictly, before it uses any value of it.
      const restarted = new IdbCredentialStore(db, async () => key);
      expect(
        await tx.writesOf(() => restarted.useForSigning('example.com', Uint8Array.of(1, 1, 1), 1)),
      ).toEqual(strictOne('credentials'));
      expect(
        await tx.writesOf(() => codes.add([sampleAccount('X', 'hotp', 0x44, { kind: 'hotp' })])),
      ).toEqual(strictOne('otpAccounts'));
      const [hotp] = await codes.list();
      expect(await tx.writesOf(() => codes.nextHotp(hotp!.id))).toEqual(strictOne('otpAccounts'));
      await setPin(db, cache, '1234');
      const wrong: PinKeyDerivation = () => importVaultKey(new Uint8Array(32));
      expect(await tx.writesOf(() => unlockWithPin(db, cache, '0000', wrong).catch(() => undefined))).toEqual(
        strictOne('meta'),
      );
      expect(await tx.writesOf(() => resetVault(db, cache))).toEqual(
        strictOne('credentials,meta,otpAccounts,staged'),
      );
    },
  },
  {
    sentence:
      'a test kills the browser with SIGKILL while sign-ins run and signs in again past every counter the site saw.',
    elsewhere:
      'e2e test/e2e/crash.spec.ts "a browser killed while sign-ins run: after relaunch the counter is past any the site saw"',
  },
  {
    sentence: 'A new passkey is written that way while its prompt waits, where no lookup sees it;',
    elsewhere:
      'src/storage/staged-credential.test.ts ("is on disk at once (strictly) and unseen by every lookup"); the strict write is also checked in the claim above',
  },
  {
    sentence:
      'Approve moves it among the passkeys (a move a crash lost is redone by the next worker), and Cancel deletes it.',
    elsewhere:
      'src/storage/staged-credential.test.ts ("becomes a credential on approval…", "is kept as a credential when its request did not come back…", "is forgotten when the user refuses"), src/authenticator/stage-ahead.test.ts',
  },
  {
    sentence:
      'Private keys and OTP secrets are AES-256-GCM encrypted in IndexedDB with a vault key bound to each record (AAD).',
    async test() {
      const { db, cache, credentials, codes } = await vault();
      await credentials.add(sampleCredential(1));
      const [codeId] = (await codes.add([sampleAccount('X', 'y', 0x5a)])).addedIds;
      const raw = await rawVaultKey(db, cache);
      const record = (await db.get('credentials', toBase64url(Uint8Array.of(1, 1, 1))))!;
      const account = (await db.get('otpAccounts', codeId!))!;
      // The AAD names the record: its site and id (credentials), its id (codes).
      const keyAad = utf8(`tapkey credential v1\0example.com\0${record.id}`);
      expect(gcmOpen(raw, record.privateKey, keyAad)).toEqual(new Uint8Array(32).fill(0xab));
      expect(gcmOpen(raw, account.secret, utf8(`tapkey otp v1\0${codeId}`))).toEqual(
        new Uint8Array(20).fill(0x5a),
      );
      // Bound: the same ciphertext under another record's AAD does not open.
      expect(() =>
        gcmOpen(raw, record.privateKey, utf8(`tapkey credential v1\0example.com\0other`)),
      ).toThrow();
      expect(() => gcmOpen(raw, account.secret, utf8('tapkey otp v1\0other'))).toThrow();
    },
  },
  {
    sentence:
      'With a PIN set, the vault key is wrapped by PBKDF2-SHA256 (600,000 iterations) of the PIN, and every PIN change makes a new vault key (everything re-sealed in one transaction);',
    async test() {
      const { db, cache, credentials, codes } = await vault();
      await credentials.add(sampleCredential(1));
      await codes.add([sampleAccount('X', 'y', 0x5a)]);
      await setPin(db, cache, '1234');
      const first = cache.value!;
      const wrapped = (await db.get('meta', 'vaultKey')) as VaultKeyRecord & { kind: 'pin' };
      const pinKey = pbkdf2Sync('1234', wrapped.salt, 600_000, 32, 'sha256');
      expect(gcmOpen(pinKey, wrapped.wrapped, utf8('tapkey vault key v1'))).toEqual(first);
      // A change: a new key, and one read-write transaction that re-seals both stores and the key.
      const tx = recordTransactions(db);
      const writes = await tx.writesOf(() => setPin(db, cache, '5678'));
      expect(cache.value).not.toEqual(first);
      expect(writes.filter((t) => t.stores !== 'meta')).toEqual([
        { stores: 'credentials,meta,otpAccounts,staged', mode: 'readwrite', durability: 'strict' },
      ]);
      const record = (await db.get('credentials', toBase64url(Uint8Array.of(1, 1, 1))))!;
      const aad = utf8(`tapkey credential v1\0example.com\0${record.id}`);
      expect(gcmOpen(cache.value!, record.privateKey, aad)).toEqual(new Uint8Array(32).fill(0xab));
      expect(() => gcmOpen(first, record.privateKey, aad)).toThrow();
    },
  },
  {
    sentence:
      "eight wrong PINs in a row block it, as CTAP's PIN retries do (each attempt is counted before the slow derivation, one at a time), and then only **Reset** (erase everything, as CTAP's authenticatorReset) makes the key usable again.",
    async test() {
      const { db, cache, credentials } = await vault();
      await credentials.add(sampleCredential(1));
      await setPin(db, cache, '1234');
      const seen: number[] = [];
      const wrong: PinKeyDerivation = async () => {
        seen.push(await pinRetries(db));
        return importVaultKey(new Uint8Array(32));
      };
      const guesses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          unlockWithPin(db, memoryCache(), `000${i}`, wrong).catch((e) => e.reason),
        ),
      );
      expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
      expect(guesses).toEqual([...Array(7).fill('wrong'), 'blocked']);
      // After a restart the key is locked, and nothing opens it: not the right PIN, not removing it.
      const restarted = memoryCache();
      await expect(rawVaultKey(db, restarted)).rejects.toBeInstanceOf(VaultLockedError);
      await expect(unlockWithPin(db, restarted, '1234')).rejects.toMatchObject({ reason: 'blocked' });
      await expect(removePin(db, restarted, '1234')).rejects.toMatchObject({ reason: 'blocked' });
      // Reset erases everything and gives a usable (new, PIN-less) key.
      await resetVault(db, restarted);
      expect(await db.count('credentials')).toBe(0);
      expect(await pinRetries(db)).toBe(8);
      expect((await rawVaultKey(db, restarted)).length).toBe(32);
    },
  },
  {
    sentence: 'Without a PIN the popup says plainly that only the browser profile protects the keys.',
    elsewhere:
      'the popup (popup/passkeys/protection-notice.ts, popup/settings/lock-section.ts): popup unit tests (the worker-tests helper); no e2e test checks these words today',
  },
  {
    sentence:
      'A short PIN protects against casual access, not against someone who copies the profile and can try every 4-digit PIN offline: choose a longer one for that.',
    async test() {
      const { db, cache } = await vault();
      await setPin(db, cache, '1234');
      // The copy: the wrapped key record. Offline, a guess costs one PBKDF2 and no retry is counted.
      const copy = (await db.get('meta', 'vaultKey')) as VaultKeyRecord & { kind: 'pin' };
      const guess = pbkdf2Sync('1234', copy.salt, copy.iterations, 32, 'sha256');
      expect(gcmOpen(guess, copy.wrapped, utf8('tapkey vault key v1'))).toEqual(cache.value);
      expect(await pinRetries(db)).toBe(8);
    },
  },
  {
    sentence:
      'Private keys are never logged, never sent to a page and never sent to the popup (it sees summaries).',
    async test() {
      const logged = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
        vi.spyOn(console, m).mockImplementation(() => undefined),
      );
      const { db, cache, credentials } = await vault();
      await setPin(db, cache, '1234');
      const ports: AuthenticatorPorts = {
        store: credentials,
        gate: approvingGate({
          create: () => ({ userPresent: true, userVerified: true }),
          get: (r) => ({
            credentialId: r.candidates[0]!.credentialId,
            userPresent: true,
            userVerified: true,
          }),
        }),
        random: seededRandom('readme-claims'),
        clock: { now: () => 1 },
      };
      const required = { authenticatorSelection: { residentKey: 'required', userVerification: 'required' } };
      const reg = await createCredential(createOptions(required), CALLER, createAuthenticator(ports));
      const signIn = {
        challenge: toBase64url(new Uint8Array(32)),
        rpId: 'example.com',
        userVerification: 'required',
      };
      const assertion = await getCredential(signIn, CALLER, createAuthenticator(ports));
      const record = (await db.get('credentials', reg.id))!;
      const privateKey = gcmOpen(
        cache.value!,
        record.privateKey,
        utf8(`tapkey credential v1\0example.com\0${reg.id}`),
      );
      const forms = [toBase64url(privateKey), toHex(privateKey), Array.from(privateKey).join(',')];
      const toPage = JSON.stringify([reg, assertion]);
      // What the worker lists for the popup holds summaries only, and the popup gets their views.
      const summaries = await credentials.listAll();
      expect(JSON.stringify(summaries)).not.toMatch(/privateKey|prfSecrets/);
      const toPopup = JSON.stringify(summaries.map(summaryView));
      for (const form of forms) {
        expect(toPage).not.toContain(form);
        expect(toPopup).not.toContain(form);
      }
      expect(toPopup).not.toMatch(/privateKey|prfSecrets|largeBlob"/);
      expect(logged.flatMap((spy) => spy.mock.calls)).toEqual([]);
    },
  },
  {
    sentence: 'OTP secrets do reach the popup, which computes the codes it shows;',
    elsewhere:
      'a design statement (the popup computes codes: popup/codes); e2e test/e2e/otp-manual.spec.ts checks the codes it shows against oathtool',
  },
  {
    sentence: 'they never reach a page.',
    elsewhere:
      'the worker’s fill (src/background/codes) sends codes only: worker unit tests (the worker-tests helper); no e2e test inspects what the page receives today',
  },
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README security claims', () => {
  for (const claim of CLAIMS) if (claim.test) it(claim.sentence, claim.test, 60_000);

  it('claims tested elsewhere say where (or why nothing can)', () => {
    for (const claim of CLAIMS)
      expect(Boolean(claim.test) !== Boolean(claim.elsewhere), claim.sentence).toBe(true);
  });

  it('every sentence of the README’s "Security rules the code keeps" is one of these claims', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('### Security rules the code keeps');
    const end = readme.indexOf('\n## ', start);
    expect(start).toBeGreaterThan(0);
    let section = readme
      .slice(start, end)
      .replace('### Security rules the code keeps', '')
      .split(/\s+/)
      .join(' ');
    for (const { sentence } of CLAIMS) {
      expect(section, `README no longer says: ${sentence}`).toContain(sentence);
      section = section.replace(sentence, '');
    }
    // What is left is only the list's bullets and the spaces between sentences.
    expect(section.replace(/[\s-]/g, '')).toBe('');
  });
});
