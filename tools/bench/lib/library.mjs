// Bundles the library and its test kit ONCE, as one ES module: the kit imports the library as
// @robovac/p2p, which the bundler resolves to the same library/Index.ets, so classes such as
// P2pError are shared by everything the bench touches, and every worker process imports the same
// file instead of bundling again. The entry (both public Index.ets files, plus the internal pieces the
// live-map case's by-hand contender is built from) is generated into .cache/bench/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEts, formatBuildError } from '../../lib/bundle.mjs';
import { CACHE_DIR, LIBRARY_DIR, LIBRARY_INDEX, TESTING_INDEX } from '../../lib/paths.mjs';

const DIR = path.join(CACHE_DIR, 'bench');

// What the cases use beyond the client; one missing from both public entries is reported, not fatal.
const NEEDED = ['decodeMap', 'encodeMap', 'renderMap', 'MapStyle', 'FloorPlanGenerator', 'VirtualClock', 'SimulatedRobot'];

// Internal modules (not in the public Index.ets) whose exports the bench also needs: LiveMap's own
// layered renderer and path accumulator, the by-hand contender of the live-map case.
const INTERNALS = ['src/main/ets/map/LayeredMapRenderer.ets', 'src/main/ets/map/PathAccumulator.ets']
  .map((f) => path.join(LIBRARY_DIR, f));

/** { file, missing: string[] } — file: the bundle (an .mjs path), missing: needed names not exported. */
export async function bundleLibrary() {
  fs.mkdirSync(DIR, { recursive: true });
  const entry = path.join(DIR, 'BenchEntry.ets');
  const text = [LIBRARY_INDEX, TESTING_INDEX, ...INTERNALS].map((f) => `export * from '${f.replace(/\.ets$/, '')}';`).join('\n') + '\n';
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
  const lib = await importLibrary(file);
  return { file, missing: NEEDED.filter((n) => !(n in lib)) };
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
