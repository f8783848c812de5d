/**
 * "Scan this page": a screenshot of the visible tab, for the popup to search for QR codes. The
 * decoding runs in the popup (it loads the QR decoder when it is used): the worker starts on every
 * sign-in, and a quarter-megabyte decoder in its bundle would slow each cold start.
 */
import browser from 'webextension-polyfill';
import { t } from '../../i18n/messages.ts';
import type { RuntimeResponse } from '../../messages/protocol.ts';
import { webHostname } from '../../shared/web-hostname.ts';
import { siteOf } from './match.ts';
import { tabError, targetTab } from './tabs.ts';

export async function scanTab(tabId?: number): Promise<RuntimeResponse<'otp/scan-tab'>> {
  const tab = await targetTab(tabId);
  if (!tab.active) return { ok: false, error: t('error_scanHidden') };
  let image: string;
  try {
    image = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  } catch (error) {
    return { ok: false, error: tabError(error, 'scan') };
  }
  return { ok: true, image, site: siteOf(webHostname(tab.url)) };
}
