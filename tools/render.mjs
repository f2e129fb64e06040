#!/usr/bin/env node
// Renders a Tuya laser map file (and optionally a path file) to a PNG with the library's own
// decoder and renderer, so what you see is what an app using @robovac/p2p draws.
//
//   npm run render -- <map.bin> [path.bin] <out.png> [--scale N]
//
// Exit codes: 0 written, 1 the input was rejected (P2pError) or could not be read/written, 2 usage.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { importEts } from './lib/ets-import.mjs';
import { LIBRARY_DIR } from './lib/paths.mjs';

const MAP_DIR = path.join(LIBRARY_DIR, 'src', 'main', 'ets', 'map');
const USAGE = 'usage: npm run render -- <map.bin> [path.bin] <out.png> [--scale N]   (N: integer 1..16, default 1)';

function parseArgs(argv) {
  const positional = [];
  let scale = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      return null;
    }
    if (a === '--scale' || a.startsWith('--scale=')) {
      const v = a === '--scale' ? argv[++i] : a.slice('--scale='.length);
      scale = Number(v);
      if (!Number.isInteger(scale) || scale < 1 || scale > 16) {
        throw new Error(`--scale must be an integer 1..16, got ${v}`);
      }
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}`);
    } else {
      positional.push(a);
    }
  }
  if (positional.length < 2 || positional.length > 3) {
    throw new Error('expected <map.bin> [path.bin] <out.png>');
  }
  const out = positional[positional.length - 1];
  if (!out.toLowerCase().endsWith('.png')) {
    throw new Error(`output must be a .png file, got ${out}`);
  }
  return { mapFile: positional[0], pathFile: positional.length === 3 ? positional[1] : null, out, scale };
}

function readBytes(file) {
  const b = fs.readFileSync(file);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`render: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (args === null) {
    console.log(USAGE);
    return 0;
  }
  const [mapCodec, pathCodec, renderer, style] = await Promise.all([
    importEts(path.join(MAP_DIR, 'MapCodec.ets')),
    importEts(path.join(MAP_DIR, 'PathCodec.ets')),
    importEts(path.join(MAP_DIR, 'MapRenderer.ets')),
    importEts(path.join(MAP_DIR, 'MapStyle.ets')),
  ]);
  let map;
  let robotPath = null;
  try {
    map = mapCodec.decodeMap(readBytes(args.mapFile));
    if (args.pathFile !== null) {
      robotPath = pathCodec.decodePath(readBytes(args.pathFile));
    }
  } catch (e) {
    console.error(`render: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    return 1;
  }
  const mapStyle = new style.MapStyle();
  mapStyle.scale = args.scale;
  mapStyle.pathWidth = Math.max(1, Math.floor(args.scale / 2));
  const image = renderer.renderMap(map, robotPath, mapStyle);

  const png = new PNG({ width: image.width, height: image.height });
  Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).copy(png.data);
  fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
  fs.writeFileSync(args.out, PNG.sync.write(png));

  const charger = map.charger ? `(${map.charger.x}, ${map.charger.y})` : 'none';
  console.log(`${path.basename(args.mapFile)}: v${map.version} ${map.width}x${map.height}, origin (${map.originX}, ` +
    `${map.originY}), ${map.resolution} m/px, charger ${charger}, ${map.rooms.length} room(s)`);
  if (robotPath !== null) {
    let outside = 0;
    for (const p of robotPath.points) {
      const x = map.originX + p.x;
      const y = map.originY + p.y;
      if (x < 0 || y < 0 || x >= map.width || y >= map.height) {
        outside++;
      }
    }
    console.log(`${path.basename(args.pathFile)}: ${robotPath.points.length} point(s), id ${robotPath.pathId}, ` +
      `type ${robotPath.type}${outside > 0 ? `, WARNING ${outside} point(s) outside the map` : ''}`);
  }
  console.log(`wrote ${args.out} (${image.width}x${image.height})`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
}, (e) => {
  console.error(`render: ${e.stack || e}`);
  process.exitCode = 1;
});
