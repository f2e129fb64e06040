// Bundles the library (and whichever optional modules exist yet) ONCE, as one ES module, so classes
// such as P2pError are shared by everything the bench touches and every worker process imports the
// same file instead of bundling again. The entry is generated into .cache/bench/ because the public
// Index.ets does not export everything the bench uses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEts, formatBuildError } from '../../lib/bundle.mjs';
import { CACHE_DIR, LIBRARY_DIR, LIBRARY_INDEX } from '../../lib/paths.mjs';

const ETS = path.join(LIBRARY_DIR, 'src', 'main', 'ets');
const DIR = path.join(CACHE_DIR, 'bench');

// [module path under src/main/ets, exported names]; a module (or name) that does not exist yet is skipped.
const OPTIONAL = [
  ['map/MapCodec', ['decodeMap', 'encodeMap']],
  ['map/MapRenderer', ['renderMap']],
  ['map/MapStyle', ['MapStyle']],
  ['map/FloorPlanGenerator', ['FloorPlanGenerator']],
  ['testing/VirtualClock', ['VirtualClock']],
  ['testing/SimulatedRobot', ['SimulatedRobot']],
];

function exportsOf(file, names) {
  const text = fs.readFileSync(file, 'utf8');
  return names.filter((n) => new RegExp(`export\\s+(?:default\\s+)?(?:abstract\\s+)?(?:class|function|const|enum|interface)\\s+${n}\\b`).test(text));
}

/** { file, missing: string[] } — file: the bundle (an .mjs path), missing: optional names not found. */
export async function bundleLibrary() {
  const lines = [`export * from '${LIBRARY_INDEX.replace(/\.ets$/, '')}';`];
  const indexText = fs.readFileSync(LIBRARY_INDEX, 'utf8');
  const missing = [];
  for (const [rel, names] of OPTIONAL) {
    const file = path.join(ETS, `${rel}.ets`);
    if (!fs.existsSync(file)) {
      missing.push(...names);
      continue;
    }
    const present = exportsOf(file, names);
    missing.push(...names.filter((n) => !present.includes(n)));
    const found = present.filter((n) => !new RegExp(`\\b${n}\\b`).test(indexText));
    if (found.length > 0) {
      lines.push(`export { ${found.join(', ')} } from '${path.join(ETS, rel)}';`);
    }
  }
  fs.mkdirSync(DIR, { recursive: true });
  const entry = path.join(DIR, 'BenchEntry.ets');
  const text = `${lines.join('\n')}\n`;
  if (!fs.existsSync(entry) || fs.readFileSync(entry, 'utf8') !== text) {
    fs.writeFileSync(entry, text);
  }
  let code;
  try {
    ({ code } = await bundleEts({ entryPoints: [entry], outfile: path.join(DIR, 'library.mjs') }));
  } catch (e) {
    throw new Error(`bench: cannot bundle the library\n${formatBuildError(e)}`);
  }
  const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = path.join(DIR, `library-${hash}.mjs`);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, code);
  }
  // Bundles of earlier sources are of no further use.
  for (const name of fs.readdirSync(DIR)) {
    if (/^library-[0-9a-f]{16}\.mjs$/.test(name) && path.join(DIR, name) !== file) {
      fs.rmSync(path.join(DIR, name), { force: true });
    }
  }
  return { file, missing };
}

/** The bundle's exports, in this process. */
export function importLibrary(file) {
  return import(pathToFileURL(file).href);
}

/** { lib, missing } in one call, for scripts that measure in-process. */
export async function loadLibrary() {
  const { file, missing } = await bundleLibrary();
  return { lib: await importLibrary(file), missing };
}
