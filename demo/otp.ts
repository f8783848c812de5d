// One-time-password enrolment pages, shaped like AWS IAM's "virtual MFA device" flow. Codes are
// checked with the `otpauth` package, independent of the extension's own TOTP/HOTP code.
import { randomBytes } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { escapeHtml, HttpError, requiredString } from './http-util.ts';

export const OTP_ISSUER = 'TapkeyDemo';
export const OTP_ACCOUNT = 'alice@example.com';
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** AWS accepts the first code from the current step or one step either side of it. */
const TOTP_WINDOW = 1;
const HOTP_LOOK_AHEAD = 10;
const MAX_ENROLMENTS = 500;
const CODE_PATTERN = /^\d{6}$/;

interface Enrolment {
  kind: 'totp' | 'hotp';
  secret: Secret;
  /** HOTP only: the next counter value the server expects. */
  counter: number;
}

export interface VerifyResult {
  ok: boolean;
  message: string;
  [key: string]: unknown;
}

/**
 * Built by hand rather than with TOTP#toString() so the label keeps a literal '@' and the optional
 * parameters are left out, as AWS's own QR codes do; the extension's URI parser must cope with that.
 */
export function otpauthUri(kind: 'totp' | 'hotp', base32: string): string {
  const issuer = encodeURIComponent(OTP_ISSUER);
  const counter = kind === 'hotp' ? '&counter=0' : '';
  return `otpauth://${kind}/${issuer}:${OTP_ACCOUNT}?secret=${base32}&issuer=${issuer}${counter}`;
}

export class OtpEnrolments {
  private readonly enrolments = new Map<string, Enrolment>();

  constructor(private readonly now: () => number = Date.now) {}

  reset(): void {
    this.enrolments.clear();
  }

  /** A fresh 20-byte (160-bit, RFC 4226 §4 R6 recommended) secret per page load. */
  create(kind: Enrolment['kind']): { enrolmentId: string; base32: string } {
    if (this.enrolments.size >= MAX_ENROLMENTS) {
      const oldest = this.enrolments.keys().next();
      if (!oldest.done) this.enrolments.delete(oldest.value);
    }
    const enrolmentId = randomBytes(16).toString('base64url');
    const secret = new Secret({ size: 20 });
    this.enrolments.set(enrolmentId, { kind, secret, counter: 0 });
    return { enrolmentId, base32: secret.base32 };
  }

  /**
   * AWS's rule for assigning a virtual MFA device: code1 is the code of some time step t and code2 the
   * code of step t + 1, where t is within one step of now.
   */
  verifyTotp(body: Record<string, unknown>): VerifyResult {
    const enrolment = this.find(body, 'totp');
    const code1 = requiredString(body, 'code1').trim();
    const code2 = requiredString(body, 'code2').trim();
    if (!CODE_PATTERN.test(code1) || !CODE_PATTERN.test(code2)) {
      return { ok: false, message: 'Each MFA code must be exactly 6 digits.' };
    }
    if (code1 === code2) {
      return { ok: false, message: 'The two MFA codes must be different: wait for the next code.' };
    }
    const nowStep = Math.floor(this.now() / 1000 / PERIOD_SECONDS);
    for (let delta = -TOTP_WINDOW; delta <= TOTP_WINDOW; delta++) {
      const step = nowStep + delta;
      if (totpAt(enrolment.secret, step) === code1 && totpAt(enrolment.secret, step + 1) === code2) {
        return { ok: true, message: 'MFA device assigned: the two codes are consecutive.', step, delta };
      }
    }
    return {
      ok: false,
      message: 'Those are not two consecutive MFA codes for this secret (or they are too old).',
    };
  }

  /** RFC 4226 §7.2: accept a code up to HOTP_LOOK_AHEAD counters ahead, then resynchronise past it. */
  verifyHotp(body: Record<string, unknown>): VerifyResult {
    const enrolment = this.find(body, 'hotp');
    const code = requiredString(body, 'code').trim();
    if (!CODE_PATTERN.test(code)) return { ok: false, message: 'The code must be exactly 6 digits.' };
    for (let counter = enrolment.counter; counter <= enrolment.counter + HOTP_LOOK_AHEAD; counter++) {
      if (HOTP.generate({ secret: enrolment.secret, counter, digits: DIGITS }) === code) {
        enrolment.counter = counter + 1;
        return {
          ok: true,
          message: `Code accepted for counter ${counter}. Next expected counter: ${counter + 1}.`,
          counter,
          nextCounter: counter + 1,
        };
      }
    }
    return {
      ok: false,
      message: `Code not accepted for counters ${enrolment.counter}–${enrolment.counter + HOTP_LOOK_AHEAD}`,
      nextCounter: enrolment.counter,
    };
  }

  private find(body: Record<string, unknown>, kind: Enrolment['kind']): Enrolment {
    const enrolmentId = requiredString(body, 'enrolmentId');
    const enrolment = this.enrolments.get(enrolmentId);
    if (!enrolment || enrolment.kind !== kind) {
      throw new HttpError(404, `no ${kind.toUpperCase()} enrolment ${enrolmentId}; reload the page`);
    }
    return enrolment;
  }
}

function totpAt(secret: Secret, step: number): string {
  return TOTP.generate({
    secret,
    digits: DIGITS,
    period: PERIOD_SECONDS,
    timestamp: step * PERIOD_SECONDS * 1000,
  });
}

/** A PNG data URL: an <img> the extension can draw onto a canvas (no cross-origin taint) and scan. */
async function qrImage(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 4, width: 232 });
}

function layout(title: string, main: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/style.css">
<script type="module" src="${script}"></script>
</head>
<body>
<header class="topbar"><a href="/">Tapkey demo</a> <nav><a href="/">Passkeys</a> <a href="/mfa">TOTP MFA</a>
 <a href="/hotp">HOTP</a></nav></header>
<main>
${main}
</main>
</body>
</html>
`;
}

function secretBlock(base32: string): string {
  const grouped = base32.replace(/(.{4})(?=.)/g, '$1 ');
  return `<p><button type="button" class="link" id="toggle-secret" aria-expanded="false"
 aria-controls="secret-box">
Show secret key</button></p>
<p id="secret-box" hidden>Secret key:
<code id="secret" data-secret="${escapeHtml(base32)}">${escapeHtml(base32)}</code>
<span class="hint">(${escapeHtml(grouped)})</span></p>`;
}

/** The enrolment QR code (its `data-otpauth` is the URI in it) and, behind a toggle, its secret. */
async function qrAndSecret(kind: Enrolment['kind'], base32: string): Promise<string> {
  const uri = otpauthUri(kind, base32);
  const qr = await qrImage(uri);
  const account = `${escapeHtml(OTP_ISSUER)}:${escapeHtml(OTP_ACCOUNT)}${kind === 'hotp' ? ' (HOTP)' : ''}`;
  return `<figure class="qr"><img id="qr" src="${qr}" width="232" height="232"
    alt="QR code for ${account}"
    data-otpauth="${escapeHtml(uri)}"></figure>
  ${secretBlock(base32)}`;
}

/**
 * The form that sends `codes` (input id → label) to the server, posted by otp.js, and the
 * `<output id="${name}-result">` for the answer.
 */
function codeForm(
  name: string,
  enrolmentId: string,
  codes: Record<string, string>,
  submit: { id: string; text: string },
): string {
  const inputs = Object.entries(codes).map(
    ([id, label]) => `    <label for="${id}">${label}</label>
    <input id="${id}" name="${id}" inputmode="numeric" autocomplete="one-time-code" maxlength="6"
      pattern="[0-9]{6}" required>`,
  );
  const enrolment = escapeHtml(enrolmentId);
  return `<form id="${name}-form" class="card" data-enrolment-id="${enrolment}" autocomplete="off">
    <input type="hidden" name="enrolmentId" value="${enrolment}">
${inputs.join('\n')}
    <div class="actions"><button type="submit" id="${submit.id}" class="primary">${submit.text}</button></div>
  </form>
  <output id="${name}-result" for="${Object.keys(codes).join(' ')}" aria-live="polite"></output>`;
}

export async function renderMfaPage(enrolmentId: string, base32: string): Promise<string> {
  const codes = { code1: 'MFA code 1', code2: 'MFA code 2' };
  const main = `<h1>Set up virtual MFA device</h1>
<p class="lead">A virtual MFA device is an app running on your device that you can configure by scanning
a QR code.</p>
<ol class="steps">
<li>
  <h2>Install a compatible application</h2>
  <p>Install an authenticator app, such as the Tapkey extension, on this browser.</p>
</li>
<li>
  <h2>Use your virtual MFA app and your device's camera to scan the QR code</h2>
  <p>Alternatively, you can type the secret key.</p>
  ${await qrAndSecret('totp', base32)}
</li>
<li>
  <h2>Type two consecutive MFA codes below</h2>
  ${codeForm('mfa', enrolmentId, codes, { id: 'assign', text: 'Assign MFA' })}
</li>
</ol>`;
  return layout('Set up virtual MFA device – Tapkey demo', main, '/otp.js');
}

export async function renderHotpPage(enrolmentId: string, base32: string): Promise<string> {
  const main = `<h1>Set up a counter-based (HOTP) device</h1>
<p class="lead">An HOTP device shows a new code each time you ask for one. The server accepts a code up to
${HOTP_LOOK_AHEAD} counters ahead of the last one it saw.</p>
<ol class="steps">
<li>
  <h2>Scan the QR code</h2>
  ${await qrAndSecret('hotp', base32)}
</li>
<li>
  <h2>Type the code your device shows</h2>
  ${codeForm('hotp', enrolmentId, { code: 'MFA code' }, { id: 'verify', text: 'Verify code' })}
</li>
</ol>`;
  return layout('Set up HOTP device – Tapkey demo', main, '/otp.js');
}
