// Passkey autofill: a conditional get() on page load, as sites that sign in without a button do.
// The outcome lands in <output id="result" data-status="ok|error">; "waiting" while it is pending.
import { clearResult, postJson, showResult } from './result.js';

const { startAuthentication, WebAuthnAbortService } = window.SimpleWebAuthnBrowser;

const $ = (id) => document.getElementById(id);
const result = $('result');

async function autofill() {
  clearResult(result);
  result.dataset.status = 'waiting';
  try {
    const options = await postJson('/api/login/options', { userVerification: 'preferred' });
    const optionsJSON = await options.json();
    const response = await startAuthentication({ optionsJSON, useBrowserAutofill: true });
    const verify = await postJson('/api/login/verify', { response });
    const json = await verify.json();
    if (verify.ok) $('username').value = json.username ?? '';
    showResult(result, verify.ok ? 'ok' : 'error', verify.ok ? 'Signed in.' : 'Sign-in failed.', json);
  } catch (error) {
    const name = error?.cause?.name ?? error?.name ?? 'Error';
    showResult(result, 'error', `Autofill ended: ${name}`, { error: name, message: String(error?.message) });
  }
}

$('stop').addEventListener('click', () => WebAuthnAbortService.cancelCeremony());
$('restart').addEventListener('click', () => void autofill());
void autofill();
