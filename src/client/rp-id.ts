/**
 * Origin and RP ID rules: WebAuthn L3 §5.1.3 steps 6–8 (create) and §5.1.4.1 steps 5–7 (get), with
 * HTML's "is a registrable domain suffix of or is equal to" and the Public Suffix List (via tldts,
 * private section included so github.io, appspot.com and up.railway.app count as public suffixes).
 *
 * Where the specs leave room, this follows Chromium's
 * components/webauthn/core/browser/webauthn_security_utils.cc (OriginAllowedToMakeWebAuthnRequests,
 * OriginIsAllowedToClaimRelyingPartyId), because behind front door B Chrome itself runs those checks
 * before we ever see the request; both doors should accept and reject the same things.
 */
import { getPublicSuffix } from 'tldts';
import { WebAuthnError } from './errors.ts';

const PSL_OPTIONS = { allowPrivateDomains: true, extractHostname: false } as const;

/** RFC 1035 limit on a domain's text form; longer strings are not domains at all. */
const MAX_DOMAIN_LENGTH = 253;

function isIpHost(host: string): boolean {
  // The URL parser has already canonicalized IPv4 (including forms like 0x7f.1) to dotted decimal
  // and put IPv6 in brackets, so these two shapes are all an IP host can look like here.
  return host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host);
}

function isLocalhost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

/**
 * The caller origin's effective domain, after checking that the origin may use WebAuthn at all.
 * `origin` must be a serialized origin as the browser reports it (`sender.origin`).
 */
export function effectiveDomain(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    // An opaque origin serializes as "null", which does not parse as a URL.
    // WebAuthn L3 §5.1.3 step 6 / §5.1.4.1 step 5: opaque callerOrigin → NotAllowedError.
    throw new WebAuthnError('NotAllowedError', `caller origin is opaque or unparsable (got ${clip(origin)})`);
  }
  // Only http(s) origins have a host that can be a valid domain (WebAuthn L3 §5.1.3 step 7); Chromium
  // reports other schemes (file:, chrome-extension:) as SecurityError too.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebAuthnError(
      'SecurityError',
      `WebAuthn requires HTTPS: origin scheme is ${url.protocol}, expected https: (or http: on localhost)`,
    );
  }
  if (url.origin !== origin) {
    // Not an origin but a URL (path, query, upper case, default port…). Echo only its origin: a full
    // URL may carry tokens in its path or query.
    throw new WebAuthnError(
      'NotAllowedError',
      `caller origin must be a serialized origin such as ${url.origin}; got a different string`,
    );
  }
  // WebAuthn L3 §5.1.3 step 7: the effective domain must be a valid domain. Chromium additionally
  // requires a potentially trustworthy URL (Secure Contexts §3.1): https, or http on localhost.
  if (url.protocol === 'http:' && !isLocalhost(url.hostname)) {
    throw new WebAuthnError(
      'SecurityError',
      `WebAuthn requires HTTPS: got http: on ${url.hostname}, expected https: (http: only on localhost)`,
    );
  }
  // WebAuthn L3 §5.1.3 step 7: an IP address is a host but not a valid domain. (Chromium agrees:
  // HostIsIPAddress → INVALID_DOMAIN, even for http://127.0.0.1.)
  if (isIpHost(url.hostname)) {
    throw new WebAuthnError(
      'SecurityError',
      `origin host ${url.hostname} is an IP address, expected a domain (WebAuthn needs a valid domain)`,
    );
  }
  return url.hostname;
}

/**
 * The RP ID to use when the relying party gave `rpId` (rp.id for create, rpId for get).
 * WebAuthn L3 §5.1.3 step 8 / §5.1.4.1 step 7: it must be equal to, or a registrable domain suffix
 * of, the caller origin's effective domain; otherwise SecurityError.
 *
 * Canonical form: HTML's algorithm host-parses the candidate (lowercasing, ToASCII), but Chromium
 * compares the RP ID byte for byte with the origin's canonical host (`caller_origin.host() ==
 * claimed_relying_party_id`, then `DomainIs`, which is case-sensitive), so Chrome rejects
 * `Example.com` and `bücher.example` even where their canonical forms would match. We do the same:
 * the RP ID must already be its own canonical host (lower case, punycode, no port, no path), and
 * what we return is then exactly what the RP wrote, which is what it will hash on the server.
 */
export function validateRpId(rpId: string, origin: string): string {
  const host = effectiveDomain(origin);
  // HTML "is a registrable domain suffix of or is equal to" step 1: empty → false.
  if (rpId === '') throw rpIdError(rpId, host, 'it is empty');
  if (rpId.length > MAX_DOMAIN_LENGTH) {
    throw rpIdError(
      rpId,
      host,
      `it is ${rpId.length} characters long, expected at most ${MAX_DOMAIN_LENGTH}`,
    );
  }
  const canonical = canonicalHost(rpId);
  // HTML step 5.1: a suffix relation exists only between domains; and equality with an IP host cannot
  // happen either, because effectiveDomain rejected IP origins already.
  if (canonical !== undefined && isIpHost(canonical)) {
    throw rpIdError(rpId, host, 'it is an IP address, expected a domain');
  }
  if (canonical === undefined || /[:/?#@\\]/.test(rpId)) {
    throw rpIdError(rpId, host, 'it is not a bare domain, expected no scheme, port, path or userinfo');
  }
  if (canonical !== rpId) {
    throw rpIdError(
      rpId,
      host,
      `it is not in canonical form, expected "${clip(canonical)}" (lower case, punycode)`,
    );
  }
  // HTML step 4: equal hosts are fine.
  if (rpId === host) return rpId;
  // A trailing dot makes a different host ("example.com." ≠ "example.com") and the PSL lookup strips
  // it, so allow such names only through the equality above.
  if (rpId.endsWith('.') || host.endsWith('.')) {
    throw rpIdError(rpId, host, 'a name with a trailing dot can only be the RP ID of itself');
  }
  // HTML step 5.2: ".rpId" must match the end of host (label boundary: evilaccounts.example.com
  // does not end with ".accounts.example.com").
  if (!host.endsWith(`.${rpId}`)) {
    throw rpIdError(rpId, host, 'expected the host itself or a parent domain of it');
  }
  // HTML step 5.3: rpId must not itself be a public suffix (com, co.uk, github.io; also unknown
  // single labels such as localhost, which the PSL's default "*" rule makes a public suffix, as
  // Chromium's INCLUDE_UNKNOWN_REGISTRIES does: foo.localhost cannot claim localhost) …
  const rpIdSuffix = getPublicSuffix(rpId, PSL_OPTIONS);
  if (rpIdSuffix === null || rpIdSuffix === rpId) {
    throw rpIdError(rpId, host, 'it is a public suffix, expected a registrable domain');
  }
  // … and must not lie inside the host's own public suffix (foo.up.railway.app cannot claim
  // railway.app, although railway.app alone is registrable).
  const hostSuffix = getPublicSuffix(host, PSL_OPTIONS);
  if (hostSuffix === null || hostSuffix === rpId || hostSuffix.endsWith(`.${rpId}`)) {
    throw rpIdError(
      rpId,
      host,
      `it lies within the host's public suffix ${hostSuffix ?? '(none)'}, expected a name below it`,
    );
  }
  return rpId;
}

/** The WHATWG URL host parser's canonical form of `text`, or undefined when it is no host. */
function canonicalHost(text: string): string | undefined {
  try {
    return new URL(`https://${text}`).hostname;
  } catch {
    return undefined;
  }
}

function rpIdError(rpId: string, host: string, why: string): WebAuthnError {
  return new WebAuthnError(
    'SecurityError',
    `RP ID "${clip(rpId)}" is not valid for origin host ${host}: ${why}`,
  );
}

/** Keeps messages short when a page sends something huge. */
function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
