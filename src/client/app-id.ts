/**
 * Whether a caller may claim a FIDO AppID, for the appid (WebAuthn L3 §10.1.1) and appidExclude
 * (§10.1.2) extensions. The rules are FIDO AppID and Facets v1.2 §3.1.2 as Chromium implements them
 * (ProcessAppIdExtension in content/browser/webauth): an empty AppID means the caller's origin plus
 * "/"; the AppID must be an https URL, the caller https too, and its host equal to the caller's or
 * of the same registrable domain (Public Suffix List, private domains included). Chromium's two
 * gstatic.com AppIDs for google.com are left out: Tapkey holds no U2F credentials to find with them.
 */
import { getDomain } from 'tldts';

export function appIdAllowed(appid: string, origin: string): boolean {
  const effective = appid === '' ? `${origin}/` : appid;
  let appUrl: URL;
  let callerUrl: URL;
  try {
    appUrl = new URL(effective);
    callerUrl = new URL(origin);
  } catch {
    return false;
  }
  if (appUrl.protocol !== 'https:' || callerUrl.protocol !== 'https:') return false;
  if (appUrl.hostname === callerUrl.hostname) return true;
  const options = { allowPrivateDomains: true } as const;
  const appDomain = getDomain(appUrl.hostname, options);
  return appDomain !== null && appDomain === getDomain(callerUrl.hostname, options);
}
