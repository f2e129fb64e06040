// Self-test of the API-level check on planted fixtures (tools/fixtures/api-level/), so `npm test` fails
// if the check stops refusing newer APIs or starts refusing guarded ones.
//
// Each fixture .ets declares the level it is checked at in its first line, `// api-level-fixture: level=project`
// (the compatibleSdkVersion of build-profile.json5) or `level=<N>`, and marks every line that must be
// reported with `// expect-error: <api> <level>`. The test passes when the reports are exactly the marked
// lines, each naming its API and level in the message, and the fixtures have no type errors.
import fs from 'node:fs';
import path from 'node:path';
import { API_LEVEL_RULE, SDK_DECLARATION_ROOTS, apiLevelCheck } from './api-level.mjs';
import { createProgram, formatDiagnostic, typeCheck } from './checker.mjs';
import { FIXTURES_DIR, relToRepo } from './paths.mjs';

export const API_LEVEL_FIXTURES = path.join(FIXTURES_DIR, 'api-level');
const FIXTURE_TYPES = path.join(API_LEVEL_FIXTURES, 'types');

const LEVEL_LINE = /^\/\/ api-level-fixture: level=(project|\d+)\s*$/;
const EXPECT = /\/\/ expect-error: (\S+) (\d+)\s*$/;

function readFixture(file, projectLevel) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const m = LEVEL_LINE.exec(lines[0]);
  if (!m) {
    throw new Error(`${relToRepo(file)}: first line must be '// api-level-fixture: level=project|<N>'`);
  }
  const expected = [];
  lines.forEach((line, i) => {
    const e = EXPECT.exec(line);
    if (e) {
      expected.push({ line: i + 1, api: e[1], since: Number(e[2]) });
    }
  });
  return { file, level: m[1] === 'project' ? projectLevel : Number(m[1]), expected };
}

/** Fixture-only SDK modules: tools/fixtures/api-level/types/<module>.d.ts. */
function fixtureModules() {
  const paths = {};
  for (const f of fs.readdirSync(FIXTURE_TYPES)) {
    paths[f.replace(/\.d\.ts$/, '')] = path.join(FIXTURE_TYPES, f);
  }
  return paths;
}

/**
 * Runs every fixture; returns `{ fixtures, problems, reports, ms }`: `problems` lists what did not hold
 * (empty when the check behaves), `reports` the formatted diagnostics the fixtures produced.
 */
export function runApiLevelFixtures(projectLevel) {
  const t0 = performance.now();
  const files = fs.readdirSync(API_LEVEL_FIXTURES).filter((f) => f.endsWith('.ets')).sort()
    .map((f) => path.join(API_LEVEL_FIXTURES, f));
  const fixtures = files.map((f) => readFixture(f, projectLevel));
  const program = createProgram({
    files, ui: false, options: { extraPaths: fixtureModules(), buildInfo: 'api-level-fixtures' },
  });
  const problems = typeCheck(program).diagnostics.map((d) => `fixture does not compile: ${formatDiagnostic(d)}`);
  const reports = [];
  for (const fixture of fixtures) {
    const sf = program.program.getSourceFile(fixture.file);
    const { diagnostics } = apiLevelCheck(program.program, {
      level: fixture.level, files: [sf], sdkRoots: [...SDK_DECLARATION_ROOTS, FIXTURE_TYPES],
    });
    const where = (d) => sf.getLineAndCharacterOfPosition(d.start).line + 1;
    for (const d of diagnostics) {
      const text = formatDiagnostic(d);
      reports.push(text);
      const wanted = fixture.expected.find((e) => e.line === where(d));
      if (wanted === undefined) {
        problems.push(`unexpected report: ${text}`);
      } else if (d.api !== wanted.api || d.since !== wanted.since || !text.includes(`[${API_LEVEL_RULE}]`) ||
        !text.includes(`'${wanted.api}' API is supported since SDK version ${wanted.since}.`) ||
        !text.includes(`compatible SDK version is ${fixture.level}.`)) {
        problems.push(`${relToRepo(fixture.file)}:${wanted.line}: expected ${wanted.api} ${wanted.since}, got: ${text}`);
      }
    }
    for (const e of fixture.expected) {
      if (!diagnostics.some((d) => where(d) === e.line)) {
        problems.push(`${relToRepo(fixture.file)}:${e.line}: ${e.api} (API ${e.since}) at level ${fixture.level} ` +
          'was not reported');
      }
    }
  }
  return { fixtures, problems, reports, ms: performance.now() - t0 };
}
