/** The Backup view's exports: a list of otpauth:// URIs, an Aegis plain JSON vault, Google QR codes. */
import type { OtpExportFormat, RuntimeResponse } from '../../messages/protocol.ts';
import { exportAegisJson } from '../../totp/aegis.ts';
import { encodeGoogleMigration } from '../../totp/google-migration.ts';
import type { OtpAccount } from '../../totp/types.ts';
import { exportUriList } from '../../totp/uri-list.ts';

export function exportAccounts(
  accounts: OtpAccount[],
  format: OtpExportFormat,
): RuntimeResponse<'otp/export'> {
  if (format === 'uri-list')
    return { ok: true, format, text: exportUriList(accounts), count: accounts.length };
  if (format === 'aegis')
    return { ok: true, format, text: exportAegisJson(accounts), count: accounts.length };
  const { uris, issues } = encodeGoogleMigration(accounts);
  return {
    ok: true,
    format,
    uris,
    count: accounts.length - issues.length,
    left: issues.map((issue) => `${issue.where}: ${issue.message}`),
  };
}
