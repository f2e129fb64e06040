// How non-relative module names are satisfied on the host. One table, used by the type checker
// (compile-time declarations) and by the bundler (run-time stand-ins), so the two cannot drift.
import fs from 'node:fs';
import path from 'node:path';
import { LIBRARY_INDEX, STUBS_DIR, TYPES_DIR } from './paths.mjs';

/** ohpm packages of this project, resolved to their source (what `file:../library` gives DevEco). */
export const LOCAL_PACKAGES = {
  '@robovac/p2p': LIBRARY_INDEX,
};

/** Closed-source vendor HARs: hand-written declarations for type-checking (see tools/types/). */
export const VENDOR_DECLARATIONS = {
  '@thingsmart/ipcsdk': path.join(TYPES_DIR, 'thingsmart', 'ipcsdk.d.ets'),
  '@thingsmart/thingp2pfiletranssdk': path.join(TYPES_DIR, 'thingsmart', 'thingp2pfiletranssdk.d.ets'),
};

const SYSTEM_MODULE = /^@(kit|ohos|arkts|system|hms)\./;

/**
 * The Node module that stands in for a device-only import at run time, or null when the name is
 * not a device-only module. Throws with a clear message for a system module that has no stand-in.
 *   @kit.X            -> tools/stubs/kit.X.mjs
 *   @thingsmart/NAME  -> tools/stubs/thingsmart/NAME.mjs
 */
export function runtimeStandIn(specifier) {
  let file = null;
  if (SYSTEM_MODULE.test(specifier)) {
    file = path.join(STUBS_DIR, specifier.slice(1) + '.mjs');
  } else if (specifier.startsWith('@thingsmart/')) {
    file = path.join(STUBS_DIR, 'thingsmart', specifier.slice('@thingsmart/'.length) + '.mjs');
  } else {
    return null;
  }
  if (!fs.existsSync(file)) {
    throw new Error(`'${specifier}' has no Node stand-in; add ${path.relative(process.cwd(), file)} ` +
      '(device-only modules must be stubbed under tools/stubs/)');
  }
  return file;
}
