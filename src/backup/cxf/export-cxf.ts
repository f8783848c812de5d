/** Writes Tapkey's passkeys and authenticator-code accounts as a CXF 1.0 document. */
import { toBase64url } from '../../shared/bytes.ts';
import { accountLabel } from '../../totp/account-label.ts';
import { CXF_VERSION, type CxfHeader, type CxfItem } from './format.ts';
import { passkeyToCxf } from './passkey-to-cxf.ts';
import { totpToCxf } from './totp-to-cxf.ts';
import type {
  CxfExportInput,
  CxfExportOptions,
  CxfExportResult,
  CxfLeftOut,
  CxfPasskeyInput,
  CxfTotpInput,
} from './types.ts';

/** Bytes in each account and item id: opaque and at most 64 (CXF §3.2.1, §3.2.3). */
const ID_BYTES = 16;

/**
 * Builds a CXF §3.1 Header with one Account (§3.2.1) holding one Item (§3.2.3) per passkey and per
 * TOTP account. What CXF 1.0 cannot carry is left out, each with a reason for the user:
 *
 * - passkeys whose signature counter is not 0: CXF §3.3.12 says they MUST be excluded (and the
 *   exporter SHOULD tell the user), because the importer restarts the counter at 0 and the RP would
 *   see it go backwards (architecture trap 14);
 * - HOTP and Steam Guard accounts: CXF 1.0 has only a TOTP type (§3.3.16), with numeric codes.
 *
 * The document holds private keys and secrets in the clear; the caller must protect it.
 *
 * @example
 * const { document, leftOut } = exportCxf(
 *   { passkeys, accounts },
 *   { exporterRpId: 'tapkey.example', exporterDisplayName: 'Tapkey' },
 * );
 * const json = JSON.stringify(document);
 */
export function exportCxf(input: CxfExportInput, options: CxfExportOptions): CxfExportResult {
  const randomBytes =
    options.randomBytes ?? ((length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length)));
  const newId = (): string => toBase64url(randomBytes(ID_BYTES));
  const accountId = newId();
  const items: CxfItem[] = [];
  const leftOut: CxfLeftOut[] = [];

  for (const passkey of input.passkeys) {
    const label = `${passkey.userName || passkey.userDisplayName || 'a passkey'} on ${passkey.rpId}`;
    const reason = passkeyReason(passkey);
    if (reason) {
      leftOut.push({ kind: 'passkey', label, reason });
      continue;
    }
    try {
      const item: CxfItem = {
        id: newId(),
        title: passkey.rpName || passkey.rpId,
        credentials: [passkeyToCxf(passkey)],
      };
      if (passkey.userName) item.subtitle = passkey.userName;
      if (passkey.createdAt !== undefined) item.creationAt = Math.floor(passkey.createdAt / 1000);
      items.push(item);
    } catch (error) {
      leftOut.push({ kind: 'passkey', label, reason: `its key could not be written: ${message(error)}` });
    }
  }

  for (const account of input.accounts) {
    const label = accountLabel(account);
    const reason = accountReason(account);
    if (reason) {
      leftOut.push({ kind: 'account', label, reason });
      continue;
    }
    try {
      const credential = totpToCxf(account);
      const item: CxfItem = {
        id: newId(),
        title: account.issuer || account.accountName || 'Authenticator code',
        credentials: [credential],
      };
      if (account.issuer && account.accountName) item.subtitle = account.accountName;
      items.push(item);
    } catch (error) {
      leftOut.push({ kind: 'account', label, reason: message(error) });
    }
  }

  const document: CxfHeader = {
    version: { ...CXF_VERSION },
    exporterRpId: options.exporterRpId,
    exporterDisplayName: options.exporterDisplayName,
    // CXF §3.1: the time the export was completed, Unix seconds.
    timestamp: Math.floor((options.now?.() ?? Date.now()) / 1000),
    accounts: [
      {
        id: accountId,
        // CXF §3.2.1: "If none is set, this should be an empty string."
        username: options.account?.username ?? '',
        email: options.account?.email ?? '',
        collections: [],
        items,
      },
    ],
  };
  return { document, leftOut };
}

/** Why a passkey cannot go into CXF, or '' when it can. */
function passkeyReason(passkey: CxfPasskeyInput): string {
  if (passkey.signCount === 0) return '';
  // CXF §3.3.12: "Passkeys using a non-zero signature counter MUST be excluded from the export".
  return (
    `its signature counter is at ${passkey.signCount}, and the Credential Exchange Format only carries ` +
    'passkeys whose counter is 0 (CXF 1.0 §3.3.12): the copy would count from 0 again, and ' +
    `${passkey.rpId} could take it for a cloned key`
  );
}

/** Why an account cannot go into CXF, or '' when it can. */
function accountReason(account: CxfTotpInput): string {
  if (account.kind === 'hotp') {
    return (
      'it is a counter-based (HOTP) account, and the Credential Exchange Format 1.0 has a type for ' +
      'time-based (TOTP) codes only (§3.3.16)'
    );
  }
  if (account.kind === 'steam') {
    return (
      'it is a Steam Guard account, and the Credential Exchange Format 1.0 cannot describe its ' +
      '5-character codes (its TOTP type, §3.3.16, makes numeric codes only)'
    );
  }
  return '';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
