// The Tuya adapter against the second vendor declaration set, and the project's level against the
// vendor packages' own levels (hvigor refuses a module whose compatibleSdkVersion is below a dependency's).
import fs from 'node:fs';
import path from 'node:path';
import { apiLevelOf, readJson5 } from './build-profile.mjs';
import { createProgram, lint, typeCheck } from './checker.mjs';
import { PUBLISHED_IMPORT_RENAMES, VENDOR_DECLARATION_SETS } from './modules.mjs';
import { LIBRARY_DIR } from './paths.mjs';

/** The one file that imports '@thingsmart/*'. */
export const ADAPTER = path.join(LIBRARY_DIR, 'src', 'main', 'ets', 'sdk', 'TuyaSdk.ets');

/** Renames module specifiers in import/export declarations: `from '@a/b'` -> `from '@a/c'`. */
export function renameImports(text, renames) {
  return text.replace(/(\bfrom\s*)(['"])([^'"]+)\2/g, (all, from, quote, name) =>
    (Object.hasOwn(renames, name) ? `${from}${quote}${renames[name]}${quote}` : all));
}

/** `{ name, version, level }` of every package of a declaration set (from its oh-package.json5). */
export function vendorPackages(set) {
  return Object.values(VENDOR_DECLARATION_SETS[set]).map((index) => {
    const manifest = readJson5(path.join(path.dirname(index), 'oh-package.json5'));
    const level = manifest.compatibleSdkVersion === undefined ? undefined : apiLevelOf(manifest.compatibleSdkVersion);
    return { name: manifest.name, version: manifest.version, level };
  });
}

/** Packages of every set whose compatibleSdkVersion is above `projectLevel`. */
export function packagesAbove(projectLevel) {
  const seen = new Map();
  for (const set of Object.keys(VENDOR_DECLARATION_SETS)) {
    for (const p of vendorPackages(set)) {
      seen.set(p.name, p);
    }
  }
  const all = [...seen.values()];
  return { all, above: all.filter((p) => p.level !== undefined && p.level > projectLevel) };
}

/**
 * Type-check and lint the adapter (with what it imports) against `set`, after the import renames a user
 * of that set makes (see the README, "Building in DevEco Studio").
 */
export function checkAdapterAgainst(set) {
  if (!fs.existsSync(ADAPTER)) {
    throw new Error(`adapter ${ADAPTER} not found`);
  }
  const renames = set === 'published' ? PUBLISHED_IMPORT_RENAMES : {};
  const program = createProgram({
    files: [ADAPTER],
    ui: false,
    options: { vendorSet: set, buildInfo: `adapter-${set}` },
    rewrites: new Map([[ADAPTER, (text) => renameImports(text, renames)]]),
  });
  const types = typeCheck(program);
  const rules = lint(program);
  return { types, rules, packages: vendorPackages(set), ms: program.ms + types.ms + rules.ms };
}
