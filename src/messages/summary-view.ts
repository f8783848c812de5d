/** A stored credential as the popup may see it: its id as base64url and its info, no key material. */
import { credentialInfo } from '../authenticator/credential-info.ts';
import type { CredentialSummary } from '../authenticator/ports.ts';
import { toBase64url } from '../shared/bytes.ts';
import type { CredentialSummaryView } from './views.ts';

export function summaryView(c: CredentialSummary): CredentialSummaryView {
  return { id: toBase64url(c.credentialId), ...credentialInfo(c), hidden: c.hidden === true };
}
