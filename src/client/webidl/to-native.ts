/**
 * Converted options as an argument for the browser's own create()/get(), when the browser answers
 * instead of Tapkey. They are plain data the page cannot reach, so the browser's bindings convert
 * them to the same values again without running a page getter a second time; members Tapkey does
 * not convert (password, federated, identity, otp, digital, uiMode) are passed as the page gave them.
 */
import type {
  CredentialCreationOptions,
  CredentialRequestOptions,
  ExtensionInputs,
} from './credential-options.ts';

type Plain = Record<string, unknown>;

function withPlainRecords(extensions: ExtensionInputs): Plain {
  const out: Plain = { ...extensions };
  const prf = extensions.prf;
  if (prf?.evalByCredential !== undefined) {
    out.prf = { ...prf, evalByCredential: Object.fromEntries(prf.evalByCredential) };
  }
  return out;
}

function dropUndefined(source: Plain): Plain {
  const out: Plain = {};
  for (const [key, value] of Object.entries(source)) if (value !== undefined) out[key] = value;
  return out;
}

export function nativeCreationOptions(options: CredentialCreationOptions): Plain {
  const out = dropUndefined({ ...options });
  if (options.publicKey?.extensions) {
    out.publicKey = { ...options.publicKey, extensions: withPlainRecords(options.publicKey.extensions) };
  }
  return out;
}

export function nativeRequestOptions(options: CredentialRequestOptions): Plain {
  const out = dropUndefined({ ...options });
  if (options.publicKey?.extensions) {
    out.publicKey = { ...options.publicKey, extensions: withPlainRecords(options.publicKey.extensions) };
  }
  return out;
}
