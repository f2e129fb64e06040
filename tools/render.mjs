#!/usr/bin/env node
// Renders a Tuya laser map file (and optionally a path file) to a PNG with the library's own
// decoder and renderer, so what you see is what an app using @robovac/p2p draws.
//
//   npm run render -- <map.bin> [path.bin] <out.png> [--scale N] [--path-offset DX,DY]
//
// --path-offset shifts the path by DX,DY map pixels before drawing. It exists for paths recorded
// against an older map whose origin the firmware did not move while the map grew (Tuya's demo
// files: cleanPath.bin1 belongs to map.bin1; on map.bin2 it needs 51,68, the charger's displacement).
//
// Exit codes: 0 written, 1 the input was rejected (P2pError) or could not be read/written, 2 usage.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { importEts } from './lib/ets-import.mjs';
import { LIBRARY_INDEX } from './lib/paths.mjs';

const USAGE = 'usage: npm run render -- <map.bin> [path.bin] <out.png> [--scale N] [--path-offset DX,DY]\n' +
  '  --scale N             output pixels per map pixel, integer 1..16 (default 1)\n' +
  '  --path-offset DX,DY   shift the path by DX,DY map pixels (a path recorded against an older map)';

function parseArgs(argv) {
  const positional = [];
  let scale = 1;
  let pathOffset = null;
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
    } else if (a === '--path-offset' || a.startsWith('--path-offset=')) {
      const v = a === '--path-offset' ? argv[++i] : a.slice('--path-offset='.length);
      const parts = String(v).split(',').map(Number);
      if (parts.length !== 2 || !parts.every(Number.isFinite)) {
        throw new Error(`--path-offset must be DX,DY (map pixels), got ${v}`);
      }
      pathOffset = { dx: parts[0], dy: parts[1] };
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
  const pathFile = positional.length === 3 ? positional[1] : null;
  if (pathOffset !== null && pathFile === null) {
    throw new Error('--path-offset needs a path file');
  }
  return { mapFile: positional[0], pathFile, out, scale, pathOffset };
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
  // The public entry, as an app imports it: one bundle, so P2pError is one class.
  const lib = await importEts(LIBRARY_INDEX);
  let map;
  let robotPath = null;
  try {
    map = lib.decodeMap(readBytes(args.mapFile));
    if (args.pathFile !== null) {
      robotPath = lib.decodePath(readBytes(args.pathFile));
    }
  } catch (e) {
    console.error(`render: ${e.code ? `${e.code}: ` : ''}${e.message}`);
    return 1;
  }
  if (robotPath !== null && args.pathOffset !== null) {
    for (const p of robotPath.points) {
      p.x += args.pathOffset.dx;
      p.y += args.pathOffset.dy;
    }
  }
  const mapStyle = new lib.MapStyle();
  mapStyle.scale = args.scale;
  mapStyle.pathWidth = Math.max(1, Math.floor(args.scale / 2));
  const image = lib.renderMap(map, robotPath, mapStyle);

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
    const shifted = args.pathOffset === null ? '' : `, shifted by ${args.pathOffset.dx},${args.pathOffset.dy}`;
    console.log(`${path.basename(args.pathFile)}: ${robotPath.points.length} point(s), id ${robotPath.pathId}, ` +
      `type ${robotPath.type}${shifted}${outside > 0 ? `, WARNING ${outside} point(s) outside the map` : ''}`);
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
