/**
 * The correctable clock offset for codes, and the "Check clock" measurement against a server's `Date`
 * header. The offset lives in storage.local: it describes this computer's clock, not a session.
 */
import browser from 'webextension-polyfill';
import { t } from '../../i18n/messages.ts';

const OFFSET_KEY = 'otpClockOffsetMs';

export async function clockOffsetMs(): Promise<number> {
  const got = await browser.storage.local.get(OFFSET_KEY);
  const value = got[OFFSET_KEY];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export async function setClockOffsetMs(offsetMs: number): Promise<void> {
  await browser.storage.local.set({ [OFFSET_KEY]: Math.round(offsetMs) });
}

/** One HEAD request's timing: the offset is the server's time minus ours at the round trip's middle. */
export interface DateSample {
  /** The `Date` header, or null if the response had none (or it was not readable). */
  date: string | null;
  sentAt: number;
  receivedAt: number;
}

/**
 * Server time minus local time, in ms. `Date` has whole seconds (RFC 9110 §5.6.7), so the true server
 * time lies in [date, date + 1 s): take the middle, compared with the middle of the round trip.
 */
export function offsetFromSample(sample: DateSample): number {
  if (sample.date === null) throw new Error(t('error_noDateHeader'));
  const server = Date.parse(sample.date);
  if (!Number.isFinite(server)) throw new Error(t('error_dateHeader', sample.date));
  return Math.round(server + 500 - (sample.sentAt + sample.receivedAt) / 2);
}

/** Runs in the page (isolated world): a same-origin HEAD request, whose `Date` header is readable. */
export async function sampleOwnOrigin(): Promise<DateSample> {
  const sentAt = Date.now();
  const response = await fetch(location.origin, { method: 'HEAD', cache: 'no-store', credentials: 'omit' });
  return { date: response.headers.get('date'), sentAt, receivedAt: Date.now() };
}

/** From the worker: needs a server that allows CORS and exposes `Date` (most do not). */
export async function sampleUrl(url: string): Promise<DateSample> {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error(t('error_httpOnly'));
  const sentAt = Date.now();
  const response = await fetch(target, { method: 'HEAD', cache: 'no-store', credentials: 'omit' });
  return { date: response.headers.get('date'), sentAt, receivedAt: Date.now() };
}

/** Samples the tab's origin from inside its page (activeTab), avoiding any host permission. */
export async function sampleTab(tabId: number): Promise<DateSample> {
  const [result] = await browser.scripting.executeScript({ target: { tabId }, func: sampleOwnOrigin });
  const sample = result?.result as DateSample | undefined;
  if (!sample) throw new Error(t('error_clockNoAnswer'));
  return sample;
}
