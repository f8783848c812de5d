// `npm run golden:update`: rewrites test/fixtures/golden-authenticator.json from the golden ceremonies.
// The test only reads the fixture; a change to it is a change of the wire format, so the diff is
// reviewed like code (and checked against @simplewebauthn/server and fido2-lib in ceremony.test.ts).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_FIXTURE, GOLDEN_SOURCE, produceGolden } from '../src/authenticator/testing/golden.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const path = join(ROOT, GOLDEN_FIXTURE);
writeFileSync(path, `${JSON.stringify({ source: GOLDEN_SOURCE, ...(await produceGolden()) }, null, 2)}\n`);
console.log(`wrote ${GOLDEN_FIXTURE}: review the diff before committing it`);
