// TOTP (/mfa) and HOTP (/hotp) enrolment pages: secret toggle and code verification.
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
    output.replaceChildren();
    delete output.dataset.status;
    const body = { enrolmentId: form.dataset.enrolmentId };
    for (const field of fields) body[field] = document.getElementById(field).value.trim();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    let status = 'error';
    let message;
    let json;
    try {
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      json = await response.json();
      status = response.ok && json.ok ? 'ok' : 'error';
      message = json.message ?? json.error ?? `HTTP ${response.status}`;
    } catch (error) {
      message = `Request failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      button.disabled = false;
    }
    const strong = document.createElement('strong');
    strong.textContent = message;
    output.append(strong);
    if (json !== undefined) {
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(json, null, 2);
      output.append(pre);
    }
    output.dataset.status = status;
  });
}

wire('mfa-form', 'mfa-result', '/api/mfa/verify', ['code1', 'code2']);
wire('hotp-form', 'hotp-result', '/api/hotp/verify', ['code']);
