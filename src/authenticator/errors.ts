/**
 * Coded authenticator errors, named after CTAP 2.1 §8.2 status codes. Only the client layer turns
 * them into DOMException names; messages never contain key material.
 */
export type AuthenticatorErrorCode =
  | 'CTAP2_ERR_CREDENTIAL_EXCLUDED'
  | 'CTAP2_ERR_UNSUPPORTED_ALGORITHM'
  | 'CTAP2_ERR_UNSUPPORTED_OPTION'
  | 'CTAP2_ERR_OPERATION_DENIED'
  | 'CTAP2_ERR_NO_CREDENTIALS'
  | 'CTAP2_ERR_PIN_BLOCKED'
  /** CTAP 2.1's name for 0x36 (CTAP 2.0's CTAP2_ERR_PIN_REQUIRED): user verification was needed. */
  | 'CTAP2_ERR_PUAT_REQUIRED'
  | 'CTAP2_ERR_KEY_STORE_FULL'
  | 'CTAP2_ERR_USER_ACTION_TIMEOUT'
  | 'CTAP2_ERR_KEEPALIVE_CANCEL'
  | 'CTAP1_ERR_INVALID_LENGTH'
  /** Not a CTAP code: the user asked to hand this request to the browser's own authenticator. */
  | 'USER_CHOSE_PLATFORM';

export class AuthenticatorError extends Error {
  override readonly name = 'AuthenticatorError';
  constructor(
    readonly code: AuthenticatorErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isAuthenticatorError(e: unknown): e is AuthenticatorError {
  return e instanceof AuthenticatorError;
}
