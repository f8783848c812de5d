// TOTP (/mfa) and HOTP (/hotp) enrolment pages: secret toggle and code verification.
import { clearResult, postJson, showResult } from './result.js';

const toggle = document.getElementById('toggle-secret');
const secretBox = document.getElementById('secret-box');
toggle?.addEventListener('click', () => {
  const show = secretBox.hidden;
  secretBox.hidden = !show;
  toggle.setAttribute('aria-expanded', String(show));
  toggle.textContent = show ? 'Hide secret key' : 'Show secret key';
});

function wire(formId, outputId, path, fields) {
  const form = document.getElementById(formId);
  if (!form) return;
  const output = document.getElementById(outputId);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearResult(output);
    const body = { enrolmentId: form.dataset.enrolmentId };
    for (const field of fields) body[field] = document.getElementById(field).value.trim();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    let status = 'error';
    let message;
    let json;
    try {
      const response = await postJson(path, body);
      json = await response.json();
      status = response.ok && json.ok ? 'ok' : 'error';
      message = json.message ?? json.error ?? `HTTP ${response.status}`;
    } catch (error) {
      message = `Request failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
    }
    showResult(output, status, message, json);
  });
}

wire('mfa-form', 'mfa-result', '/api/mfa/verify', ['code1', 'code2']);
wire('hotp-form', 'hotp-result', '/api/hotp/verify', ['code']);
