// Discovery of the project's ArkTS sources.
import fs from 'node:fs';
import path from 'node:path';
import { MODULE_DIRS, REPO_ROOT, TYPES_DIR } from './paths.mjs';

// Build output, package folders and IDE state of a DevEco module: never sources.
const SKIPPED_DIRS = new Set(['node_modules', 'oh_modules', 'build', '.preview', '.hvigor', '.test', '.cxx', '.idea']);

function walk(dir, accept, out) {
  if (!fs.existsSync(dir)) {
    return out;
  }
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) {
        walk(p, accept, out);
      }
    } else if (accept(p)) {
      out.push(p);
    }
  }
  return out;
}

/** Every .ets of the DevEco modules (library/, testing/, companion/, companion-testing/, entry/), plus the vendor declarations in tools/types/. */
export function projectEtsFiles() {
  const files = [];
  for (const dir of [...MODULE_DIRS, TYPES_DIR]) {
    walk(dir, (p) => p.endsWith('.ets'), files);
  }
  return files.sort();
}

/** Diagnostics are reported for these files only; SDK and npm files are someone else's. */
export function isProjectFile(fileName) {
  const rel = path.relative(REPO_ROOT, fileName);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    return false;
  }
  return !rel.split(path.sep).some((part) => SKIPPED_DIRS.has(part) || part === '.cache');
}
