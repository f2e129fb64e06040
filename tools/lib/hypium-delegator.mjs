// Runs Hypium suites inside a Node process, standing in for the device's AbilityDelegator.
//
// Hypium reports through `delegator.printSync()` in the OHOS_REPORT_* text protocol that DevEco
// reads from a device; this module reads the same stream, prints one line per test and a closing
// `N passed, M failed` line, and exits non-zero on any failure, error, timeout, hook error,
// unhandled rejection, stall or empty run. It is bundled together with the test code, so the
// suites and this runner share one Hypium instance, and one set of system-module guards: a test
// that used a system module it may not use fails with the guard's message (system-guard.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { Core, Hypium } from '@ohos/hypium';
import { configureGuards, enterSuite, enterTest, leaveTest, takeViolations } from './system-guard.mjs';
import { hilogRecords } from '../stubs/kit.PerformanceAnalysisKit.mjs';

const color = (process.stdout.isTTY || process.env.FORCE_COLOR === '1') && !process.env.NO_COLOR;
const paint = (code) => (s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
const green = paint('32');
const red = paint('31');
const dim = paint('2');

function out(line) {
  process.stdout.write(line + '\n');
}

/** Parses one OHOS_REPORT chunk into { status: {key: value}, code, sum, result, notes: [] }. */
function parseChunk(text) {
  const chunk = { status: {}, code: undefined, sum: undefined, result: undefined, notes: [], body: [] };
  let inBody = false;
  for (const line of String(text).split('\n')) {
    let m;
    if ((m = /^OHOS_REPORT_STATUS: (\w+)=(.*)$/.exec(line))) {
      chunk.status[m[1]] = m[2];
      inBody = m[1] === 'stream';
    } else if ((m = /^OHOS_REPORT_STATUS: (.+)$/.exec(line))) {
      chunk.notes.push(m[1]); // e.g. an afterAll error appended to suiteDone
    } else if ((m = /^OHOS_REPORT_STATUS_CODE: (-?\d+)$/.exec(line))) {
      chunk.code = Number(m[1]);
    } else if ((m = /^OHOS_REPORT_SUM: (\d+)$/.exec(line))) {
      chunk.sum = Number(m[1]);
    } else if ((m = /^OHOS_REPORT_RESULT: stream=(.*)$/.exec(line))) {
      chunk.result = m[1];
    } else if (inBody && line !== '') {
      chunk.body.push(line);
    }
  }
  return chunk;
}

/** First stack frame in a project .ets file, as `at <relative path>:line:col`. */
function etsLocation(error, root) {
  const stack = error && typeof error.stack === 'string' ? error.stack : '';
  for (const line of stack.split('\n')) {
    const m = /\(?((?:file:\/\/)?\/[^\s()]+\.ets):(\d+):(\d+)\)?$/.exec(line.trim());
    if (m && !m[1].includes('node_modules')) {
      const file = m[1].replace(/^file:\/\//, '');
      return `at ${path.relative(root, file)}:${m[2]}:${m[3]}`;
    }
  }
  return '';
}

/** Error text with only the stack frames that point into the project, paths made relative. */
function conciseStack(error, root) {
  if (!error || typeof error.stack !== 'string') {
    return String(error);
  }
  const lines = error.stack.split('\n');
  const frames = lines.slice(1)
    .filter((l) => /^\s+at /.test(l) && !l.includes('node_modules') && !l.includes('node:') && !l.includes('(<anonymous>)'))
    .slice(0, 5)
    .map((l) => l.replace(/(?:file:\/\/)?(\/[^\s()]+)/g, (m, p) => (p.startsWith(root + '/') ? path.relative(root, p) : m)));
  return [lines[0], ...frames].join('\n');
}

/** SysTestKit.existKeyword runs `hilog -x | grep -i '<keyword>' | wc -l` on the device. */
const HILOG_GREP = /^hilog -x \| grep -i '([^']*)' \| wc -l$/;

/** The device shell, as far as Hypium uses it: counting hilog records, from the hilog stand-in. */
function shell(command) {
  const m = HILOG_GREP.exec(String(command));
  if (m === null) {
    return '0';
  }
  const keyword = m[1].toLowerCase();
  return String(hilogRecords().filter((line) => line.toLowerCase().includes(keyword)).length);
}

/**
 * suites: default-exported suite functions of each List.test.ets.
 * options: { root, parameters, verbose, idleTimeoutMs, rawLog, guards: { mode, label, configFile }, allowEmpty }
 */
export function runSuites(suites, options) {
  const { root, parameters, verbose, idleTimeoutMs, rawLog, guards, allowEmpty } = options;
  configureGuards(guards);
  const raw = [];
  let passed = 0;
  let failed = 0;
  let currentTest = '';
  let hypiumSummary = '';
  let finished = false;
  let summarized = false;
  let lastActivity = Date.now();
  const suiteMessages = new Set();

  const fail = (kind, name, message, where) => {
    if (summarized) {
      return; // late reports after the summary line cannot change the exit status any more
    }
    failed++;
    out(`    ${red(kind)} ${name}`);
    for (const l of String(message).split('\n')) {
      out(`         ${red(l)}`);
    }
    if (where) {
      out(`         ${dim(where)}`);
    }
  };

  /** System-module uses outside any test (suite hooks, registration, late callbacks) are errors too. */
  const reportStrayViolations = (when) => {
    const stray = takeViolations();
    if (stray.length > 0) {
      fail('ERROR', `system-module use ${when}`, stray.join('\n'), '');
    }
  };

  const finish = (problem) => {
    if (finished) {
      return;
    }
    finished = true;
    if (rawLog) {
      fs.mkdirSync(path.dirname(rawLog), { recursive: true });
      fs.writeFileSync(rawLog, raw.join(''));
    }
    if (problem) {
      fail('ERROR', '(runner)', problem, '');
    }
    reportStrayViolations('after the last suite');
    out('');
    if (hypiumSummary) {
      out(dim(`  Hypium: ${hypiumSummary}`));
    }
    if (passed + failed === 0) {
      out((allowEmpty ? dim : red)('  no test ran' + (parameters['-s class'] ? ` (filter '${parameters['-s class']}' matched nothing)` : '')));
    }
    out(`${passed} passed, ${failed} failed`);
    summarized = true;
    const status = failed === 0 && (passed > 0 || allowEmpty) ? 0 : 1;
    // Exit once stdout is flushed; Hypium's own timers would otherwise keep the process alive.
    process.stdout.write('', () => process.exit(status));
  };

  const onReport = (text) => {
    lastActivity = Date.now();
    raw.push(String(text));
    const c = parseChunk(text);
    if (c.sum !== undefined && c.status.class !== undefined) {
      reportStrayViolations('before suite ' + c.status.class);
      out(`\n  ${c.status.class} ${dim(`(${c.sum} tests)`)}`);
      suiteMessages.clear();
      enterSuite(c.status.class);
      return;
    }
    if (c.code === 1 && c.status.test !== undefined) {
      currentTest = `${c.status.class} > ${c.status.test}`;
      enterTest(c.status.test);
      return;
    }
    if (c.code !== undefined && c.status.test !== undefined) {
      const ms = dim(`(${c.status.consuming ?? '?'} ms)`);
      const violations = takeViolations();
      leaveTest();
      if (violations.length > 0) {
        // Fails even when the code under test caught the guard's error.
        fail('FAIL', `${c.status.test} ${ms}`, violations.join('\n'), '');
      } else if (c.code === 0) {
        passed++;
        out(`    ${green('PASS')} ${c.status.test} ${ms}`);
      } else {
        const spec = Core.getInstance().getDefaultService('spec').currentRunningSpec;
        const error = spec ? (spec.fail ?? spec.error) : undefined;
        const message = error && error.message ? error.message : (c.body.slice(1).join('\n') || c.status.stack || '');
        suiteMessages.add(message);
        fail(c.code === -2 ? 'FAIL' : 'ERROR', `${c.status.test} ${ms}`, message, etsLocation(error, root));
      }
      currentTest = '';
      return;
    }
    if (c.status.suiteconsuming !== undefined) {
      reportStrayViolations(`in suite ${c.status.class} outside its tests`);
    }
    // A beforeAll error was already charged to every test of the suite; an afterAll error was not.
    const hookErrors = c.notes.filter((n) => ![...suiteMessages].some((m) => m.startsWith(n)));
    if (c.status.suiteconsuming !== undefined && hookErrors.length > 0) {
      fail('ERROR', `${c.status.class} (suite hook)`, hookErrors.join('\n'), '');
      return;
    }
    if (c.result !== undefined) {
      hypiumSummary = c.result;
    }
  };

  const delegator = {
    printSync: onReport,
    print: async (text) => onReport(text),
    finishTest: (message, _code, callback) => {
      if (typeof callback === 'function') {
        callback();
      }
      const problem = /finished/.test(String(message)) ? '' : `Hypium stopped: ${String(message).trim()}`;
      setImmediate(() => finish(problem));
    },
    // Only SysTestKit.existKeyword uses it (searches the device's hilog).
    executeShellCommand: (cmd, _timeout, callback) => callback(undefined, { stdResult: shell(cmd), exitCode: 0 }),
  };

  if (!verbose) {
    // Hypium narrates every step on the console; keep only what tests themselves print.
    for (const method of ['log', 'info', 'debug', 'error', 'warn']) {
      const original = console[method].bind(console);
      console[method] = (...args) => {
        const text = args.map(String).join(' ');
        if (text.includes('[Hypium]') || text.includes('OHOS_REPORT') || text.startsWith('[suite end]') ||
          text.startsWith('[suite params]') || text.startsWith('[spec params]') || text.startsWith('break description')) {
          return;
        }
        original(...args);
      };
    }
  }

  // On a device a stray rejection is logged, not fatal; here it is a test error, attributed to
  // the test that was running, and the run goes on.
  process.on('unhandledRejection', (reason) => {
    fail('ERROR', `unhandled rejection${currentTest ? ` during ${currentTest}` : ''}`, conciseStack(reason, root), '');
  });
  process.on('uncaughtException', (error) => {
    fail('ERROR', `uncaught exception${currentTest ? ` during ${currentTest}` : ''}`, conciseStack(error, root), '');
  });
  process.on('beforeExit', () => finish('the run ended before Hypium finished (nothing left to wait for)'));

  const watchdog = setInterval(() => {
    if (Date.now() - lastActivity > idleTimeoutMs) {
      finish(`no progress for ${idleTimeoutMs} ms${currentTest ? ` in ${currentTest}` : ''} (stuck hook or test)`);
    }
  }, 1000);
  watchdog.unref();

  const registerAll = () => {
    suites.forEach((suite, i) => {
      try {
        suite();
      } catch (e) {
        fail('ERROR', `registering test list #${i + 1}`, conciseStack(e, root), '');
      }
    });
  };
  const args = { bundleName: 'robovac.p2p.host', parameters, testCaseNames: '', testRunnerClassName: 'HostTestRunner' };
  Hypium.hypiumTest(delegator, args, registerAll);
}
