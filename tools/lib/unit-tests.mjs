// Runs the project's Hypium suites the way DevEco runs them, one Node program per run:
//
//   local         each module's src/test/List.test.ets (library, testing, companion, companion-testing, entry), as DevEco's Local
//                 Test runs it on the host: a system module needs a src/mock stand-in, or its first
//                 call fails the test;
//   instrumented  each HAR's src/ohosTest/ets/test/List.test.ets, as a device runs it: system modules
//                 are the Node stand-ins of tools/stubs/ (src/mock stand-ins first, as on a device);
//   host-only     each HAR's src/test/HostOnlyList.ets: suites only this runner can run (they read
//                 Tuya's demo files from the host checkout), with the Node stand-ins;
//   check         the runner's own rule, proven on a planted fixture (tools/fixtures/system-call).
//
// Each run prints its own `N passed, M failed` line; the last line is the total.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { bundleEts, formatBuildError } from './bundle.mjs';
import { CACHE_DIR, ENTRY_DIR, HAR_DIRS, REPO_ROOT, TOOLS_DIR, relToRepo } from './paths.mjs';
import { readMockConfig } from './system-modules.mjs';

const DELEGATOR = path.join(path.dirname(new URL(import.meta.url).pathname), 'hypium-delegator.mjs');
const OUT_DIR = path.join(CACHE_DIR, 'hypium');
const FIXTURE_DIR = path.join(TOOLS_DIR, 'fixtures', 'system-call');

/** Per-test timeout. Tests run on virtual time, so this only catches real hangs. */
export const DEFAULT_TEST_TIMEOUT_MS = 20000;

/** The sections `--section` may name, in run order. */
export const SECTIONS = ['local', 'instrumented', 'host-only', 'check'];

/** Every run of the project's suites: section, DevEco module, list file, how system modules resolve. */
const localList = (dir) => path.join(dir, 'src', 'test', 'List.test.ets');
const instrumentedList = (dir) => path.join(dir, 'src', 'ohosTest', 'ets', 'test', 'List.test.ets');
const hostOnlyList = (dir) => path.join(dir, 'src', 'test', 'HostOnlyList.ets');
// A HAR without instrumented or host-only suites (the companion and its test kit have neither) simply
// has no such run.
const RUNS = [
  ...[...HAR_DIRS, ENTRY_DIR].map((moduleDir) => ({ section: 'local', moduleDir, list: localList(moduleDir), mode: 'local' })),
  ...HAR_DIRS.map((moduleDir) => ({ section: 'instrumented', moduleDir, list: instrumentedList(moduleDir), mode: 'instrumented' })),
  ...HAR_DIRS.map((moduleDir) => ({ section: 'host-only', moduleDir, list: hostOnlyList(moduleDir), mode: 'instrumented' })),
].filter((run) => run.section === 'local' || fs.existsSync(run.list));

const SUMMARY_LINE = /^(\d+) passed, (\d+) failed$/;
const stripColor = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

function mainSource(list, options) {
  return [
    `import { runSuites } from ${JSON.stringify(DELEGATOR)};`,
    `import suites from ${JSON.stringify(list)};`,
    `runSuites([suites], ${JSON.stringify(options)});`,
  ].join('\n') + '\n';
}

/**
 * Bundles and runs one list. `quiet`: keep the child's output instead of printing it (the check).
 * Resolves to { status, passed, failed, output }.
 */
async function runList(run, { filter, timeoutMs, verbose, quiet = false, throwing = false }) {
  const label = run.mode === 'local' ? 'local' : run.section;
  let mockConfig;
  try {
    mockConfig = readMockConfig(run.moduleDir);
  } catch (e) {
    return reportBuildFailure(run, e.message, quiet);
  }
  if (throwing) {
    mockConfig.mocks.clear();
  }
  const configFile = path.relative(REPO_ROOT, mockConfig.configFile);
  const parameters = { '-s timeout': String(timeoutMs) };
  if (filter) {
    parameters['-s class'] = filter;
  }
  const options = {
    root: REPO_ROOT,
    parameters,
    verbose,
    idleTimeoutMs: timeoutMs + 10000,
    rawLog: path.join(OUT_DIR, `report-${run.section}-${path.basename(run.moduleDir)}.log`),
    guards: { mode: run.mode, label, configFile },
    // With a filter, a run whose suites all fall outside it is fine; the total must not be empty.
    allowEmpty: Boolean(filter),
  };
  // One file per run and process: several developers' runs may share the checkout.
  const outfile = path.join(OUT_DIR, `tests-${run.section}-${path.basename(run.moduleDir)}-${process.pid}.mjs`);
  let code;
  try {
    ({ code } = await bundleEts({
      stdin: { contents: mainSource(run.list, options), resolveDir: REPO_ROOT, sourcefile: 'hypium-main.mjs', loader: 'js' },
      outfile,
      systemModules: { mode: run.mode, mocks: mockConfig.mocks, configFile, throwing },
    }));
  } catch (e) {
    return reportBuildFailure(run, formatBuildError(e), quiet);
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(outfile, code);
  const removeBundle = () => fs.rmSync(outfile, { force: true });
  process.on('exit', removeBundle);
  const result = await runChild(outfile, quiet);
  removeBundle();
  process.off('exit', removeBundle);
  return result;
}

function reportBuildFailure(run, text, quiet) {
  const output = `[test] cannot build ${relToRepo(run.list)}:\n${text}\n0 passed, 1 failed\n`;
  if (!quiet) {
    process.stdout.write(output);
  }
  return { status: 1, passed: 0, failed: 1, output };
}

/**
 * Runs a bundle. If the program dies before its closing summary (a crash while loading the
 * modules, a kill), the run still ends with a failing summary line.
 */
function runChild(outfile, quiet) {
  return new Promise((resolve) => {
    const env = { ...process.env };
    if (process.stdout.isTTY && !env.NO_COLOR && !quiet) {
      env.FORCE_COLOR = '1';
    }
    const child = spawn(process.execPath, ['--enable-source-maps', outfile], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'] });
    let output = '';
    child.stdout.on('data', (data) => {
      if (!quiet) {
        process.stdout.write(data);
      }
      output += data.toString();
    });
    if (quiet) {
      child.stderr.on('data', (data) => {
        output += data.toString();
      });
    }
    child.on('error', (e) => {
      output += `[test] cannot start node: ${e.message}\n`;
      resolve({ status: 1, passed: 0, failed: 1, output });
    });
    child.on('close', (exitCode, signal) => {
      const lastLine = stripColor(output.trimEnd().split('\n').pop() ?? '');
      const m = SUMMARY_LINE.exec(lastLine);
      if (m === null) {
        const tail = `\n  ERROR the test program stopped without a summary (${signal ? `signal ${signal}` : `exit code ${exitCode}`})\n0 passed, 1 failed\n`;
        if (!quiet) {
          process.stdout.write(tail);
        }
        resolve({ status: 1, passed: 0, failed: 1, output: output + tail });
        return;
      }
      resolve({ status: exitCode === null ? 1 : exitCode, passed: Number(m[1]), failed: Number(m[2]), output });
    });
  });
}

/**
 * The rule, shown on a planted local suite that calls hilog.info: without a src/mock entry the
 * run fails naming the module, the function, the suite and both ways out; with one it passes.
 */
async function runRuleCheck({ timeoutMs }) {
  const suite = path.join(FIXTURE_DIR, 'suite', 'List.test.ets');
  const checks = [];
  const bare = await runList({ section: 'check', moduleDir: path.join(FIXTURE_DIR, 'unmocked'), list: suite, mode: 'local' },
    { timeoutMs, verbose: false, quiet: true });
  const expected = ['@kit.PerformanceAnalysisKit', '@ohos.hilog', 'hilog.info()', "suite 'PlantedSystemCall'",
    'through a port', 'tools/fixtures/system-call/unmocked/src/mock/mock-config.json5'];
  const missing = expected.filter((s) => !bare.output.includes(s));
  checks.push({
    name: 'a local suite calling hilog.info without a src/mock entry fails, naming module, function, suite and the ways out',
    ok: bare.status !== 0 && bare.failed === 1 && bare.passed === 0 && missing.length === 0,
    detail: missing.length > 0 ? `missing from the output: ${missing.join(', ')}` : `status ${bare.status}, ${bare.passed} passed, ${bare.failed} failed`,
    quote: bare.output.split('\n').filter((l) => /calls hilog\.info\(\)|Two ways out|through a port|register an ArkTS stand-in/.test(stripColor(l))).map((l) => stripColor(l).trim()),
    output: bare.output,
  });
  const mocked = await runList({ section: 'check', moduleDir: path.join(FIXTURE_DIR, 'mocked'), list: suite, mode: 'local' },
    { timeoutMs, verbose: false, quiet: true });
  checks.push({
    name: 'the same suite passes once src/mock/mock-config.json5 registers an ArkTS stand-in for @ohos.hilog',
    ok: mocked.status === 0 && mocked.passed === 1 && mocked.failed === 0,
    detail: `status ${mocked.status}, ${mocked.passed} passed, ${mocked.failed} failed`,
    quote: [],
    output: mocked.output,
  });
  console.log(`\n  RunnerRule (tools/fixtures/system-call, ${checks.length} checks)`);
  for (const c of checks) {
    console.log(`    ${c.ok ? 'PASS' : 'FAIL'} ${c.name}`);
    for (const q of c.quote) {
      console.log(`         > ${q}`);
    }
    if (!c.ok) {
      console.log(`         ${c.detail}`);
      console.log(c.output.split('\n').map((l) => `         | ${l}`).join('\n'));
    }
  }
  const passed = checks.filter((c) => c.ok).length;
  console.log(`\n${passed} passed, ${checks.length - passed} failed`);
  return { status: passed === checks.length ? 0 : 1, passed, failed: checks.length - passed };
}

/**
 * options: { filter?: 'Suite' | 'Suite#test' | 'A,B', timeoutMs?, verbose?, section?: one of SECTIONS }
 * Resolves to { status }; non-zero when any run failed or nothing ran.
 */
export async function runUnitTests({ filter, timeoutMs = DEFAULT_TEST_TIMEOUT_MS, verbose = false, section } = {}) {
  const t0 = performance.now();
  const rows = [];
  // Verification: every system module of the local runs, mocks included, throws on any touch.
  const throwing = process.env.ROBOVAC_SYSTEM_MODULES === 'throw';
  for (const run of RUNS) {
    if ((section && run.section !== section) || !fs.existsSync(run.list)) {
      continue;
    }
    console.log(`\n[test] ${run.section}: ${relToRepo(run.list)}${run.mode === 'local' ? ' (no system modules without a src/mock stand-in)' : ' (Node stand-ins of the device APIs)'}`);
    const r = await runList(run, { filter, timeoutMs, verbose, throwing: throwing && run.mode === 'local' });
    rows.push({ section: run.section, module: path.basename(run.moduleDir), ...r });
  }
  // The rule check proves the runner, not a suite: it runs with the whole set, never under a filter.
  if ((!section && !filter) || section === 'check') {
    console.log(`\n[test] check: the local-test rule on a planted fixture`);
    rows.push({ section: 'check', module: 'runner', ...(await runRuleCheck({ timeoutMs })) });
  }
  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  console.log(`\n[test] summary (${Math.round((performance.now() - t0) / 1000)} s)`);
  for (const r of rows) {
    console.log(`  ${r.section.padEnd(13)}${r.module.padEnd(18)}${r.passed} passed, ${r.failed} failed`);
  }
  const ok = rows.length > 0 && rows.every((r) => r.status === 0) && passed + failed > 0;
  if (passed + failed === 0) {
    console.log('  no test ran' + (filter ? ` (filter '${filter}' matched nothing)` : ''));
  }
  console.log(`${passed} passed, ${failed + (ok || failed > 0 ? 0 : 1)} failed`);
  return { status: ok ? 0 : 1 };
}
