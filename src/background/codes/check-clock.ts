/** "Check clock": this computer's clock against a server's, from the tab's own origin or a URL. */

import { t } from '../../i18n/messages.ts';
import type { RuntimeRequest, RuntimeResponse } from '../../messages/protocol.ts';
import { clockOffsetMs, type DateSample, offsetFromSample, sampleTab, sampleUrl } from './clock.ts';
import { tabError, targetTab } from './tabs.ts';

type Sampled = { sample: DateSample; source: string } | { error: string };

async function fromUrl(url: string): Promise<Sampled> {
  const source = new URL(url).origin;
  try {
    return { sample: await sampleUrl(url), source };
  } catch (error) {
    return {
      error: t('error_clockUnread', source, error instanceof Error ? error.message : String(error)),
    };
  }
}

async function fromTab(tabId?: number): Promise<Sampled> {
  const tab = await targetTab(tabId);
  if (tab.id === undefined || !/^https?:/.test(tab.url ?? 'http:')) {
    return { error: t('error_clockNoPage') };
  }
  try {
    const sample = await sampleTab(tab.id);
    return { sample, source: tab.url ? new URL(tab.url).origin : t('error_thePagesServer') };
  } catch (error) {
    return { error: tabError(error, 'clock') };
  }
}

export async function checkClock(
  request: RuntimeRequest<'otp/clock-check'>,
): Promise<RuntimeResponse<'otp/clock-check'>> {
  const url = request.url?.trim();
  const sampled = url ? await fromUrl(url) : await fromTab(request.tabId);
  if ('error' in sampled) return { ok: false, error: sampled.error };
  return {
    ok: true,
    offsetMs: offsetFromSample(sampled.sample),
    source: sampled.source,
    currentOffsetMs: await clockOffsetMs(),
  };
}
