// Builds the Hypium local tests (each module's src/test/List.test.ets, as DevEco's Local Test
// uses them) into one Node program and runs it in a child process.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { bundleEts, formatBuildError } from './bundle.mjs';
import { CACHE_DIR, REPO_ROOT, TEST_ENTRIES, relToRepo } from './paths.mjs';

const DELEGATOR = path.join(path.dirname(new URL(import.meta.url).pathname), 'hypium-delegator.mjs');
const OUT_DIR = path.join(CACHE_DIR, 'hypium');

/** Per-test timeout. Tests run on virtual time, so this only catches real hangs. */
export const DEFAULT_TEST_TIMEOUT_MS = 20000;

function mainSource(entries, options) {
  const lines = [`import { runSuites } from ${JSON.stringify(DELEGATOR)};`];
  entries.forEach((entry, i) => lines.push(`import suites${i} from ${JSON.stringify(entry)};`));
  lines.push(`runSuites([${entries.map((_, i) => `suites${i}`).join(', ')}], ${JSON.stringify(options)});`);
  return lines.join('\n') + '\n';
}

/**
 * options: { filter?: 'Suite' | 'Suite#test' | 'A,B', timeoutMs?, verbose? }
 * Resolves to { status, bundleMs, runMs }; status is the child's exit code (non-zero on failure).
 */
export async function runUnitTests({ filter, timeoutMs = DEFAULT_TEST_TIMEOUT_MS, verbose = false } = {}) {
  const entries = TEST_ENTRIES.filter((f) => fs.existsSync(f));
  if (entries.length === 0) {
    console.log('[test] no src/test/List.test.ets in library/ or entry/');
    return { status: 1, bundleMs: 0, runMs: 0 };
  }
  const parameters = { '-s timeout': String(timeoutMs) };
  if (filter) {
    parameters['-s class'] = filter;
  }
  const options = {
    root: REPO_ROOT,
    parameters,
    verbose,
    idleTimeoutMs: timeoutMs + 10000,
    rawLog: path.join(OUT_DIR, 'report.log'),
  };
  // One file per run: several developers' runs may share the checkout.
  const outfile = path.join(OUT_DIR, `tests-${process.pid}.mjs`);
  const t0 = performance.now();
  let code;
  try {
    ({ code } = await bundleEts({
      stdin: { contents: mainSource(entries, options), resolveDir: REPO_ROOT, sourcefile: 'hypium-main.mjs', loader: 'js' },
      outfile,
    }));
  } catch (e) {
    console.log(`[test] cannot build the tests:\n${formatBuildError(e)}`);
    return { status: 1, bundleMs: performance.now() - t0, runMs: 0 };
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(outfile, code);
  const removeBundle = () => fs.rmSync(outfile, { force: true });
  process.on('exit', removeBundle);
  const bundleMs = performance.now() - t0;
  console.log(`[test] bundled ${entries.map(relToRepo).join(' + ')} (${Math.round(bundleMs)} ms)`);

  const t1 = performance.now();
  const status = await runChild(outfile);
  removeBundle();
  process.off('exit', removeBundle);
  return { status, bundleMs, runMs: performance.now() - t1 };
}

const SUMMARY_LINE = /^\d+ passed, \d+ failed$/;

/**
 * Runs the bundle, passing its output through. If the program dies before its closing summary
 * (a crash while loading the modules, a kill), the run still ends with a failing summary line.
 */
function runChild(outfile) {
  return new Promise((resolve) => {
    const env = { ...process.env };
    if (process.stdout.isTTY && !env.NO_COLOR) {
      env.FORCE_COLOR = '1';
    }
    const child = spawn(process.execPath, ['--enable-source-maps', outfile], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (data) => {
      process.stdout.write(data);
      tail = (tail + data.toString()).slice(-400);
    });
    child.on('error', (e) => {
      console.log(`[test] cannot start node: ${e.message}`);
      resolve(1);
    });
    child.on('close', (exitCode, signal) => {
      const lastLine = tail.trimEnd().split('\n').pop() ?? '';
      if (!SUMMARY_LINE.test(lastLine.replace(/\x1b\[[0-9;]*m/g, ''))) {
        console.log(`\n  ERROR the test program stopped without a summary (${signal ? `signal ${signal}` : `exit code ${exitCode}`})`);
        console.log('0 passed, 1 failed');
        resolve(1);
        return;
      }
      resolve(exitCode === null ? 1 : exitCode);
    });
  });
}
