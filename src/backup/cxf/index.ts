/**
 * FIDO Alliance Credential Exchange Format (CXF) 1.0 export and import of passkeys and TOTP accounts.
 * Pure: no browser-extension or DOM API, so it runs in the service worker, the popup and Node.
 */
export { decodePkcs8, type RawPrivateKey } from './decode-pkcs8.ts';
export { encodePkcs8 } from './encode-pkcs8.ts';
export { exportCxf } from './export-cxf.ts';
export type {
  CxfAccount,
  CxfCredential,
  CxfCredentialScope,
  CxfFido2Extensions,
  CxfHeader,
  CxfHmacCredentials,
  CxfItem,
  CxfLargeBlob,
  CxfOtherCredential,
  CxfOtpAlgorithm,
  CxfPasskeyCredential,
  CxfTotpCredential,
  CxfVersion,
} from './format.ts';
export { CXF_VERSION, HMAC_SHA256 } from './format.ts';
export { importCxf } from './import-cxf.ts';
export type {
  CxfExportInput,
  CxfExportOptions,
  CxfExportResult,
  CxfImportResult,
  CxfLeftOut,
  CxfPasskeyAlg,
  CxfPasskeyInput,
  CxfTotpInput,
} from './types.ts';
