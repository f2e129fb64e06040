// Verification stand-in, used only when ROBOVAC_SYSTEM_MODULES=throw: every system module of a
// local run becomes this, mocks included. Any touch of an export (reading a member, calling,
// constructing, converting) throws and is counted; a run that touched one exits non-zero even if
// the code under test caught the error. `ROBOVAC_SYSTEM_MODULES=throw npm run unit -- --section local`
// passing therefore shows that no local suite reaches a system module at all.
let touches = 0;

process.on('exit', () => {
  if (touches > 0) {
    process.stderr.write(`[throwing stand-ins] ${touches} touch(es) of system modules: failing the run\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write('[throwing stand-ins] no system module was touched\n');
  }
});

export function throwingStandIn(specifier, name) {
  const touch = (what) => {
    touches++;
    const text = `[throwing stand-ins] ${what} of ${specifier} (export '${name}')`;
    process.stderr.write(`${text}\n`);
    return new Error(text);
  };
  return new Proxy(function throwingStandIn() {}, {
    get(_target, key) {
      throw touch(`read of .${String(key)}`);
    },
    apply() {
      throw touch('call');
    },
    construct() {
      throw touch('new');
    },
    set(_target, key) {
      throw touch(`write of .${String(key)}`);
    },
    has(_target, key) {
      throw touch(`'${String(key)}' in`);
    },
  });
}
