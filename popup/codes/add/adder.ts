/**
 * What every way of adding shares: one error line, one work area for choices and progress, and the
 * steps from QR texts or an image to accounts saved in the vault.
 */
import type { ImportIssue, OtpAccount } from '../../../src/totp/types.ts';
import { importUriList } from '../../../src/totp/uri-list.ts';
import { h } from '../../dom.ts';
import { errorText, plural } from '../../format.ts';
import { addAccounts, summary } from '../add-accounts.ts';
import { pickAccounts } from './pick-accounts.ts';

export interface AddHost {
  tabId?: number;
  /** Accounts were added: reload the list, close the panel. */
  added(message: string): Promise<void>;
}

export interface Adder {
  readonly host: AddHost;
  /** Where choices (which accounts, what to do with duplicates) and progress appear. */
  readonly work: HTMLElement;
  readonly error: HTMLElement;
  /** Shows `text` as the error ('' clears it). */
  fail(text: string): void;
  failed(): boolean;
  /** `site`: the scanned tab's site, which the accounts then belong to. */
  save(accounts: OtpAccount[], issues?: ImportIssue[], site?: string): Promise<void>;
  /** Adds the accounts in QR codes or pasted lines; `nothing` is the error when there are none. */
  fromTexts(texts: string[], nothing: string, site?: string): Promise<void>;
  fromImage(blob: Blob): Promise<void>;
}

const OTP_TEXT = /^\s*(otpauth|otpauth-migration|steam):/i;

export function createAdder(host: AddHost): Adder {
  const work = h('div', { className: 'add-work' });
  const error = h('p', { className: 'error', role: 'alert', id: 'add-error' });
  const adder: Adder = {
    host,
    work,
    error,
    fail: (text) => {
      error.textContent = text;
    },
    failed: () => error.textContent !== '',
    save: async (accounts, issues = [], site) => {
      try {
        const outcome = await addAccounts(accounts, work, site);
        await host.added(summary(outcome, issues));
      } catch (e) {
        adder.fail(errorText(e));
      }
    },
    fromTexts: (texts, nothing, site) => addFromTexts(adder, texts, nothing, site),
    fromImage: async (blob) => {
      adder.fail('');
      try {
        // The QR decoder loads only when an image is actually scanned.
        const { findQrCodes, pixelsOf } = await import('../../../src/qr/find-qr-codes.ts');
        await adder.fromTexts(findQrCodes(await pixelsOf(blob)), 'No QR code found in this image.');
      } catch (e) {
        adder.fail(`Could not read this image: ${errorText(e)}`);
      }
    },
  };
  return adder;
}

async function addFromTexts(adder: Adder, texts: string[], nothing: string, site?: string): Promise<void> {
  adder.fail('');
  const useful = texts.filter((t) => OTP_TEXT.test(t));
  if (useful.length === 0) {
    return adder.fail(
      texts.length === 0
        ? nothing
        : `Found ${plural(texts.length, 'QR code')}, but none is an authenticator code (otpauth://).`,
    );
  }
  const { accounts, issues } = importUriList(useful.join('\n'));
  if (accounts.length === 0) return adder.fail(issues.map((i) => i.message).join('; ') || nothing);
  // Several separate otpauth:// codes on one page: let the user pick. A Google export is one set.
  const separate = useful.every((t) => !/^\s*otpauth-migration:/i.test(t));
  const chosen = separate && accounts.length > 1 ? await pickAccounts(accounts, adder.work) : accounts;
  if (chosen.length > 0) await adder.save(chosen, issues, site);
}
