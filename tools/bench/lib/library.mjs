// Loads the library (and whichever optional modules exist yet) as ONE bundle, so classes such as
// P2pError are shared by everything the bench touches. The entry is generated into .cache/bench/
// because the public Index.ets does not (yet) export the map codecs, the generator or the simulator.
import fs from 'node:fs';
import path from 'node:path';
import { importEts } from '../../lib/ets-import.mjs';
import { CACHE_DIR, LIBRARY_DIR, LIBRARY_INDEX } from '../../lib/paths.mjs';

const ETS = path.join(LIBRARY_DIR, 'src', 'main', 'ets');

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

/** { lib, missing: string[] } — lib has Index.ets's exports plus the optional ones found. */
export async function loadLibrary() {
  const lines = [`export * from '${LIBRARY_INDEX.replace(/\.ets$/, '')}';`];
  const indexText = fs.readFileSync(LIBRARY_INDEX, 'utf8');
  const missing = [];
  for (const [rel, names] of OPTIONAL) {
    const file = path.join(ETS, `${rel}.ets`);
    if (!fs.existsSync(file)) {
      missing.push(...names);
      continue;
    }
    const found = exportsOf(file, names).filter((n) => !new RegExp(`\\b${n}\\b`).test(indexText));
    missing.push(...names.filter((n) => !exportsOf(file, names).includes(n)));
    if (found.length > 0) {
      lines.push(`export { ${found.join(', ')} } from '${path.join(ETS, rel)}';`);
    }
  }
  const dir = path.join(CACHE_DIR, 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'BenchEntry.ets');
  const text = `${lines.join('\n')}\n`;
  if (!fs.existsSync(entry) || fs.readFileSync(entry, 'utf8') !== text) {
    fs.writeFileSync(entry, text);
  }
  const lib = await importEts(entry);
  return { lib, missing };
}
