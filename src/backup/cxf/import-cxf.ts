/** Reads the passkeys and TOTP accounts out of a CXF 1.0 document. */
import { isObject, type JsonObject, parseJson, typeName } from '../../totp/json.ts';
import type { ImportIssue } from '../../totp/types.ts';
import { CXF_VERSION } from './format.ts';
import { passkeyFromCxf } from './passkey-from-cxf.ts';
import { shorten } from './shorten.ts';
import { totpFromCxf } from './totp-from-cxf.ts';
import type { CxfImportResult } from './types.ts';

/**
 * Imports a CXF document (§3.1 Header → §3.2.1 accounts → §3.2.3 items → §3.3 credentials).
 *
 * Only a document Tapkey cannot read at all throws: not JSON, not a CXF header, another major version
 * (§3.1.1: a major change is not compatible), or no account list. Below that, one bad account, item
 * or credential never fails the import: it becomes an {@link ImportIssue} naming where it is, and the
 * rest is read. Credential types Tapkey does not keep (basic-auth, note, …) are issues too, so that
 * the user learns what stayed behind. Unknown members are ignored (§3.1.1); collections are ignored,
 * Tapkey has no folders.
 *
 * Imported passkeys have `signCount` 0 (CXF §3.3.12: importers MUST set the counter to zero).
 *
 * @param json - The document's text, or the value `JSON.parse` made of it.
 * @throws TypeError when the document as a whole cannot be read; the message never quotes it.
 */
export function importCxf(json: unknown): CxfImportResult {
  const root = typeof json === 'string' ? parseJson(json, 'this CXF file') : json;
  if (!isObject(root))
    throw new TypeError(`this is not a CXF document (it is a ${typeName(root)}, not an object)`);
  const version = root.version;
  if (!isObject(version) || typeof version.major !== 'number') {
    throw new TypeError('this is not a CXF document (it has no version.major)');
  }
  if (version.major !== CXF_VERSION.major) {
    throw new TypeError(
      `this CXF document is version ${version.major}.${String(version.minor)}; Tapkey reads version ${CXF_VERSION.major}`,
    );
  }
  if (!Array.isArray(root.accounts)) throw new TypeError('this CXF document has no list of accounts');

  const result: CxfImportResult = {
    exporter: {
      rpId: typeof root.exporterRpId === 'string' ? root.exporterRpId : '',
      displayName: typeof root.exporterDisplayName === 'string' ? root.exporterDisplayName : '',
      timestamp: isUint(root.timestamp) ? root.timestamp : 0,
    },
    passkeys: [],
    accounts: [],
    issues: [],
  };
  const accounts: unknown[] = root.accounts;
  for (const [a, account] of accounts.entries()) {
    const where = accounts.length > 1 ? `account ${a + 1}` : '';
    if (!isObject(account)) {
      issue(result.issues, where || 'account 1', `it is a ${typeName(account)}, not an object`);
    } else if (!Array.isArray(account.items)) {
      issue(result.issues, where || 'account 1', 'it has no list of items');
    } else {
      const items: unknown[] = account.items;
      for (const [i, item] of items.entries()) readItem(result, item, join(where, `item ${i + 1}`));
    }
  }
  return result;
}

/** CXF §3.2.3 Item: its credentials, each on its own. */
function readItem(result: CxfImportResult, item: unknown, where: string): void {
  if (!isObject(item)) {
    issue(result.issues, where, `it is a ${typeName(item)}, not an object`);
    return;
  }
  const title = typeof item.title === 'string' ? item.title : '';
  const named = title ? `${where} (${shorten(title)})` : where;
  if (!Array.isArray(item.credentials)) {
    issue(result.issues, named, 'it has no list of credentials');
    return;
  }
  const context = { title, creationAt: isUint(item.creationAt) ? item.creationAt : undefined };
  const credentials: unknown[] = item.credentials;
  for (const [c, credential] of credentials.entries()) {
    const type = isObject(credential) && typeof credential.type === 'string' ? credential.type : undefined;
    const at = join(named, `credential ${c + 1}${type ? ` (${shorten(type)})` : ''}`);
    try {
      if (!isObject(credential)) throw new TypeError(`it is a ${typeName(credential)}, not an object`);
      readCredential(result, credential, type, context, at);
    } catch (error) {
      issue(result.issues, at, error instanceof Error ? error.message : String(error));
    }
  }
}

/** CXF §3.3: dispatch on `type`; Tapkey keeps passkey (§3.3.12) and totp (§3.3.16). */
function readCredential(
  result: CxfImportResult,
  credential: JsonObject,
  type: string | undefined,
  item: { title: string; creationAt: number | undefined },
  where: string,
): void {
  if (type === 'passkey') {
    const { passkey, notes } = passkeyFromCxf(credential, item);
    result.passkeys.push(passkey);
    for (const note of notes) issue(result.issues, where, note);
  } else if (type === 'totp') {
    result.accounts.push(totpFromCxf(credential, item));
  } else if (type === undefined) {
    throw new TypeError('type is missing');
  } else {
    // §3.1.1: an unknown credential type is not an error; the user still hears that it stayed out.
    throw new TypeError('not imported: Tapkey keeps passkeys and authenticator codes (totp) only');
  }
}

function issue(issues: ImportIssue[], where: string, message: string): void {
  issues.push({ where, message });
}

function join(prefix: string, part: string): string {
  return prefix ? `${prefix}, ${part}` : part;
}

function isUint(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
