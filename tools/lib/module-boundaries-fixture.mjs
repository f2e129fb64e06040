// Self-test of the module-boundary check on a planted project (tools/fixtures/module-boundaries/), so
// `npm test` fails if the check stops refusing an import across modules, a file of another module's
// package, an undeclared package, a cycle of modules or a loop between the folders of a layered tree,
// or starts refusing an allowed one. Every line that must be reported ends with
// `// expect-error: <text of the report>`; the test passes when the reports are exactly those lines.
import fs from 'node:fs';
import path from 'node:path';
import { formatDiagnostic } from './checker.mjs';
import { ts } from './compiler-options.mjs';
import { moduleBoundaryCheck } from './module-boundaries.mjs';
import { FIXTURES_DIR, relToRepo } from './paths.mjs';

const ROOT = path.join(FIXTURES_DIR, 'module-boundaries');
const MODULES = ['core', 'kit', 'companion', 'companion-kit', 'loop'].map((m) => path.join(ROOT, m));
const EXPECT = /\/\/ expect-error: (.+?)\s*$/;

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      walk(p, out);
    } else if (p.endsWith('.ets') || p.endsWith('oh-package.json5')) {
      out.push(p);
    }
  }
  return out;
}

/** `{ problems, reports, expected, ms }`; `problems` is empty when the check behaves. */
export function runModuleBoundaryFixtures() {
  const t0 = performance.now();
  const files = walk(ROOT, []).sort();
  const expected = [];
  for (const file of files) {
    fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const m = EXPECT.exec(line);
      if (m) {
        expected.push({ file, line: i + 1, text: m[1], seen: false });
      }
    });
  }
  const sources = files.filter((f) => f.endsWith('.ets'))
    .map((f) => ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true));
  const { diagnostics } = moduleBoundaryCheck(sources, {
    moduleDirs: MODULES, rootPackageFile: path.join(ROOT, 'oh-package.json5'),
    layeredRoots: [path.join(ROOT, 'core', 'src', 'main', 'ets')]
  });
  const problems = [];
  const reports = diagnostics.map((d) => formatDiagnostic(d));
  diagnostics.forEach((d, k) => {
    const text = reports[k];
    const wanted = expected.find((e) => !e.seen && text.includes(e.text) && (d.file !== undefined
      ? e.file === d.file.fileName && e.line === d.file.getLineAndCharacterOfPosition(d.start).line + 1
      : text.includes(relToRepo(e.file))));
    if (wanted === undefined) {
      problems.push(`unexpected report: ${text}`);
    } else {
      wanted.seen = true;
    }
  });
  for (const e of expected.filter((x) => !x.seen)) {
    problems.push(`${relToRepo(e.file)}:${e.line}: not reported: ${e.text}`);
  }
  return { problems, reports, expected: expected.length, ms: performance.now() - t0 };
}
