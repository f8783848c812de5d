/**
 * An independent relying party for the e2e suite: what a page received from create()/get() is checked
 * against what it sent, by @simplewebauthn/server and fido2-lib (neither shares code with Tapkey),
 * and the challenge in clientDataJSON is compared byte for byte with the one sent (WebAuthn L3 §7.1
 * step 8, §7.2 step 12). A registration's public key and counter are kept here, by credential ID, so
 * that every later assertion of that credential is verified with them (§7.2 steps 21–22).
 */
import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { Fido2Lib } from 'fido2-lib';

/** What the relying party asked for: the facts a verifier needs, all known outside the page. */
export interface Sent {
  kind: 'create' | 'get';
  /** The challenge bytes the page passed, base64url. */
  challenge: string;
  /** The origin of the document (or frame) that called. */
  origin: string;
  /** The top-level origin when the caller is a cross-origin frame (clientData.topOrigin). */
  topOrigin?: string;
  rpId: string;
  userVerification: 'required' | 'preferred' | 'discouraged';
  /** create() only: user.id, base64url; a later assertion's userHandle must equal it. */
  userId?: string;
}

/** What the verifiers agree on. */
export interface Verified {
  credentialId: string;
  counter: number;
  userVerified: boolean;
}

interface KnownKey {
  publicKey: Uint8Array<ArrayBuffer>;
  /** The same key as PEM, which fido2-lib takes. */
  pem: string;
  counter: number;
  userId?: string;
}

/**
 * Public keys of the credentials registered in this test process. Credential IDs are random, so a
 * map shared by the specs of one worker cannot confuse two tests' credentials.
 */
const known = new Map<string, KnownKey>();

const fido2 = new Fido2Lib({ rpName: 'Tapkey e2e', cryptoParams: [-7, -8, -257] });

/**
 * Verifies one successful ceremony, as a relying party would.
 * @throws Error naming what differs (the verifier's own message, or the expected and actual bytes).
 */
export async function verifyCeremony(sent: Sent, received: unknown): Promise<Verified> {
  const json = received as RegistrationResponseJSON | AuthenticationResponseJSON;
  checkClientData(sent, json);
  return sent.kind === 'create'
    ? verifyRegistration(sent, json as RegistrationResponseJSON)
    : verifyAssertion(sent, json as AuthenticationResponseJSON);
}

/**
 * The parts of clientDataJSON checked here rather than left to the libraries: they compare the
 * challenge as a string, and neither checks topOrigin at registration.
 */
function checkClientData(sent: Sent, json: { response: { clientDataJSON: string } }): void {
  const clientData = JSON.parse(Buffer.from(json.response.clientDataJSON, 'base64url').toString('utf8')) as {
    type: string;
    challenge: string;
    origin: string;
    crossOrigin?: boolean;
    topOrigin?: string;
  };
  // §7.1 step 8 / §7.2 step 12: the challenge, as bytes (the libraries compare base64url strings).
  const got = Buffer.from(clientData.challenge, 'base64url');
  const want = Buffer.from(sent.challenge, 'base64url');
  if (!got.equals(want)) {
    throw new Error(
      `clientDataJSON.challenge is ${got.toString('hex')}, the page sent ${want.toString('hex')}`,
    );
  }
  const type = sent.kind === 'create' ? 'webauthn.create' : 'webauthn.get';
  if (clientData.type !== type) throw new Error(`clientDataJSON.type is ${clientData.type}, not ${type}`);
  // §5.1.3 step 15 / §5.1.4 step 13: crossOrigin and topOrigin say where the frame was.
  const crossOrigin = sent.topOrigin !== undefined;
  if ((clientData.crossOrigin ?? false) !== crossOrigin || clientData.topOrigin !== sent.topOrigin) {
    throw new Error(
      `clientDataJSON says crossOrigin ${clientData.crossOrigin}, topOrigin ${clientData.topOrigin}; expected ${crossOrigin}, ${sent.topOrigin}`,
    );
  }
}

async function verifyRegistration(sent: Sent, json: RegistrationResponseJSON): Promise<Verified> {
  const required = sent.userVerification === 'required';
  const { verified, registrationInfo } = await verifyRegistrationResponse({
    response: json,
    expectedChallenge: sent.challenge,
    expectedOrigin: sent.origin,
    expectedRPID: sent.rpId,
    requireUserVerification: required,
  });
  if (!verified) throw new Error('@simplewebauthn/server: the registration did not verify');
  const att = await fido2.attestationResult(
    { rawId: arrayBuffer(json.rawId), response: json.response },
    {
      challenge: sent.challenge,
      origin: sent.origin,
      rpId: sent.rpId,
      factor: required ? 'first' : 'either',
    },
  );
  const pem = att.authnrData.get('credentialPublicKeyPem') as string;
  const { credential, userVerified } = registrationInfo;
  if (credential.id !== json.id)
    throw new Error(`attested credential ID ${credential.id}, response id ${json.id}`);
  known.set(credential.id, {
    publicKey: new Uint8Array(credential.publicKey),
    pem,
    counter: credential.counter,
    ...(sent.userId !== undefined ? { userId: sent.userId } : {}),
  });
  return { credentialId: credential.id, counter: credential.counter, userVerified };
}

async function verifyAssertion(sent: Sent, json: AuthenticationResponseJSON): Promise<Verified> {
  const key = known.get(json.id);
  if (!key) {
    throw new Error(
      `no public key for credential ${json.id}: register it through create() in this test first, or say why it cannot be verified`,
    );
  }
  const required = sent.userVerification === 'required';
  const { verified, authenticationInfo } = await verifyAuthenticationResponse({
    response: json,
    expectedChallenge: sent.challenge,
    expectedOrigin: sent.origin,
    expectedRPID: sent.rpId,
    ...(sent.topOrigin !== undefined ? { expectedTopOrigin: sent.topOrigin } : {}),
    credential: { id: json.id, publicKey: key.publicKey, counter: key.counter },
    requireUserVerification: required,
  });
  if (!verified) throw new Error('@simplewebauthn/server: the assertion did not verify');
  const userHandle = json.response.userHandle;
  // §7.2 step 6: a returned user handle is the user.id the credential was made for.
  if (userHandle && key.userId !== undefined && userHandle !== key.userId) {
    throw new Error(`userHandle ${userHandle}, but the credential was made for user.id ${key.userId}`);
  }
  await fido2.assertionResult(
    {
      rawId: arrayBuffer(json.rawId),
      response: {
        clientDataJSON: json.response.clientDataJSON,
        authenticatorData: arrayBuffer(json.response.authenticatorData),
        signature: json.response.signature,
        ...(userHandle ? { userHandle } : {}),
      },
    },
    {
      challenge: sent.challenge,
      origin: sent.origin,
      rpId: sent.rpId,
      factor: required ? 'first' : 'either',
      publicKey: key.pem,
      prevCounter: key.counter,
      userHandle: userHandle ?? null,
    },
  );
  key.counter = authenticationInfo.newCounter;
  return {
    credentialId: json.id,
    counter: authenticationInfo.newCounter,
    userVerified: authenticationInfo.userVerified,
  };
}

function arrayBuffer(base64url: string): ArrayBuffer {
  const bytes = Buffer.from(base64url, 'base64url');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
