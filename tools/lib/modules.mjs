// How non-relative module names are satisfied on the host. One table, used by the type checker
// (compile-time declarations) and by the bundler (run-time stand-ins), so the two cannot drift.
import fs from 'node:fs';
import path from 'node:path';
import { COMPANION_INDEX, COMPANION_TESTING_INDEX, LIBRARY_INDEX, STUBS_DIR, TESTING_INDEX, TYPES_DIR } from './paths.mjs';

/** ohpm packages of this project, resolved to their source (what `file:../library` gives DevEco). */
export const LOCAL_PACKAGES = {
  '@robovac/p2p': LIBRARY_INDEX,
  '@robovac/p2p-testing': TESTING_INDEX,
  '@robovac/p2p-companion': COMPANION_INDEX,
  '@robovac/p2p-companion-testing': COMPANION_TESTING_INDEX,
};

/**
 * Closed-source vendor HARs: hand-written declarations for type-checking, in two sets laid out as ohpm
 * installs the packages (tools/types/thingsmart/<set>/oh_modules/@thingsmart/<package>/Index.d.ets).
 * Living under an `oh_modules` folder makes the ArkTS linter treat them as third-party code, as it
 * treats the real HARs in DevEco.
 *   documented  the API of Tuya's HarmonyOS "P2P Capabilities" reference; the names the library imports
 *   published   shaped like the HARs Tuya published, @thingsmart/ipcsdkhar 1.0.28 and
 *               @thingsmart/thingp2psdkhar 1.0.12 (no file-transfer HAR is public: that one stays documented)
 */
const THINGSMART_TYPES = path.join(TYPES_DIR, 'thingsmart');

function vendorPackage(set, name) {
  return path.join(THINGSMART_TYPES, set, 'oh_modules', name, 'Index.d.ets');
}

export const VENDOR_DECLARATION_SETS = {
  documented: {
    '@thingsmart/ipcsdk': vendorPackage('documented', '@thingsmart/ipcsdk'),
    '@thingsmart/thingp2pfiletranssdk': vendorPackage('documented', '@thingsmart/thingp2pfiletranssdk'),
  },
  published: {
    '@thingsmart/ipcsdkhar': vendorPackage('published', '@thingsmart/ipcsdkhar'),
    '@thingsmart/thingp2psdkhar': vendorPackage('published', '@thingsmart/thingp2psdkhar'),
    '@thingsmart/thingp2pfiletranssdk': vendorPackage('documented', '@thingsmart/thingp2pfiletranssdk'),
  },
};

/**
 * What the README tells a user of the published HARs to change in the adapter: its import names.
 * The host applies exactly this rename before checking the adapter against the published set.
 */
export const PUBLISHED_IMPORT_RENAMES = {
  '@thingsmart/ipcsdk': '@thingsmart/ipcsdkhar',
};

export function vendorDeclarations(set) {
  const declarations = VENDOR_DECLARATION_SETS[set];
  if (declarations === undefined) {
    throw new Error(`unknown vendor declaration set '${set}' (${Object.keys(VENDOR_DECLARATION_SETS).join(', ')})`);
  }
  return declarations;
}

/**
 * Hand-written SDK declarations the unofficial @arkts/declarations package lacks (APIs newer than its
 * API 12-13 snapshot): tools/types/kits/<module name>.d.ts replaces that module's declarations, e.g.
 * `@kit.DistributedServiceKit.d.ts`, `@ohos.distributedsched.abilityConnectionManager.d.ts`.
 */
export const SDK_TYPES_DIR = path.join(TYPES_DIR, 'kits');
const SDK_DECLARATION_FILE = /^(@(?:kit|ohos|arkts|system|hms)\..+?)\.d\.e?ts$/;

export function sdkDeclarationOverrides() {
  const overrides = {};
  if (!fs.existsSync(SDK_TYPES_DIR)) {
    return overrides;
  }
  for (const f of fs.readdirSync(SDK_TYPES_DIR).sort()) {
    const m = SDK_DECLARATION_FILE.exec(f);
    if (m) {
      overrides[m[1]] = path.join(SDK_TYPES_DIR, f);
    }
  }
  return overrides;
}

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
