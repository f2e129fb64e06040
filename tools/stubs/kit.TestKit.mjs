// Node stand-in for '@kit.TestKit' (abilityDelegatorRegistry only), for instrumented suites.
//
// On a device the delegator's application context points at the test app's sandbox. Here the
// sandbox is a fresh directory under the OS temp dir, one per test process, removed at exit; its
// files/, cache/ and temp/ are what `context.filesDir`, `cacheDir` and `tempDir` name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let sandbox = null;

function appContext() {
  if (sandbox === null) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'robovac-device-'));
    process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
    sandbox = { filesDir: path.join(root, 'files'), cacheDir: path.join(root, 'cache'), tempDir: path.join(root, 'temp') };
    for (const dir of Object.values(sandbox)) {
      fs.mkdirSync(dir, { recursive: true });
    }
  }
  return { ...sandbox };
}

const delegator = {
  getAppContext: () => appContext(),
};

export const abilityDelegatorRegistry = {
  getAbilityDelegator: () => delegator,
};
