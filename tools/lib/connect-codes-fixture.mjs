// Self-test of the connect-code check on a planted guide and mapping (tools/fixtures/connect-codes/),
// so `npm test` fails if the check stops noticing a removed, wrong or extra row. The planted guide
// lists the problems it must produce on lines starting `expect: `; the test passes when the reports
// are exactly those.
import fs from 'node:fs';
import path from 'node:path';
import { checkConnectCodes } from './connect-codes.mjs';
import { FIXTURES_DIR } from './paths.mjs';

const ROOT = path.join(FIXTURES_DIR, 'connect-codes');

/** `{ problems, reports, expected, ms }`; `problems` is empty when the check behaves. */
export function runConnectCodeFixture() {
  const t0 = performance.now();
  const guide = path.join(ROOT, 'README.md');
  const expected = fs.readFileSync(guide, 'utf8').split('\n')
    .filter((l) => l.startsWith('expect: ')).map((l) => ({ text: l.slice('expect: '.length).trim(), seen: false }));
  const reports = checkConnectCodes({ guide, mappingFile: path.join(ROOT, 'SdkErrorMapping.ets') });
  const problems = [];
  for (const report of reports) {
    const wanted = expected.find((e) => !e.seen && report.includes(e.text));
    if (wanted === undefined) {
      problems.push(`unexpected report: ${report}`);
    } else {
      wanted.seen = true;
    }
  }
  for (const e of expected.filter((x) => !x.seen)) {
    problems.push(`not reported: ${e.text}`);
  }
  return { problems, reports, expected: expected.length, ms: performance.now() - t0 };
}
