/**
 * Additional authenticated data for everything sealed with the vault key: each ciphertext is bound
 * to the record that holds it, so one copied onto another record fails to open.
 */
import { utf8 } from '../shared/bytes.ts';
import type { CredentialRecord, OtpAccountRecord } from './schema.ts';

export function credentialKeyAad(record: Pick<CredentialRecord, 'id' | 'rpId'>): Uint8Array {
  return utf8(`tapkey credential v1\0${record.rpId}\0${record.id}`);
}

export function otpSecretAad(record: Pick<OtpAccountRecord, 'id'>): Uint8Array {
  return utf8(`tapkey otp v1\0${record.id}`);
}

/** The hmac-secret keys of a credential: bound to it, and apart from its private key. */
export function credentialPrfAad(record: Pick<CredentialRecord, 'id' | 'rpId'>): Uint8Array {
  return utf8(`tapkey credential prf v1\0${record.rpId}\0${record.id}`);
}

/** The large blob of a credential: bound to it, and apart from its keys. */
export function credentialLargeBlobAad(record: Pick<CredentialRecord, 'id' | 'rpId'>): Uint8Array {
  return utf8(`tapkey credential largeBlob v1\0${record.rpId}\0${record.id}`);
}
