// Case 3 — maps: decodeMap + renderMap (default style, scale 1) of generated 500², 1000² and 2000²
// maps in each wire version (0: 2-bit, 1: rooms, 2: rooms + floor material), and decodeMap of the
// real Tuya demo file map.bin2 when ../shared/fixtures is present.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../lib/paths.mjs';
import { interleave, median, round, wallMs } from '../lib/measure.mjs';

const FIXTURE = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'tuya-demo', 'map.bin2');

function decodeRender(lib, bytes) {
  const t0 = wallMs();
  const map = lib.decodeMap(bytes);
  const t1 = wallMs();
  const image = lib.renderMap(map);
  const t2 = wallMs();
  if (image.width !== map.width || image.data.length !== map.width * map.height * 4) {
    throw new Error('render size does not match the map');
  }
  return { decode: t1 - t0, render: t2 - t1, total: t2 - t0, map };
}

export async function runMap(lib, { sizes, versions, rounds, fixtureRepeats }) {
  const inputs = {};
  for (const n of sizes) {
    for (const v of versions) {
      const bytes = new lib.FloorPlanGenerator(20240601 + n, n, n, v).mapBytes();
      inputs[`${n}/v${v}`] = { n, v, bytes };
    }
  }
  const contenders = {};
  for (const [key, input] of Object.entries(inputs)) {
    contenders[key] = async () => {
      const r = decodeRender(lib, input.bytes);
      if (r.map.width !== input.n || r.map.height !== input.n || r.map.version !== input.v) {
        throw new Error(`${key}: decoded ${r.map.width}x${r.map.height} v${r.map.version}`);
      }
      return r;
    };
  }
  const samples = await interleave(contenders, rounds, 1);
  const generated = Object.entries(inputs).map(([key, input]) => ({
    size: input.n,
    version: input.v,
    fileBytes: input.bytes.byteLength,
    decodeMs: round(median(samples[key].map((x) => x.decode))),
    renderMs: round(median(samples[key].map((x) => x.render))),
    totalMs: round(median(samples[key].map((x) => x.total))),
    maxTotalMs: round(Math.max(...samples[key].map((x) => x.total))),
  }));

  let fixture = { status: 'absent', path: path.relative(REPO_ROOT, FIXTURE) };
  if (fs.existsSync(FIXTURE)) {
    const b = fs.readFileSync(FIXTURE);
    const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
    const runs = [];
    for (let i = 0; i < fixtureRepeats + 5; i++) {
      const r = decodeRender(lib, bytes);
      if (i >= 5) {
        runs.push(r);
      }
      fixture = {
        status: 'present',
        path: path.relative(REPO_ROOT, FIXTURE),
        fileBytes: b.length,
        width: r.map.width,
        height: r.map.height,
        version: r.map.version,
        rooms: r.map.rooms.length,
      };
    }
    fixture.decodeMs = round(median(runs.map((x) => x.decode)), 3);
    fixture.renderMs = round(median(runs.map((x) => x.render)), 3);
  }
  return { rounds, generated, fixture };
}
