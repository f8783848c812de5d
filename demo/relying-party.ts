// The WebAuthn side of the demo relying party, verified by @simplewebauthn/server (independent of
// the extension's own code, so a passing ceremony means a real relying party would accept it).
import { randomBytes } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { cose, decodeCredentialPublicKey, isoBase64URL } from '@simplewebauthn/server/helpers';
import {
  HttpError,
  isRecord,
  optionalBoolean,
  optionalEnum,
  optionalString,
  requiredString,
} from './http-util.ts';

export const RP_NAME = 'Tapkey demo';
/** ES256, EdDSA, RS256: what the brief asks the demo to offer, in order of preference. */
export const SUPPORTED_ALGORITHM_IDS = [-7, -8, -257];
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const MAX_PENDING = 1000;

const USER_VERIFICATION = ['discouraged', 'preferred', 'required'] as const;
/** WebAuthn L3 §10.1.5: what a sign-in may do with the credential's large blob. */
const LARGE_BLOB = ['none', 'read', 'write'] as const;
/** Chrome's limit on a large-blob write, and the PRF input limit (bytes of UTF-8 here). */
const MAX_LARGE_BLOB_TEXT = 2048;
const MAX_PRF_INPUT_TEXT = 256;
const RESIDENT_KEY = ['discouraged', 'preferred', 'required'] as const;
/** @simplewebauthn/server 14 offers these three (no 'indirect'). */
const ATTESTATION = ['none', 'direct', 'enterprise'] as const;
type UserVerification = (typeof USER_VERIFICATION)[number];

export interface StoredCredential {
  id: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports: string[];
  rpID: string;
  createdAt: string;
}

interface User {
  username: string;
  /** base64url of the WebAuthn user handle (user.id). */
  id: string;
  credentials: StoredCredential[];
}

interface PendingCeremony {
  kind: 'register' | 'login';
  challenge: string;
  rpID: string;
  origin: string;
  username: string | undefined;
  /** For registration: the user handle offered in the options. */
  userID: string | undefined;
  userVerification: UserVerification;
  expiresAt: number;
}

export interface RelyingPartyRequest {
  rpID: string;
  origin: string;
  body: Record<string, unknown>;
}

/** In-memory users and pending challenges; one per server instance. */
export class DemoRelyingParty {
  private readonly users = new Map<string, User>();
  /** Keyed by challenge, so several tabs (or the discoverable flow, which has no username) can overlap. */
  private readonly pending = new Map<string, PendingCeremony>();

  constructor(private readonly now: () => number = Date.now) {}

  reset(): void {
    this.users.clear();
    this.pending.clear();
  }

  listUsers(): unknown {
    return [...this.users.values()].map((user) => ({
      username: user.username,
      userHandle: user.id,
      credentials: user.credentials.map((c) => ({
        id: c.id,
        counter: c.counter,
        transports: c.transports,
        rpID: c.rpID,
        publicKeyAlgorithm: publicKeyAlgorithm(c.publicKey),
        createdAt: c.createdAt,
      })),
    }));
  }

  async registrationOptions(req: RelyingPartyRequest): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const username = requiredString(req.body, 'username');
    const attestation = optionalEnum(req.body, 'attestation', ATTESTATION) ?? 'none';
    const residentKey = optionalEnum(req.body, 'residentKey', RESIDENT_KEY) ?? 'preferred';
    const userVerification = optionalEnum(req.body, 'userVerification', USER_VERIFICATION) ?? 'preferred';
    const excludeExisting = optionalBoolean(req.body, 'excludeExisting') ?? true;
    // WebAuthn L3 §10.1.4 prf and §10.1.5 largeBlob: ask whether the credential can do them.
    const askExtensions = optionalBoolean(req.body, 'prfAndLargeBlob') ?? false;

    const user = this.users.get(username);
    const userID = user ? isoBase64URL.toBuffer(user.id) : new Uint8Array(randomBytes(16));
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: req.rpID,
      userName: username,
      userDisplayName: username,
      userID,
      attestationType: attestation,
      excludeCredentials:
        excludeExisting && user
          ? user.credentials
              .filter((c) => c.rpID === req.rpID)
              .map((c) => ({ id: c.id, transports: c.transports }))
          : [],
      authenticatorSelection: { residentKey, userVerification },
      supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
    });
    if (askExtensions) {
      // @simplewebauthn/server's types have no largeBlob; the JSON goes to the page as it is.
      const extensions: Record<string, unknown> = {
        ...options.extensions,
        prf: {},
        largeBlob: { support: 'preferred' },
      };
      options.extensions = extensions as PublicKeyCredentialCreationOptionsJSON['extensions'];
    }
    this.remember({
      kind: 'register',
      challenge: options.challenge,
      rpID: req.rpID,
      origin: req.origin,
      username,
      userID: isoBase64URL.fromBuffer(userID),
      userVerification,
      expiresAt: this.now() + CHALLENGE_TTL_MS,
    });
    return options;
  }

  async registrationVerify(req: RelyingPartyRequest): Promise<unknown> {
    const username = requiredString(req.body, 'username');
    const response = credentialResponse(req.body) as unknown as RegistrationResponseJSON;
    const pending = this.takePending(response, 'register', req);
    if (pending.username !== username) {
      throw new HttpError(
        400,
        `challenge was issued for ${JSON.stringify(pending.username)}, not ${username}`,
      );
    }
    const { verified, registrationInfo } = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: req.origin,
      expectedRPID: req.rpID,
      requireUserVerification: pending.userVerification === 'required',
      supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
    });
    if (!verified) throw new HttpError(400, 'registration response did not verify');

    const { credential } = registrationInfo;
    const existing = this.findCredential(credential.id);
    if (existing) throw new HttpError(400, `credential ${credential.id} is already registered`);
    let user = this.users.get(username);
    if (!user) {
      user = { username, id: pending.userID ?? '', credentials: [] };
      this.users.set(username, user);
    }
    user.credentials.push({
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: credential.transports ?? [],
      rpID: req.rpID,
      createdAt: new Date(this.now()).toISOString(),
    });
    return {
      verified: true,
      username,
      registrationInfo: {
        credentialId: credential.id,
        fmt: registrationInfo.fmt,
        aaguid: registrationInfo.aaguid,
        counter: credential.counter,
        transports: credential.transports ?? [],
        publicKeyAlgorithm: publicKeyAlgorithm(credential.publicKey),
        userVerified: registrationInfo.userVerified,
        credentialDeviceType: registrationInfo.credentialDeviceType,
        credentialBackedUp: registrationInfo.credentialBackedUp,
      },
      clientExtensionResults: response.clientExtensionResults,
    };
  }

  async authenticationOptions(req: RelyingPartyRequest): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const username = optionalString(req.body, 'username') || undefined;
    const userVerification = optionalEnum(req.body, 'userVerification', USER_VERIFICATION) ?? 'preferred';
    let allowCredentials: { id: string; transports: string[] }[] = [];
    if (username !== undefined) {
      const user = this.users.get(username);
      if (!user) throw new HttpError(404, `no user named ${JSON.stringify(username)}; register first`);
      allowCredentials = user.credentials
        .filter((c) => c.rpID === req.rpID)
        .map((c) => ({ id: c.id, transports: c.transports }));
      if (allowCredentials.length === 0) {
        throw new HttpError(404, `${username} has no credential for RP ID ${req.rpID}`);
      }
    }
    const options = await generateAuthenticationOptions({
      rpID: req.rpID,
      allowCredentials,
      userVerification,
    });
    const extensions = signInExtensions(req.body);
    if (extensions) options.extensions = extensions as PublicKeyCredentialRequestOptionsJSON['extensions'];
    this.remember({
      kind: 'login',
      challenge: options.challenge,
      rpID: req.rpID,
      origin: req.origin,
      username,
      userID: undefined,
      userVerification,
      expiresAt: this.now() + CHALLENGE_TTL_MS,
    });
    return options;
  }

  async authenticationVerify(req: RelyingPartyRequest): Promise<unknown> {
    const username = optionalString(req.body, 'username') || undefined;
    const response = credentialResponse(req.body) as unknown as AuthenticationResponseJSON;
    const pending = this.takePending(response, 'login', req);
    if (pending.username !== undefined && username !== undefined && pending.username !== username) {
      throw new HttpError(
        400,
        `challenge was issued for ${JSON.stringify(pending.username)}, not ${username}`,
      );
    }
    const found = this.findCredential(response.id);
    if (!found) throw new HttpError(400, `unknown credential ${response.id}`);
    const { user, credential } = found;
    if (credential.rpID !== req.rpID) {
      throw new HttpError(400, `credential belongs to RP ID ${credential.rpID}, not ${req.rpID}`);
    }
    const expectedUser = pending.username ?? username;
    if (expectedUser !== undefined && user.username !== expectedUser) {
      throw new HttpError(400, `credential belongs to ${user.username}, not ${expectedUser}`);
    }
    const userHandle = response.response.userHandle;
    // WebAuthn L3 §7.2 step 6: with an empty allowCredentials the user handle identifies the account.
    if (pending.username === undefined && !userHandle) {
      throw new HttpError(400, 'discoverable sign-in needs response.userHandle');
    }
    if (userHandle && userHandle !== user.id) {
      throw new HttpError(400, `userHandle ${userHandle} does not match ${user.username}'s ${user.id}`);
    }
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: req.origin,
      expectedRPID: req.rpID,
      credential,
      requireUserVerification: pending.userVerification === 'required',
    });
    if (!verified) throw new HttpError(400, 'authentication response did not verify');
    credential.counter = authenticationInfo.newCounter;
    return {
      verified: true,
      username: user.username,
      credentialId: credential.id,
      newCounter: authenticationInfo.newCounter,
      userVerified: authenticationInfo.userVerified,
      credentialDeviceType: authenticationInfo.credentialDeviceType,
      credentialBackedUp: authenticationInfo.credentialBackedUp,
      // The page turned the ArrayBuffers into base64url; a real RP would use the PRF output as a key.
      clientExtensionResults: response.clientExtensionResults,
    };
  }

  private remember(ceremony: PendingCeremony): void {
    const now = this.now();
    for (const [challenge, entry] of this.pending) {
      if (entry.expiresAt <= now || this.pending.size >= MAX_PENDING) this.pending.delete(challenge);
    }
    this.pending.set(ceremony.challenge, ceremony);
  }

  /** Finds the ceremony by the challenge inside clientDataJSON; each challenge is good for one try. */
  private takePending(
    response: { response: { clientDataJSON: string } },
    kind: PendingCeremony['kind'],
    req: RelyingPartyRequest,
  ): PendingCeremony {
    let challenge: unknown;
    try {
      const clientData: unknown = JSON.parse(isoBase64URL.toUTF8String(response.response.clientDataJSON));
      challenge = isRecord(clientData) ? clientData.challenge : undefined;
    } catch {
      throw new HttpError(400, 'response.response.clientDataJSON is not base64url JSON');
    }
    const pending = typeof challenge === 'string' ? this.pending.get(challenge) : undefined;
    if (!pending || pending.kind !== kind) {
      throw new HttpError(400, `no ${kind} ceremony is waiting for challenge ${JSON.stringify(challenge)}`);
    }
    this.pending.delete(pending.challenge);
    if (pending.expiresAt <= this.now()) throw new HttpError(400, 'challenge expired; ask for new options');
    if (pending.rpID !== req.rpID) {
      throw new HttpError(400, `challenge was issued for RP ID ${pending.rpID}, not ${req.rpID}`);
    }
    return pending;
  }

  private findCredential(id: string): { user: User; credential: StoredCredential } | undefined {
    for (const user of this.users.values()) {
      const credential = user.credentials.find((c) => c.id === id);
      if (credential) return { user, credential };
    }
    return undefined;
  }
}

/**
 * Sign-in extension inputs in their JSON form (bytes as base64url; the page turns them into bytes):
 * a PRF input (WebAuthn L3 §10.1.4 eval.first) as text, and a large-blob read or write (§10.1.5).
 */
function signInExtensions(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const extensions: Record<string, unknown> = {};
  const prfInput = optionalString(body, 'prfInput');
  if (prfInput) {
    if (Buffer.byteLength(prfInput) > MAX_PRF_INPUT_TEXT) {
      throw new HttpError(400, `prfInput is longer than ${MAX_PRF_INPUT_TEXT} bytes`);
    }
    extensions.prf = { eval: { first: isoBase64URL.fromUTF8String(prfInput) } };
  }
  const largeBlob = optionalEnum(body, 'largeBlob', LARGE_BLOB) ?? 'none';
  if (largeBlob === 'read') extensions.largeBlob = { read: true };
  if (largeBlob === 'write') {
    const text = optionalString(body, 'largeBlobText') ?? '';
    if (Buffer.byteLength(text) > MAX_LARGE_BLOB_TEXT) {
      throw new HttpError(400, `largeBlobText is longer than ${MAX_LARGE_BLOB_TEXT} bytes`);
    }
    extensions.largeBlob = { write: isoBase64URL.fromUTF8String(text) };
  }
  return Object.keys(extensions).length > 0 ? extensions : undefined;
}

/** Shape check only; @simplewebauthn/server checks the rest and says what is wrong. */
function credentialResponse(body: Record<string, unknown>): Record<string, unknown> {
  const response = body.response;
  if (
    !isRecord(response) ||
    typeof response.id !== 'string' ||
    !isRecord(response.response) ||
    typeof response.response.clientDataJSON !== 'string'
  ) {
    throw new HttpError(400, 'response must be a PublicKeyCredential JSON with response.clientDataJSON');
  }
  return response;
}

function publicKeyAlgorithm(publicKey: Uint8Array<ArrayBuffer>): number | undefined {
  try {
    return decodeCredentialPublicKey(publicKey).get(cose.COSEKEYS.alg);
  } catch {
    return undefined;
  }
}
