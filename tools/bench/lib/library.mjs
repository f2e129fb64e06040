// Loads the library and its test kit as ONE bundle: the kit imports the library as @robovac/p2p,
// which the bundler resolves to the same library/Index.ets, so classes such as P2pError are shared
// by everything the bench touches. The entry is generated into .cache/bench/.
import fs from 'node:fs';
import path from 'node:path';
import { importEts } from '../../lib/ets-import.mjs';
import { CACHE_DIR, LIBRARY_INDEX, TESTING_INDEX } from '../../lib/paths.mjs';

// What the cases use beyond the client; one missing from both public entries is reported, not fatal.
const NEEDED = ['decodeMap', 'encodeMap', 'renderMap', 'MapStyle', 'FloorPlanGenerator', 'VirtualClock', 'SimulatedRobot'];

/** { lib, missing: string[] } — lib has the exports of library/Index.ets and testing/Index.ets. */
export async function loadLibrary() {
  const text = [LIBRARY_INDEX, TESTING_INDEX].map((f) => `export * from '${f.replace(/\.ets$/, '')}';`).join('\n') + '\n';
  const dir = path.join(CACHE_DIR, 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'BenchEntry.ets');
  if (!fs.existsSync(entry) || fs.readFileSync(entry, 'utf8') !== text) {
    fs.writeFileSync(entry, text);
  }
  const lib = await importEts(entry);
  return { lib, missing: NEEDED.filter((n) => !(n in lib)) };
}
