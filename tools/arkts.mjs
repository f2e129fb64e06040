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
import { createProgram, formatDiagnostic, isError, lint, typeCheck } from './lib/checker.mjs';
import { ts } from './lib/compiler-options.mjs';
import { relToRepo } from './lib/paths.mjs';
import { DEFAULT_TEST_TIMEOUT_MS, SECTIONS, runUnitTests } from './lib/unit-tests.mjs';

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
  }
  if (rules) {
    const r = lint(program);
    const n = printDiagnostics(r.diagnostics, { fromLinter: true });
    const ignored = r.ignored ? `; ${r.ignored} report(s) on SDK declarations ignored` : '';
    console.log(`[lint] ArkTS linter 1.1 (strict), ${n} error(s)${ignored} (${ms(r.ms)})`);
    errors += n;
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
      const r = await runUnitTests(args);
      return r.status;
    }
    case 'all': {
      const errors = check({ types: true, rules: true, verbose: args.verbose });
      if (errors) {
        console.log(`FAILED: ${errors} type/lint error(s); tests not run`);
        return 1;
      }
      console.log(`[check] OK in ${ms(performance.now() - t0)}`);
      // The test summary stays the last line of the run.
      const r = await runUnitTests(args);
      return r.status;
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
