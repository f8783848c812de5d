/** "Scan this page": a screenshot of the visible tab, searched for QR codes. */
import browser from 'webextension-polyfill';
import type { RuntimeResponse } from '../../messages/protocol.ts';
import { findQrCodes, pixelsOf } from '../../qr/find-qr-codes.ts';
import { webHostname } from '../../shared/web-hostname.ts';
import { siteOf } from './match.ts';
import { tabError, targetTab } from './tabs.ts';

export async function scanTab(tabId?: number): Promise<RuntimeResponse<'otp/scan-tab'>> {
  const tab = await targetTab(tabId);
  if (!tab.active) return { ok: false, error: 'Show that tab first: only the visible page can be scanned.' };
  let dataUrl: string;
  try {
    dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  } catch (error) {
    return { ok: false, error: tabError(error, 'scan') };
  }
  const blob = await (await fetch(dataUrl)).blob();
  return { ok: true, texts: findQrCodes(await pixelsOf(blob)), site: siteOf(webHostname(tab.url)) };
}
