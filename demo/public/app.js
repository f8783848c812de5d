// Demo page: runs WebAuthn ceremonies with @simplewebauthn/browser (UMD global) against this server.
// The outcome of each ceremony lands in <output id="result" data-status="ok|error">.
import { clearResult, postJson, showResult } from './result.js';

const { startRegistration, startAuthentication, browserSupportsWebAuthn } = window.SimpleWebAuthnBrowser;

const $ = (id) => document.getElementById(id);
const result = $('result');
const buttons = ['register', 'sign-in', 'sign-in-discoverable', 'reset'].map($);

$('rp-id').textContent = location.hostname;

function show(status, text, details) {
  showResult(result, status, text, details);
}

function clear() {
  clearResult(result);
}

async function post(path, body) {
  const response = await postJson(path, body);
  const json = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  return { ok: response.ok, json };
}

function settings() {
  return {
    username: $('username').value.trim(),
    residentKey: $('resident-key').value,
    userVerification: $('user-verification').value,
    attestation: $('attestation').value,
    excludeExisting: $('exclude-existing').checked,
    prfAndLargeBlob: $('prf-large-blob').checked,
    prfInput: $('prf-input').value,
    largeBlob: $('large-blob').value,
    largeBlobText: $('large-blob-text').value,
  };
}

function base64urlToBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

function bytesToBase64url(buffer) {
  return btoa(String.fromCharCode(...new Uint8Array(buffer)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * @simplewebauthn/browser passes extensions as they are: the byte inputs of prf (WebAuthn L3 §10.1.4)
 * and largeBlob (§10.1.5) go from base64url to bytes here.
 */
function extensionInputs(extensions) {
  if (!extensions) return extensions;
  const out = { ...extensions };
  if (extensions.prf?.eval) {
    const { first, second } = extensions.prf.eval;
    out.prf = {
      eval: { first: base64urlToBytes(first), ...(second ? { second: base64urlToBytes(second) } : {}) },
    };
  }
  if (extensions.largeBlob?.write !== undefined)
    out.largeBlob = { write: base64urlToBytes(extensions.largeBlob.write) };
  return out;
}

/** getClientExtensionResults() has ArrayBuffers (prf results, largeBlob.blob): base64url for JSON. */
function extensionOutputs(results) {
  return JSON.parse(
    JSON.stringify(results, (_key, value) =>
      value instanceof ArrayBuffer ? bytesToBase64url(value) : value,
    ),
  );
}

/** The large blob as text, for people to read. */
function blobText(outcome) {
  const blob = outcome.json?.clientExtensionResults?.largeBlob?.blob;
  if (outcome.ok && typeof blob === 'string')
    outcome.json.largeBlobText = new TextDecoder().decode(base64urlToBytes(blob));
  return outcome;
}

/** Errors from the browser (DOMException or SimpleWebAuthn's WebAuthnError) keep their name. */
function describeError(error) {
  if (error instanceof Error) {
    const details = { error: error.name, message: error.message };
    if (error.code) details.code = error.code;
    if (error.cause instanceof Error)
      details.cause = { name: error.cause.name, message: error.cause.message };
    return details;
  }
  return { error: 'Error', message: String(error) };
}

async function run(label, ceremony) {
  clear();
  for (const button of buttons) button.disabled = true;
  try {
    const outcome = await ceremony();
    if (outcome.ok) show('ok', `${label} succeeded.`, outcome.json);
    else show('error', `${label} failed: ${outcome.json.error ?? 'unknown error'}`, outcome.json);
  } catch (error) {
    const details = describeError(error);
    show('error', `${label} failed: ${details.error}: ${details.message}`, details);
  } finally {
    for (const button of buttons) button.disabled = false;
  }
}

async function register() {
  const { username, ...options } = settings();
  if (!username) return { ok: false, json: { error: 'Enter a username first.' } };
  const optionsResponse = await post('/api/register/options', { username, ...options });
  if (!optionsResponse.ok) return optionsResponse;
  const response = await startRegistration({ optionsJSON: optionsResponse.json });
  response.clientExtensionResults = extensionOutputs(response.clientExtensionResults);
  return post('/api/register/verify', { username, response });
}

async function signIn(discoverable) {
  const { username, userVerification, prfInput, largeBlob, largeBlobText } = settings();
  if (!discoverable && !username) return { ok: false, json: { error: 'Enter a username first.' } };
  const extras = { userVerification, prfInput, largeBlob, largeBlobText };
  const body = discoverable ? extras : { username, ...extras };
  const optionsResponse = await post('/api/login/options', body);
  if (!optionsResponse.ok) return optionsResponse;
  const optionsJSON = {
    ...optionsResponse.json,
    extensions: extensionInputs(optionsResponse.json.extensions),
  };
  const response = await startAuthentication({ optionsJSON });
  response.clientExtensionResults = extensionOutputs(response.clientExtensionResults);
  return blobText(await post('/api/login/verify', discoverable ? { response } : { username, response }));
}

$('webauthn-form').addEventListener('submit', (event) => {
  event.preventDefault();
  run('Registration', register);
});
$('sign-in').addEventListener('click', () => run('Sign-in', () => signIn(false)));
$('sign-in-discoverable').addEventListener('click', () =>
  run('Sign-in without username', () => signIn(true)),
);
$('reset').addEventListener('click', () => run('Reset', () => post('/api/reset', {})));

if (!browserSupportsWebAuthn()) show('error', 'This browser does not support WebAuthn.');
