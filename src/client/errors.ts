import type { WebAuthnErrorName } from '../shared/webauthn-json.ts';

/**
 * An error the client layer reports to the relying party. `name` is the DOMException name the page
 * script rethrows (WebAuthn L3 §5.1.3 / §5.1.4). Messages name the actual and the expected value and
 * never contain secrets (no key material, no challenge bytes).
 */
export class WebAuthnError extends Error {
  override readonly name: WebAuthnErrorName;

  constructor(name: WebAuthnErrorName, message: string) {
    super(message);
    this.name = name;
  }
}
