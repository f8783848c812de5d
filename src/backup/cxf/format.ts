/**
 * The parts of the FIDO Alliance Credential Exchange Format (CXF) 1.0 that Tapkey reads and writes,
 * as JSON (Proposed Standard 2025-08-14, https://fidoalliance.org/specs/cx/cxf-v1.0-ps-20250814.html,
 * with the errata of 2026-03-09, .../cxf-v1.0-ps-errata-20260309.html; the CDDL of both is the same
 * for everything below). Member names and optionality follow the spec's CDDL index; section numbers
 * are those of the PS. Bytes travel as `b64url` strings (CXF §2: RFC 4648 §5 base64url; we write it
 * unpadded and read padded or not).
 *
 * These are wire shapes: what `exportCxf` writes and what `importCxf` checks untrusted input against.
 * Only the credential types Tapkey keeps (passkey §3.3.12, totp §3.3.16) are modelled member by
 * member; any other credential is a {@link CxfOtherCredential}.
 */

/** A base64url string (CXF §2). */
export type B64url = string;

/** CXF §3.1 Header: the root of a CXF document. */
export interface CxfHeader {
  version: CxfVersion;
  /** The exporting app, as a WebAuthn RP ID. */
  exporterRpId: string;
  /** The exporting app's name, for people. */
  exporterDisplayName: string;
  /** When the export was made, Unix seconds (`uint .size 8`). */
  timestamp: number;
  accounts: CxfAccount[];
}

/**
 * CXF §3.1.1 Version. A new `major` is a breaking change (an importer refuses it); a new `minor` only
 * adds members, which §3.1.1 says every participant MUST ignore when it does not know them.
 */
export interface CxfVersion {
  major: number;
  minor: number;
}

/** The version this module writes, and the only `major` it reads. */
export const CXF_VERSION: CxfVersion = { major: 1, minor: 0 };

/** CXF §3.2.1 Account: one user's vault at the exporting provider. */
export interface CxfAccount {
  /** Machine-made, opaque, at most 64 bytes; not shown to people. */
  id: B64url;
  /** The user's name at the provider; '' when it has none. */
  username: string;
  email: string;
  fullName?: string;
  /** Required, may be empty (CXF §3.2.1); Tapkey has no folders and writes []. */
  collections: unknown[];
  items: CxfItem[];
  extensions?: CxfExtension[];
}

/** CXF §3.2.3 Item: one entry in the vault, holding one or more credentials. */
export interface CxfItem {
  /** Machine-made, opaque, at most 64 bytes; not shown to people. */
  id: B64url;
  /** Unix seconds. */
  creationAt?: number;
  /** Unix seconds. */
  modifiedAt?: number;
  title: string;
  subtitle?: string;
  favorite?: boolean;
  scope?: CxfCredentialScope;
  credentials: CxfCredential[];
  tags?: string[];
  extensions?: CxfExtension[];
}

/** CXF §3.2.4 CredentialScope: where an item's credentials may be offered. */
export interface CxfCredentialScope {
  urls: string[];
  androidApps: unknown[];
}

/** CXF §3.5 Extension: `{ name, ... }`. */
export interface CxfExtension {
  name: string;
  [member: string]: unknown;
}

/** CXF §3.3: every credential carries its `type`. */
export type CxfCredential = CxfPasskeyCredential | CxfTotpCredential | CxfOtherCredential;

/** Any credential type Tapkey does not keep (basic-auth, note, ssh-key, …, or one from a later minor). */
export interface CxfOtherCredential {
  type: string;
  [member: string]: unknown;
}

/**
 * CXF §3.3.12 Passkey. All members but `fido2Extensions` are required. There is no algorithm member:
 * the key's algorithm is read from its PKCS#8 AlgorithmIdentifier. §3.3.12 also rules that passkeys
 * with a non-zero signature counter MUST be left out of an export, and that importers MUST set the
 * counter to zero and never increment it (architecture trap 14).
 */
export interface CxfPasskeyCredential {
  type: 'passkey';
  /** The credential ID, as PublicKeyCredential.rawId gave it at registration. */
  credentialId: B64url;
  rpId: string;
  /** PublicKeyCredentialUserEntity.name; with `userDisplayName`, the only member a user may edit (§3.3.12.1). */
  username: string;
  /** PublicKeyCredentialUserEntity.displayName. */
  userDisplayName: string;
  /** PublicKeyCredentialUserEntity.id. */
  userHandle: B64url;
  /** The private key: PKCS#8 (RFC 5958) ASN.1 DER, giving the same public key the RP holds. */
  key: B64url;
  fido2Extensions?: CxfFido2Extensions;
}

/** CXF §3.3.12.2 Fido2Extensions: authenticator state some WebAuthn/CTAP extensions need. */
export interface CxfFido2Extensions {
  /** WebAuthn `prf` / CTAP `hmac-secret` (§3.3.12.3). */
  hmacCredentials?: CxfHmacCredentials;
  /** CTAP 2.1 `credBlob`: the stored blob. */
  credBlob?: B64url;
  /** WebAuthn `largeBlob` (§3.3.12.5). */
  largeBlob?: CxfLargeBlob;
  /** Whether the credential is for Secure Payment Confirmation. */
  payments?: boolean;
}

/**
 * CXF §3.3.12.3 Fido2HmacCredentials: the two per-credential HMAC keys of CTAP hmac-secret
 * (CredRandomWithUV and CredRandomWithoutUV), which SHOULD be 32 bytes each and which an importer
 * MUST use as they are. An importer SHOULD ignore this entry when it does not know `algorithm`.
 */
export interface CxfHmacCredentials {
  algorithm: string;
  credWithUV: B64url;
  credWithoutUV: B64url;
}

/** CXF §3.3.12.4 Fido2HmacCredentialAlgorithm: its only value in CXF 1.0. */
export const HMAC_SHA256 = 'hmac-sha256';

/** CXF §3.3.12.5 Fido2LargeBlob: the compressed large blob and its size before compression. */
export interface CxfLargeBlob {
  uncompressedSize: number;
  data: B64url;
}

/**
 * CXF §3.3.16 TOTP, shaped after the Key Uri Format. There is no HOTP type in CXF 1.0. Importers MUST
 * ignore TOTP credentials whose `algorithm` they do not know.
 */
export interface CxfTotpCredential {
  type: 'totp';
  /** The shared secret, RFC 4648 §6 base32. */
  secret: string;
  /** Seconds (`uint .size 2`); SHOULD default to 30. */
  period: number;
  /** `uint .size 2`; SHOULD default to 6. */
  digits: number;
  username?: string;
  algorithm: CxfOtpAlgorithm | (string & {});
  issuer?: string;
}

/** CXF §3.3.16 OTPHashAlgorithm, lower case as the spec spells it. */
export type CxfOtpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** The largest `uint .size 2`, the bound of TOTP `period` and `digits`. */
export const UINT16_MAX = 0xffff;
