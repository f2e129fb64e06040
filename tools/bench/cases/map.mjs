// Case 3 — maps: decodeMap + renderMap (default style, scale 1) of generated 500², 1000² and 2000²
// maps in each wire version (0: 2-bit, 1: rooms, 2: rooms + floor material), and every real Tuya
// demo map file (map.bin*) in ../shared/fixtures when present. CPU time (all threads, so the
// garbage collector's work on the buffers counts). A sample repeats decode + render until it has
// taken at least 25 ms and reports the mean of its repetitions (after one untimed, since the forced GC
// before each sample drops optimized code); figures are medians of the samples.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../lib/paths.mjs';
import { cpuMs, interleave, median, round } from '../lib/measure.mjs';

const FIXTURES = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'tuya-demo');
const MIN_SAMPLE_MS = 25;

function decodeRender(lib, bytes) {
  const t0 = cpuMs();
  const map = lib.decodeMap(bytes);
  const t1 = cpuMs();
  const image = lib.renderMap(map);
  const t2 = cpuMs();
  if (image.width !== map.width || image.data.length !== map.width * map.height * 4) {
    throw new Error('render size does not match the map');
  }
  return { decode: t1 - t0, render: t2 - t1, total: t2 - t0, map };
}

/**
 * decode + render repeated for at least MIN_SAMPLE_MS; the mean of the repetitions. One untimed
 * repetition first: the forced GC before each sample makes V8 drop optimized code.
 */
function sampleOf(lib, bytes) {
  decodeRender(lib, bytes);
  let decode = 0;
  let render = 0;
  let reps = 0;
  let map = null;
  const t0 = cpuMs();
  do {
    const r = decodeRender(lib, bytes);
    decode += r.decode;
    render += r.render;
    map = r.map;
    reps++;
  } while (cpuMs() - t0 < MIN_SAMPLE_MS);
  return { decode: decode / reps, render: render / reps, total: (decode + render) / reps, sampleMs: cpuMs() - t0, map };
}

/** How a corrupt file is refused: its error code and how long the refusal took. */
function refusal(lib, bytes) {
  const t0 = cpuMs();
  try {
    lib.decodeMap(bytes);
  } catch (e) {
    return { code: e.code ?? String(e), ms: cpuMs() - t0 };
  }
  return null;
}

export async function runMap(lib, { sizes, versions, rounds }) {
  const inputs = {};
  for (const n of sizes) {
    for (const v of versions) {
      inputs[`${n}/v${v}`] = { n, v, bytes: new lib.FloorPlanGenerator(20240601 + n, n, n, v).mapBytes() };
    }
  }
  const contenders = {};
  for (const [key, input] of Object.entries(inputs)) {
    contenders[key] = async () => {
      const r = sampleOf(lib, input.bytes);
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
    minSampleMs: round(Math.min(...samples[key].map((x) => x.sampleMs)), 1),
  }));

  const fixtures = { status: 'absent', dir: path.relative(REPO_ROOT, FIXTURES), files: [] };
  if (fs.existsSync(FIXTURES)) {
    fixtures.status = 'present';
    for (const name of fs.readdirSync(FIXTURES).filter((n) => /^map\.bin\d*$/.test(n)).sort()) {
      const b = fs.readFileSync(path.join(FIXTURES, name));
      const bytes = b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
      const refused = refusal(lib, bytes);
      if (refused !== null) {
        // Refused files are timed as refusals (median of several).
        const times = [];
        for (let i = 0; i < 9; i++) {
          times.push(refusal(lib, bytes).ms);
        }
        fixtures.files.push({ name, fileBytes: b.length, refused: refused.code, refuseMs: round(median(times), 3) });
        continue;
      }
      const runs = [];
      for (let i = 0; i < rounds + 1; i++) {
        runs.push(sampleOf(lib, bytes));
      }
      runs.shift();
      const m = runs[0].map;
      fixtures.files.push({ name, fileBytes: b.length, width: m.width, height: m.height, version: m.version,
        rooms: m.rooms.length, decodeMs: round(median(runs.map((x) => x.decode)), 3),
        renderMs: round(median(runs.map((x) => x.render)), 3) });
    }
  }
  return { rounds, generated, fixtures };
}
