/**
 * Every case Chrome answered (test/fixtures/webidl/chrome-outcomes.json) through the page script's
 * pure pipeline (conversion, Chrome's page steps, WebAuthn JSON) and the worker's checks
 * (parseCreationOptions / parseRequestOptions), in Node: the fast half of
 * test/e2e/chrome-parity.spec.ts, which replays the same cases through the built extension.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_CREDENTIAL_ID, optionsOf, type RecordedCase } from '../../../scripts/chrome-oracle/cases.ts';
import { nodeHarness } from '../../../scripts/chrome-oracle/node-harness.ts';
import { NOTHING_THROWN, thrownBy } from '../../shared/testing/thrown.ts';
import { WebAuthnError } from '../errors.ts';
import { parseCreationOptions, parseRequestOptions } from '../parse-options.ts';
import type { CallerContext } from '../types.ts';
import { convertCredentialCreationOptions, convertCredentialRequestOptions } from './credential-options.ts';
import { createSteps, getSteps, type PageStep } from './page-steps.ts';
import { creationOptionsToJSON, requestOptionsToJSON } from './to-json.ts';

const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/webidl/chrome-outcomes.json'), 'utf8'),
) as { chromium: string; cases: RecordedCase[] };

const HOST = 'localhost:8787';
const caller: CallerContext = { origin: `http://${HOST}`, sameOriginWithAncestors: true };
/** Reported for a call the browser's own implementation would answer. */
const BROWSER = 'HandedToBrowser';

function early(step: PageStep, signal: AbortSignal | undefined): void {
  if (step.action === 'browser') throw Object.assign(new Error(step.reason), { name: BROWSER });
  if (step.action === 'abort') throw signal?.reason;
  if (step.action === 'reject') {
    throw step.name === 'TypeError' ? new TypeError(step.message) : new DOMException(step.message, step.name);
  }
}

/** The worker's answer as the page script rethrows it. */
function worker(run: () => { authenticatorAttachment?: string } | object): void {
  let parsed: object = {};
  const e = thrownBy(() => {
    parsed = run();
  });
  if (e instanceof WebAuthnError) {
    throw e.name === 'TypeError' ? new TypeError(e.message) : new DOMException(e.message, e.name);
  }
  if (e !== NOTHING_THROWN) throw e;
  if ('authenticatorAttachment' in parsed && parsed.authenticatorAttachment === 'platform') {
    throw Object.assign(new Error('platform'), { name: BROWSER });
  }
}

const posted = (json: unknown) => JSON.parse(JSON.stringify(json)) as unknown;

const harness = nodeHarness(
  {
    async create(argument) {
      const options = convertCredentialCreationOptions(argument);
      early(createSteps(options), options.signal);
      worker(() => parseCreationOptions(posted(creationOptionsToJSON(options.publicKey!)), caller));
      return null;
    },
    async get(argument) {
      const options = convertCredentialRequestOptions(argument);
      early(getSteps(options), options.signal);
      worker(() => parseRequestOptions(posted(requestOptionsToJSON(options.publicKey!)), caller));
      return null;
    },
  },
  HOST,
);
harness.setCredentialId(KNOWN_CREDENTIAL_ID);

/** 'success' here means the request reached the authenticator, which asks the user. */
function agrees(expected: string, observed: string): boolean {
  if (expected === observed) return true;
  // The authenticator, not the client, refuses an unsupported algorithm or finds no credential;
  // the e2e replay checks those through the real one.
  return observed === 'success' && (expected === 'pending' || expected === 'NotAllowedError');
}

/**
 * Handed to the browser, and only these: no publicKey, password beside publicKey, largeBlob
 * "required" for a non-discoverable credential (Tapkey keeps blobs for discoverable credentials only;
 * Chrome answers NotAllowedError there too).
 */
const HANDED_TO_BROWSER = [
  'chrome-extensions-create-09',
  'container-create-01',
  'container-create-04',
  'container-get-01',
];

describe(`the page pipeline answers as Chromium ${fixture.chromium} does`, () => {
  it.each(fixture.cases.map((c) => [`${c.id} ${c.title}`, c] as const))('%s', async (_title, c) => {
    const { outcome } = await harness.run(c.kind, optionsOf(c.kind, c.set));
    if (HANDED_TO_BROWSER.includes(c.id)) expect(outcome).toBe(BROWSER);
    else expect(agrees(c.outcome, outcome), `Chrome ${c.outcome}, Tapkey ${outcome}`).toBe(true);
  });

  it('hands to the browser only what is the browser’s (every case listed exists)', () => {
    expect(fixture.cases.map((c) => c.id)).toEqual(expect.arrayContaining(HANDED_TO_BROWSER));
  });
});
