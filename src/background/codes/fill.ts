/**
 * Fills codes into the page of a tab. `fillCodesInPage` is serialised by `scripting.executeScript`
 * into the page's isolated world (allowed by `activeTab`), so it must not use anything from outside its
 * own body.
 */
import browser from 'webextension-polyfill';

export interface FillOutcome {
  /** How many fields (or split-input groups) got a code. */
  filled: number;
}

/**
 * Runs in the page. Order of preference:
 * 1. two one-time-code fields marked first and second (AWS "MFA code 1" / "MFA code 2"): `current` in
 *    the first, `next` in the second;
 * 2. split inputs (one character per box), the group holding the focus or else the first group;
 * 3. the focused text field;
 * 4. the first field that looks like a code field (autocomplete="one-time-code", or named/labelled
 *    otp, code, token, mfa, 2fa…).
 * Values are set through the native setter and followed by `input` and `change` events, so frameworks
 * that track the value (React) see the change as if typed.
 */
export function fillCodesInPage(current: string, next: string | null): FillOutcome {
  const TEXTUAL = new Set(['text', 'tel', 'number', 'password', 'search', '']);
  const HINT =
    /one-?time|otp|totp|2fa|mfa|\bcode\b|code\d|token|passcode|verif|authenticat|security.?code|\bpin\b/i;
  const visible = (el: HTMLInputElement): boolean => {
    if (el.disabled || el.readOnly) return false;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const inputs = [...document.querySelectorAll<HTMLInputElement>('input')].filter(
    (el) => TEXTUAL.has(el.type) && visible(el),
  );
  const hints = (el: HTMLInputElement): string => {
    const labels = [...(el.labels ?? [])].map((l) => l.textContent ?? '');
    const labelledBy = (el.getAttribute('aria-labelledby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? '') : ''));
    return [
      el.name,
      el.id,
      el.autocomplete,
      el.placeholder,
      el.getAttribute('aria-label') ?? '',
      ...labels,
      ...labelledBy,
    ]
      .join(' ')
      .replace(/([a-z])([A-Z])/g, '$1 $2');
  };
  const isCodeField = (el: HTMLInputElement) => el.autocomplete === 'one-time-code' || HINT.test(hints(el));
  const isBox = (el: HTMLInputElement) => el.maxLength === 1;
  const valueSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  const setValue = (el: HTMLInputElement, value: string) => {
    el.focus();
    el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: value.slice(-1) }));
    if (valueSetter) valueSetter.call(el, value);
    else el.value = value;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
    el.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, key: value.slice(-1) }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const focused = document.activeElement instanceof HTMLInputElement ? document.activeElement : null;

  const fields = inputs.filter((el) => !isBox(el) && isCodeField(el));
  // The next code only where the page asks for two consecutive codes ("MFA code 1" and "MFA code
  // 2", as AWS does): a page with two unrelated code fields must not learn a code that is still
  // valid in thirty seconds.
  const nth = (el: HTMLInputElement, n: 1 | 2) =>
    new RegExp(`(^|\\D)${n}(\\D|$)|${n === 1 ? 'first' : 'second'}`, 'i').test(hints(el));
  if (next !== null && fields.length === 2 && nth(fields[0]!, 1) && nth(fields[1]!, 2)) {
    setValue(fields[0]!, current);
    setValue(fields[1]!, next);
    return { filled: 2 };
  }

  // Split inputs: runs of consecutive one-character boxes, at least as many as the code has characters.
  const groups: HTMLInputElement[][] = [];
  for (const el of inputs) {
    const last = groups.at(-1);
    const previous = last?.at(-1);
    if (isBox(el) && previous && inputs.indexOf(previous) === inputs.indexOf(el) - 1) last!.push(el);
    else if (isBox(el)) groups.push([el]);
  }
  const splits = groups.filter((g) => g.length >= current.length);
  const split = splits.find((g) => focused !== null && g.includes(focused)) ?? splits[0];
  if (split) {
    for (const [i, char] of [...current].entries()) setValue(split[i]!, char);
    split[Math.min(current.length, split.length) - 1]?.blur();
    return { filled: 1 };
  }

  if (focused && inputs.includes(focused)) {
    setValue(focused, current);
    return { filled: 1 };
  }
  const field = fields[0];
  if (field) {
    setValue(field, current);
    return { filled: 1 };
  }
  return { filled: 0 };
}

/** Injects {@link fillCodesInPage} into the top frame of `tabId`. */
export async function fillTab(tabId: number, current: string, next: string | null): Promise<FillOutcome> {
  const [result] = await browser.scripting.executeScript({
    target: { tabId },
    func: fillCodesInPage,
    args: [current, next],
  });
  const outcome = result?.result as FillOutcome | undefined;
  return { filled: typeof outcome?.filled === 'number' ? outcome.filled : 0 };
}
