/** Standard, padded base64 (RFC 4648 §4), which CDP uses for bytes; WebAuthn JSON uses base64url (§5). */
import { fromBase64url, toBase64url } from '../shared/bytes.ts';

export function toBase64(bytes: Uint8Array): string {
  const url = toBase64url(bytes).replace(/-/g, '+').replace(/_/g, '/');
  return url + '='.repeat((4 - (url.length % 4)) % 4);
}

export function fromBase64(text: string, field = 'value'): Uint8Array {
  if (/[-_]/.test(text) && /[+/]/.test(text)) throw new TypeError(`${field} mixes base64 and base64url`);
  return fromBase64url(text.replace(/\+/g, '-').replace(/\//g, '_'), field);
}
