// importEts(absEtsPath): load an ArkTS module into the running Node process.
//
// The .ets file and everything it imports are bundled by esbuild (device-only modules replaced by
// the stand-ins of tools/stubs/) into .cache/ets-import/<name>-<hash>.mjs and dynamic-imported.
// The file name carries a hash of the bundle, so importing the same unchanged source twice yields
// the same module instance, and an edited source is never served stale.
//
// Each call produces its own bundle with its own copy of the library: import ONE entry that
// exports everything you need (e.g. library/Index.ets), or `instanceof P2pError` will not hold
// across two bundles.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEts, formatBuildError } from './bundle.mjs';
import { CACHE_DIR } from './paths.mjs';

const OUT_DIR = path.join(CACHE_DIR, 'ets-import');

export async function importEts(absEtsPath) {
  const entry = path.resolve(absEtsPath);
  if (!fs.existsSync(entry)) {
    throw new Error(`importEts: no such file ${entry}`);
  }
  let code;
  try {
    ({ code } = await bundleEts({ entryPoints: [entry], outfile: path.join(OUT_DIR, 'bundle.mjs') }));
  } catch (e) {
    throw new Error(`importEts: cannot bundle ${entry}\n${formatBuildError(e)}`);
  }
  const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
  const out = path.join(OUT_DIR, `${path.basename(entry, '.ets')}-${hash}.mjs`);
  if (!fs.existsSync(out)) {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, out);
  }
  // Stack traces then point at .ets lines instead of bundle lines.
  process.setSourceMapsEnabled(true);
  return import(pathToFileURL(out).href);
}
