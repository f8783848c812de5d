/**
 * What every way of adding shares: the steps from QR texts, pasted links or an image to accounts
 * saved in the vault. Each way shows its errors and its choices (which accounts, what to do with
 * duplicates) next to its own controls: scanning and images in the panel's line under their buttons,
 * pasted links under the text field, a setup key under the form.
 */

import { t, tn } from '../../../src/i18n/messages.ts';
import type { ImportIssue, OtpAccount } from '../../../src/totp/types.ts';
import { importUriList } from '../../../src/totp/uri-list.ts';
import { h } from '../../dom.ts';
import { capitalize, errorText } from '../../format.ts';
import { addAccounts, summary } from '../add-accounts.ts';
import { pickAccounts } from './pick-accounts.ts';

export interface AddHost {
  tabId?: number;
  /** Accounts were added: reload the list, close the panel. */
  added(message: string): Promise<void>;
}

/** Where one way of adding says what went wrong, and asks what to do. */
export interface AddOutput {
  /** Where choices (which accounts, what to do with duplicates) and progress appear. */
  readonly work: HTMLElement;
  /** Shows `text` as the error ('' clears it). */
  fail(text: string): void;
  failed(): boolean;
}

/** The panel's own output (scan, image) is the adder itself. */
export interface Adder extends AddOutput {
  readonly host: AddHost;
  readonly error: HTMLElement;
  /** `site`: the scanned tab's site, which the accounts then belong to. */
  save(accounts: OtpAccount[], issues?: ImportIssue[], site?: string, out?: AddOutput): Promise<void>;
  /** Adds the accounts in QR codes; `nothing` is the error when there are none. */
  fromTexts(texts: string[], nothing: string, site?: string): Promise<void>;
  /** Adds the accounts in pasted text, one otpauth:// link per line; says in `out` what is wrong. */
  fromPaste(text: string, out: AddOutput): Promise<void>;
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
    save: async (accounts, issues = [], site, out = adder) => {
      try {
        const outcome = await addAccounts(accounts, out.work, site);
        await host.added(summary(outcome, issues));
      } catch (e) {
        out.fail(errorText(e));
      }
    },
    fromTexts: (texts, nothing, site) => addFromQrTexts(adder, texts, nothing, site),
    fromPaste: (text, out) => addFromPaste(adder, text, out),
    fromImage: async (blob) => {
      adder.fail('');
      try {
        // The QR decoder loads only when an image is actually scanned.
        const { findQrCodes, pixelsOf } = await import('../../../src/qr/find-qr-codes.ts');
        await adder.fromTexts(findQrCodes(await pixelsOf(blob)), t('add_noQrInImage'));
      } catch (e) {
        adder.fail(t('add_imageUnreadable', errorText(e)));
      }
    },
  };
  return adder;
}

async function addFromQrTexts(adder: Adder, texts: string[], nothing: string, site?: string): Promise<void> {
  adder.fail('');
  const useful = texts.filter((t) => OTP_TEXT.test(t));
  if (useful.length === 0) {
    return adder.fail(texts.length === 0 ? nothing : t('add_noOtpQr', tn('count_qrCodes', texts.length)));
  }
  const { accounts, issues } = importUriList(useful.join('\n'));
  if (accounts.length === 0) return adder.fail(issues.map((i) => i.message).join('; ') || nothing);
  await chooseAndSave(adder, accounts, issues, useful, adder, site);
}

/** What to do instead, said with every "this is not a link" error. */
const notALinkHelp = () => t('add_notALinkHelp');

/**
 * Pasted text, line by line: each line that is not an otpauth:// link is named by its number (the
 * text itself is not repeated: it may be a secret), and the good lines are added all the same.
 */
async function addFromPaste(adder: Adder, text: string, out: AddOutput): Promise<void> {
  out.fail('');
  const issues: ImportIssue[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let filled = 0;
  // Lines that are no link become blank, so importUriList numbers the others as the user sees them.
  const links = lines.map((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return '';
    filled++;
    if (OTP_TEXT.test(trimmed)) return trimmed;
    issues.push({ where: t('add_line', i + 1), message: t('add_notALink') });
    return '';
  });
  if (filled === 0) return out.fail(t('add_pasteEmpty'));
  if (issues.length === filled) {
    return out.fail(
      filled === 1 ? t('add_notALinkOne', notALinkHelp()) : t('add_notALinkMany', filled, notALinkHelp()),
    );
  }
  const parsed = importUriList(links.join('\n'));
  const all = [...issues, ...parsed.issues].sort((a, b) => lineOf(a) - lineOf(b));
  if (parsed.accounts.length === 0) {
    return out.fail(all.map((i) => `${capitalize(i.where)}: ${i.message}.`).join('\n'));
  }
  await chooseAndSave(
    adder,
    parsed.accounts,
    all,
    links.filter((l) => l !== ''),
    out,
  );
}

function lineOf(issue: ImportIssue): number {
  return Number(/^line (\d+)/.exec(issue.where)?.[1] ?? 0);
}

/** Several separate otpauth:// codes at once: the user picks. A Google export is one set. */
async function chooseAndSave(
  adder: Adder,
  accounts: OtpAccount[],
  issues: ImportIssue[],
  texts: readonly string[],
  out: AddOutput,
  site?: string,
): Promise<void> {
  const separate = texts.every((t) => !/^\s*otpauth-migration:/i.test(t));
  const chosen = separate && accounts.length > 1 ? await pickAccounts(accounts, out.work) : accounts;
  out.work.replaceChildren();
  if (chosen.length > 0) await adder.save(chosen, issues, site, out);
}
