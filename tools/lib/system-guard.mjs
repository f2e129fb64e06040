// The run-time half of the local-test rule, bundled into each Hypium test program.
//
// A system module without a src/mock stand-in is, in a local run, a set of guards: importing it
// works, reading its members works, and the first *use* (a call, `new`, using a member as a value)
// throws and records a violation. The delegator fails the running test with that violation even
// when the code under test catches the error, so a swallowed call cannot pass unnoticed.
// In an instrumented run the same guard stands in for a member that has no Node stand-in.

const state = {
  mode: 'local',
  label: '',
  configFile: '',
  suite: '',
  test: '',
  /** message -> how often, since the last take */
  violations: new Map(),
};

/** Set once per run by the delegator: which section and which mock-config.json5 the advice names. */
export function configureGuards({ mode, label, configFile }) {
  state.mode = mode;
  state.label = label;
  state.configFile = configFile;
}

export function enterSuite(name) {
  state.suite = name;
  state.test = '';
}

export function enterTest(name) {
  state.test = name;
}

export function leaveTest() {
  state.test = '';
}

/** Violations since the last call, as messages with their repeat counts. */
export function takeViolations() {
  const out = [...state.violations].map(([message, count]) => (count > 1 ? `${message}\n(${count} such calls)` : message));
  state.violations.clear();
  return out;
}

export class SystemModuleCallError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SystemModuleCallError';
  }
}

function where() {
  if (state.suite === '') {
    return `${state.label} (while registering suites)`;
  }
  const test = state.test !== '' ? `, test '${state.test}'` : ', outside its tests';
  return `${state.label} suite '${state.suite}'${test}`;
}

function describeModule(specifier, from) {
  return from !== specifier ? `system module ${specifier} (${from})` : `system module ${specifier}`;
}

function message(specifier, from, use, mode) {
  const module = describeModule(specifier, from);
  if (mode === 'local') {
    return [
      `${where()} calls ${use} of ${module}.`,
      'DevEco runs src/test as local tests on the host, where system APIs do not exist. Two ways out:',
      '  1. reach it through a port with an in-memory binding from the test kit',
      '     (as downloads do: FileStore + MemoryFileStore; logs: a LogSink), or',
      `  2. register an ArkTS stand-in in ${state.configFile}:`,
      `     "${from}": { "source": "src/mock/<name>.mock.ets" }`,
      'A suite about the real platform belongs in src/ohosTest.',
    ].join('\n');
  }
  return [
    `${where()} calls ${use} of ${module}, which has no Node stand-in.`,
    `Add it to tools/stubs/${specifier.slice(1)}.mjs, or register an ArkTS stand-in in ${state.configFile}:`,
    `  "${from}": { "source": "src/mock/<name>.mock.ets" }`,
  ].join('\n');
}

function violate(info, use) {
  const text = message(info.specifier, info.from, use, info.mode);
  state.violations.set(text, (state.violations.get(text) ?? 0) + 1);
  return new SystemModuleCallError(text);
}

function guard(info, members) {
  const name = members.join('.');
  // A function target, so that both calls and `new` reach the traps.
  return new Proxy(function systemModuleGuard() {}, {
    apply() {
      throw violate(info, `${name}()`);
    },
    construct() {
      throw violate(info, `new ${name}()`);
    },
    get(_target, key) {
      if (key === 'then') {
        return undefined; // returning or awaiting a member is not a use of it
      }
      if (key === Symbol.toPrimitive) {
        return () => {
          throw violate(info, `${name} (as a value)`);
        };
      }
      if (typeof key === 'symbol') {
        return undefined;
      }
      return guard(info, [...members, key]);
    },
    set(_target, key) {
      throw violate(info, `${name}.${String(key)} = ...`);
    },
  });
}

/**
 * The guard for `exportName` of `specifier` (whose declarations take it from module `from`).
 * `mode`: 'local' (no system APIs in DevEco local tests) or 'instrumented' (no Node stand-in).
 */
export function guardedExport(specifier, exportName, from, mode) {
  return guard({ specifier, from, mode }, [exportName === 'default' ? from.replace(/^@ohos\./, '') : exportName]);
}
