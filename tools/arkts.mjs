#!/usr/bin/env node
// The project's host toolchain: what DevEco would check and run, on plain Node.
//
//   node tools/arkts.mjs all        type-check + ArkTS lint, then the Hypium tests (npm test)
//   node tools/arkts.mjs check      type-check + ArkTS lint (one program)
//   node tools/arkts.mjs typecheck  type-check only
//   node tools/arkts.mjs lint       ArkTS linter 1.1 only
//   node tools/arkts.mjs test       Hypium suites: local (src/test), instrumented (src/ohosTest),
//                                   host-only, and the runner's own rule check
//
// Options: --filter <Suite[#test][,...]>  run only those suites/tests (Hypium's `-s class`)
//          --section <name>               one section only: local, instrumented, host-only, check
//          --timeout <ms>                 per-test timeout (default 20000)
//          --verbose                      list every checked file; keep Hypium's console output
// Exit status: 0 clean, 1 diagnostics or failing tests, 2 usage or internal error.
//
// The type-check also covers, each in its own program where needed:
//   [api-level]      uses of SDK APIs newer than compatibleSdkVersion (build-profile.json5), see lib/api-level.mjs
//   [modules]        imports stay in their module or name a declared package by its bare name; the library
//                    never imports its test kit nor the companion HAR; the library's folders import one way,
//                    without loops (lib/module-boundaries.mjs)
//   [sdk-level]      compatibleSdkVersion against the vendor HARs' own levels and targetSdkVersion
//   [vendor typings] the Tuya adapter against the published-HAR declaration set (lib/vendor-typings.mjs)
//   [api-level fixtures] the API-level check on its planted fixtures (lib/api-level-fixture.mjs)
//   [guide]          each HAR's README against its Index.ets: a table row per export, quoted examples exact (lib/guide-check.mjs);
//                    versions written in the READMEs against the package files (lib/version-mentions.mjs)
//   [connect codes]  the guide's "Connect codes" table against the code's mapping table, both ways (lib/connect-codes.mjs),
//                    and the check on its planted guide (lib/connect-codes-fixture.mjs)
//   [modules fixtures]   the module-boundary check on its planted project (lib/module-boundaries-fixture.mjs)
// and before the Hypium tests (all, test without --filter):
//   [tuya adapter]   the adapter run against a scripted SDK object (lib/tuya-adapter-run.mjs)
import path from 'node:path';
import { API_LEVEL_RULE, apiLevelCheck } from './lib/api-level.mjs';
import { runApiLevelFixtures } from './lib/api-level-fixture.mjs';
import { createProgram, formatDiagnostic, isError, lint, ownSourceFiles, typeCheck } from './lib/checker.mjs';
import { SDK_LEVEL, ts } from './lib/compiler-options.mjs';
import { MODULE_RULE, moduleBoundaryCheck } from './lib/module-boundaries.mjs';
import { runModuleBoundaryFixtures } from './lib/module-boundaries-fixture.mjs';
import { COMPANION_DIR, COMPANION_TESTING_DIR, LIBRARY_DIR, MODULE_DIRS, TESTING_DIR, relToRepo } from './lib/paths.mjs';
import { checkGuide, exportedNames } from './lib/guide-check.mjs';
import { checkConnectCodes, findMappingFile } from './lib/connect-codes.mjs';
import { checkVersionMentions } from './lib/version-mentions.mjs';
import { runConnectCodeFixture } from './lib/connect-codes-fixture.mjs';
import { DEFAULT_TEST_TIMEOUT_MS, SECTIONS, runUnitTests } from './lib/unit-tests.mjs';
import { runTuyaAdapter } from './lib/tuya-adapter-run.mjs';
import { checkAdapterAgainst, packagesAbove } from './lib/vendor-typings.mjs';

const USAGE = 'usage: node tools/arkts.mjs all|check|typecheck|lint|test [--filter Suite[#test]] [--section name] [--timeout ms] [--verbose]';

function parseArgs(argv) {
  const args = { command: argv[0], filter: undefined, section: undefined, timeoutMs: DEFAULT_TEST_TIMEOUT_MS, verbose: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) {
        throw new Error(`${flag} needs a value`);
      }
      return v;
    };
    if (flag === '--filter') {
      args.filter = value();
    } else if (flag === '--section') {
      args.section = value();
      if (!SECTIONS.includes(args.section)) {
        throw new Error(`--section must be one of ${SECTIONS.join(', ')}`);
      }
    } else if (flag === '--timeout') {
      args.timeoutMs = Number(value());
      if (!Number.isInteger(args.timeoutMs) || args.timeoutMs <= 0) {
        throw new Error('--timeout must be a positive integer (ms)');
      }
    } else if (flag === '--verbose') {
      args.verbose = true;
    } else {
      throw new Error(`unknown argument '${a}'`);
    }
  }
  return args;
}

const ms = (x) => `${Math.round(x)} ms`;

function printDiagnostics(diagnostics, options) {
  const errors = diagnostics.filter(isError);
  for (const d of diagnostics) {
    console.log('  ' + formatDiagnostic(d, options));
  }
  return errors.length;
}

const LEVEL = `compatibleSdkVersion ${SDK_LEVEL.compatible.text}`;

/** The project's level against the vendor packages' and targetSdkVersion; returns the number of errors. */
function checkSdkLevel() {
  const api = SDK_LEVEL.compatible.api;
  const { all, above } = packagesAbove(api);
  for (const p of above) {
    console.log(`  build-profile.json5: [sdk-level] ${LEVEL} is below ${p.name} ${p.version}, which needs API ` +
      `${p.level}; hvigor refuses a module whose level is below a dependency's`);
  }
  const target = SDK_LEVEL.target;
  const targetLow = target !== null && target.api < api;
  if (targetLow) {
    console.log(`  build-profile.json5: [sdk-level] targetSdkVersion ${target.text} is below ${LEVEL}`);
  }
  const levels = all.filter((p) => p.level !== undefined).map((p) => `${p.name} ${p.version} (${p.level})`);
  console.log(`[sdk-level] ${LEVEL}, targetSdkVersion ${target === null ? 'unset' : target.text}; vendor HARs: ` +
    `${levels.join(', ')}; ${above.length + (targetLow ? 1 : 0)} error(s)`);
  return above.length + (targetLow ? 1 : 0);
}

/** The Tuya adapter against the published-HAR typings; returns the number of errors. */
function checkVendorTypings({ types, rules }) {
  const r = checkAdapterAgainst('published');
  let n = 0;
  if (types) {
    n += printDiagnostics(r.types.diagnostics, {});
  }
  if (rules) {
    n += printDiagnostics(r.rules.diagnostics, { fromLinter: true });
  }
  const against = r.packages.map((p) => (p.version ? `${p.name} ${p.version}` : p.name)).join(' + ');
  console.log(`[vendor typings] ${r.types.files} files of the Tuya adapter against ${against}, ${n} error(s) (${ms(r.ms)})`);
  return n;
}

function checkModuleBoundaryFixtures() {
  const r = runModuleBoundaryFixtures();
  for (const p of r.problems) {
    console.log(`  [modules fixtures] ${p}`);
  }
  console.log(`[modules fixtures] tools/fixtures/module-boundaries: ${r.reports.length} report(s), ${r.expected} expected ` +
    `(across modules, into a package's files, undeclared, cycles, folder loops), allowed imports accepted: ${r.problems.length ? 'FAILED' : 'OK'} (${ms(r.ms)})`);
  return r.problems.length;
}

function checkApiLevelFixtures() {
  const r = runApiLevelFixtures(SDK_LEVEL.compatible.api);
  for (const p of r.problems) {
    console.log(`  [api-level fixtures] ${p}`);
  }
  console.log(`[api-level fixtures] ${r.fixtures.length} fixtures, ${r.reports.length} expected report(s) of ` +
    `unguarded newer APIs, guarded uses accepted: ${r.problems.length ? 'FAILED' : 'OK'} (${ms(r.ms)})`);
  return r.problems.length;
}

/**
 * The HAR guides against the code: every exported name has a table row, and the library guide's
 * example is the type-checked file it quotes. Returns the number of problems.
 */
/** The most names the core's Index.ets may export. */
const MAX_CORE_NAMES = 100;

function checkGuides() {
  const guides = [
    { guide: path.join(LIBRARY_DIR, 'README.md'), indexes: [path.join(LIBRARY_DIR, 'Index.ets')], requireQuote: true },
    { guide: path.join(TESTING_DIR, 'README.md'), indexes: [path.join(TESTING_DIR, 'Index.ets')], requireQuote: true },
    { guide: path.join(COMPANION_DIR, 'README.md'), indexes: [path.join(COMPANION_DIR, 'Index.ets')], requireQuote: false },
    { guide: path.join(COMPANION_TESTING_DIR, 'README.md'), indexes: [path.join(COMPANION_TESTING_DIR, 'Index.ets')], requireQuote: true },
  ];
  let problems = 0;
  for (const g of guides) {
    const found = checkGuide(g);
    for (const p of found) {
      console.log(`  [guide] ${p}`);
    }
    problems += found.length;
  }
  const v = checkVersionMentions();
  for (const p of v.problems) {
    console.log(`  [guide] ${p}`);
  }
  problems += v.problems.length;
  // The core's public surface is kept to what an app uses: one screen of names.
  const coreNames = exportedNames(path.join(LIBRARY_DIR, 'Index.ets')).length;
  if (coreNames > MAX_CORE_NAMES) {
    console.log(`  [guide] library/Index.ets exports ${coreNames} names, more than ${MAX_CORE_NAMES}`);
    problems += 1;
  }
  console.log(`[guide] ${guides.map((g) => relToRepo(g.guide)).join(', ')} against their Index.ets, and ${v.mentions} ` +
    `package versions the READMEs write down against the package files; library/Index.ets exports ${coreNames} ` +
    `names (at most ${MAX_CORE_NAMES}): ${problems} problem(s)`);
  return problems;
}

/** The guide's connect-code table against the code's mapping, then the check on its planted guide. */
function checkConnectCodeTable() {
  const src = path.join(LIBRARY_DIR, 'src', 'main', 'ets');
  let mappingFile;
  let found;
  try {
    mappingFile = findMappingFile(src);
    found = checkConnectCodes({ guide: path.join(LIBRARY_DIR, 'README.md'), mappingFile });
  } catch (e) {
    found = [e.message];
  }
  for (const p of found) {
    console.log(`  [connect codes] ${p}`);
  }
  const f = runConnectCodeFixture();
  for (const p of f.problems) {
    console.log(`  [connect codes fixture] ${p}`);
  }
  console.log(`[connect codes] library/README.md "Connect codes" against ${mappingFile ? relToRepo(mappingFile) : 'the mapping'}: ` +
    `${found.length} problem(s); planted guide (row removed, wrong, extra): ${f.reports.length} report(s), ${f.expected} expected: ` +
    `${f.problems.length ? 'FAILED' : 'OK'} (${ms(f.ms)})`);
  return found.length + f.problems.length;
}

/** The adapter against a scripted SDK object; returns the number of failed checks. */
async function runAdapter() {
  const r = await runTuyaAdapter();
  for (const [name, message] of r.failures) {
    console.log(`  FAIL ${name}\n    ${message.split('\n').join('\n    ')}`);
  }
  console.log(`[tuya adapter] TuyaSdk.ets on a scripted SDK object: ${r.passed} passed, ${r.failures.length} failed ` +
    `(${ms(r.ms)})`);
  return r.failures.length;
}

/** Type-check and/or lint; returns the number of errors. */
function check({ types, rules, verbose }) {
  const program = createProgram();
  console.log(`[program] ohos-typescript ${ts.version}: ${program.projectFiles.length} project .ets files, ` +
    `${program.program.getSourceFiles().length} files with SDK declarations (${ms(program.ms)})`);
  if (verbose) {
    for (const f of program.projectFiles) {
      console.log(`  ${relToRepo(f)}`);
    }
  }
  let errors = 0;
  if (types) {
    const r = typeCheck(program);
    const n = printDiagnostics(r.diagnostics, {});
    console.log(`[typecheck] ${r.files} files, ${n} error(s) (${ms(r.ms)})`);
    errors += n;
    const sources = ownSourceFiles(program.program).filter((sf) => !sf.isDeclarationFile);
    const a = apiLevelCheck(program.program, { level: SDK_LEVEL.compatible.api, files: sources });
    const m = printDiagnostics(a.diagnostics, {});
    console.log(`[api-level] ${LEVEL} (build-profile.json5): ${m} unguarded use(s) of newer SDK APIs, ` +
      `${a.guarded} guarded [${API_LEVEL_RULE}] (${ms(a.ms)})`);
    errors += m + checkSdkLevel();
    const b = moduleBoundaryCheck(sources);
    const k = printDiagnostics(b.diagnostics, {});
    console.log(`[modules] ${b.imports} imports in ${b.files} files of ${MODULE_DIRS.length} modules: ${k} outside ` +
      `the module or its declared packages, or closing a loop of the library's ${b.folderEdges} folder imports ` +
      `[${MODULE_RULE}] (${ms(b.ms)})`);
    errors += k;
  }
  if (rules) {
    const r = lint(program);
    const n = printDiagnostics(r.diagnostics, { fromLinter: true });
    const ignored = r.ignored ? `; ${r.ignored} report(s) on SDK declarations ignored` : '';
    console.log(`[lint] ArkTS linter 1.1 (strict), ${n} error(s)${ignored} (${ms(r.ms)})`);
    errors += n;
  }
  errors += checkVendorTypings({ types, rules });
  if (types) {
    errors += checkApiLevelFixtures();
    errors += checkModuleBoundaryFixtures();
    errors += checkGuides();
    errors += checkConnectCodeTable();
  }
  return errors;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  const t0 = performance.now();
  switch (args.command) {
    case 'check':
    case 'typecheck':
    case 'lint': {
      const errors = check({ types: args.command !== 'lint', rules: args.command !== 'typecheck', verbose: args.verbose });
      console.log(`${errors ? 'FAILED' : 'OK'}: ${errors} error(s) in ${ms(performance.now() - t0)}`);
      return errors ? 1 : 0;
    }
    case 'test': {
      const failed = args.filter === undefined ? await runAdapter() : 0;
      const r = await runUnitTests(args);
      return failed ? 1 : r.status;
    }
    case 'all': {
      const errors = check({ types: true, rules: true, verbose: args.verbose });
      if (errors) {
        console.log(`FAILED: ${errors} type/lint error(s); tests not run`);
        return 1;
      }
      console.log(`[check] OK in ${ms(performance.now() - t0)}`);
      const failed = args.filter === undefined ? await runAdapter() : 0;
      // The test summary stays the last line of the run.
      const r = await runUnitTests(args);
      return failed ? 1 : r.status;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

// `... | head` closes the pipe early; that is not an error of the run.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') {
    process.exit(process.exitCode ?? 0);
  }
  throw e;
});

main().then((status) => {
  process.exitCode = status;
}, (e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exitCode = 2;
});
