// Case 5 — the live map, per update, through LiveMap (classify, de-duplicate, decode, path
// accumulation, throttled render in layers), against the same work done by hand with the
// pieces LiveMap is built from (byte compare of the re-sent file, decodeMap when it changed, the
// internal PathAccumulator and LayeredMapRenderer, bundled for the bench by lib/library.mjs). Two kinds of update, as a cleaning robot sends them:
//   path  — the map is re-sent unchanged (a repeat) and the cleaning path grew by `growth` points;
//   map   — the map file changed (decode + raster) and the path grew too.
// A sample is `blocks` blocks; each block starts a new run (untimed) and times `updatesPerBlock`
// updates in which the path grows from `pathPoints` − growth × updates / 2 to `pathPoints` +
// growth × updates / 2 points: `pathPoints` on average (decoding and comparing a path costs in
// proportion to its length). A sample's timed CPU is the sum over its blocks, at least 25 ms. Then
// one more update followed by `resends` identical re-sends: LiveMap must draw it once and skip every copy.
//
// The feed is a minimal LiveMapSource (the stream reader's contract, no SDK), so the figure is the
// live map's own cost per update; the transport is measured by the stream case.
import { cpuMs, interleave, median, round } from '../lib/measure.mjs';

const DEVICE = 'bench-livemap';
const MAP_FILE = 'map.bin.stream';
const PATH_FILE = 'cleanPath.bin.stream';

/** A pull reader the bench pushes whole files into (StreamReader's contract). */
class PushReader {
  constructor(lib) {
    this.lib = lib;
    this.queue = [];
    this.waiters = [];
    this.ended = false;
    this.idle = false;
    this.paused = false;
    this.discarded = 0;
  }

  push(file) {
    const w = this.waiters.shift();
    if (w) {
      w(file);
    } else {
      this.queue.push(file);
    }
  }

  read() {
    if (this.queue.length > 0) {
      return Promise.resolve(this.queue.shift());
    }
    if (this.ended) {
      return Promise.resolve(null);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release() {}

  cancel() {
    this.ended = true;
    for (const w of this.waiters.splice(0)) {
      w(null);
    }
  }

  onEvent() {
    return new this.lib.Subscription(() => {});
  }
}

class PushSource {
  constructor(lib, files) {
    this.lib = lib;
    this.deviceId = DEVICE;
    this.state = lib.SessionState.CONNECTED;
    this.files = files;
    this.reader = null;
  }

  onStateChange() {
    return new this.lib.Subscription(() => {});
  }

  listFiles() {
    return Promise.resolve(this.files);
  }

  openStream() {
    this.reader = new PushReader(this.lib);
    return this.reader;
  }
}

/** Point i of a boustrophedon over the middle of a `side`-pixel map (relative to its origin). */
function pointAt(lib, i, side) {
  const span = Math.floor(side * 0.7);
  const row = Math.floor(i / 100);
  const col = i % 100;
  const x = -span / 2 + (row % 2 === 0 ? col : 99 - col) * (span / 100);
  const y = -span / 2 + (row * 4) % span;
  return new lib.PathPoint(x, y, lib.PathPointType.COMMON);
}

/** The path file of the first `count` points; `fresh` marks a new run (initFlag). */
function pathBytes(lib, points, count, fresh) {
  const p = new lib.RobotPath(1, lib.PathType.PATH, points.slice(0, count));
  p.initFlag = fresh ? 1 : 0;
  return lib.encodePath(p, true);
}

/** The map with a different mapId: a new file the robot would send after the map changed. */
function mapVariant(bytes, n) {
  const copy = new Uint8Array(bytes.slice(0));
  copy[1] = (n >> 8) & 0xFF;
  copy[2] = n & 0xFF;
  return copy.buffer;
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) {
    return false;
  }
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) {
      return false;
    }
  }
  return true;
}

function streamFile(lib, name, bytes, at, sequence) {
  return { bytes, name, kind: lib.robotFileKindOfName(name), receivedAt: at, sequence };
}

/** By hand: the same work per update, done directly with the pieces LiveMap is built from. */
class ByHand {
  constructor(lib, style) {
    this.lib = lib;
    this.acc = new lib.PathAccumulator();
    this.renderer = new lib.LayeredMapRenderer(style);
    this.lastMap = null;
    this.map = null;
  }

  update(mapBytes, pathFile) {
    if (this.lastMap === null || !sameBytes(this.lastMap, mapBytes)) {
      this.map = this.lib.decodeMap(mapBytes);
      this.lastMap = mapBytes.slice(0);
    }
    this.acc.offerBytes(pathFile);
    return this.renderer.render(this.map, this.acc.path, null);
  }
}

/**
 * `mode` 'path' or 'map'. Returns per-update CPU ms of LiveMap and by hand (medians over samples),
 * how many renders an update cost, and (path mode) what LiveMap's renderer drew.
 */
async function measureMode(lib, { side, pathPoints, growth, blocks, updatesPerBlock, rounds }, mode) {
  const baseMap = new lib.FloorPlanGenerator(20240601 + side, side, side, 1).mapBytes();
  const first = pathPoints - Math.floor((growth * updatesPerBlock) / 2);
  const maxPoints = first + growth * updatesPerBlock;
  const points = [];
  for (let i = 0; i < maxPoints; i++) {
    points.push(pointAt(lib, i, side));
  }
  // A new run, then the path grown by `growth` points per update; a fresh map file per update in map mode.
  const start = pathBytes(lib, points, first, true);
  const grown = [];
  const maps = [];
  for (let k = 1; k <= updatesPerBlock; k++) {
    grown.push(pathBytes(lib, points, first + growth * k, false));
    maps.push(mode === 'map' ? mapVariant(baseMap, k) : baseMap);
  }
  const files = [MAP_FILE, PATH_FILE].map((filename, idx) => ({ idx, channel: 0, type: 5, dir: 0, filename, createTime: 0, duration: 0 }));
  const clock = new lib.VirtualClock();
  const source = new PushSource(lib, files);
  const style = new lib.MapStyle();
  const live = new lib.LiveMap(DEVICE, { clock, renderIntervalMs: 1000, style, logLevel: lib.LogLevel.OFF });
  live.attachSource(source);
  await clock.advance(0);
  let seq = 0;
  const send = async (m, p) => {
    source.reader.push(streamFile(lib, MAP_FILE, m, clock.now(), seq++));
    source.reader.push(streamFile(lib, PATH_FILE, p, clock.now(), seq++));
    await clock.advance(1000);
  };
  const hand = new ByHand(lib, style);
  let variant = 0;
  const rendersPerUpdate = [];
  const samples = await interleave({
    liveMap: async () => {
      let ms = 0;
      let renders = 0;
      for (let b = 0; b < blocks; b++) {
        // Untimed: a new run on a map variant of its own, so the first timed update is a change in map mode too.
        variant++;
        await send(mode === 'map' ? mapVariant(baseMap, 1000 + variant) : baseMap, start);
        const renders0 = live.stats.renders;
        const t0 = cpuMs();
        for (let k = 0; k < updatesPerBlock; k++) {
          await send(maps[k], grown[k]);
        }
        ms += cpuMs() - t0;
        renders += live.stats.renders - renders0;
      }
      rendersPerUpdate.push(renders / (blocks * updatesPerBlock));
      return { ms, perUpdate: ms / (blocks * updatesPerBlock) };
    },
    byHand: async () => {
      let ms = 0;
      for (let b = 0; b < blocks; b++) {
        variant++;
        hand.update(mode === 'map' ? mapVariant(baseMap, 2000 + variant) : baseMap, start);
        const t0 = cpuMs();
        for (let k = 0; k < updatesPerBlock; k++) {
          hand.update(maps[k], grown[k]);
        }
        ms += cpuMs() - t0;
      }
      return { ms, perUpdate: ms / (blocks * updatesPerBlock) };
    },
  }, rounds, 1);
  rendersPerUpdate.shift();
  const snap = live.snapshot;
  if (snap.map === null || snap.map.width !== side || snap.cleanPath.count !== maxPoints) {
    throw new Error(`live map (${mode}): the snapshot does not show the last update`);
  }
  // The last picture is exactly a full render of the same state.
  const full = lib.renderMap(snap.map, snap.cleanPath, style, snap.navPath);
  const shown = live.latest.image;
  if (Buffer.compare(Buffer.from(shown.data.buffer, shown.data.byteOffset, shown.data.byteLength),
    Buffer.from(full.data.buffer, full.data.byteOffset, full.data.byteLength)) !== 0) {
    throw new Error(`live map (${mode}): the picture differs from renderMap of the same state`);
  }
  await live.stop();
  const liveSamples = samples.liveMap;
  const handSamples = samples.byHand;
  return {
    live,
    clock,
    source,
    send,
    baseMap,
    grownLast: grown[grown.length - 1],
    figures: {
      liveMs: median(liveSamples.map((s) => s.perUpdate)),
      handMs: median(handSamples.map((s) => s.perUpdate)),
      minSampleMs: Math.min(...liveSamples.map((s) => s.ms), ...handSamples.map((s) => s.ms)),
      rendersPerUpdate: median(rendersPerUpdate),
      mapBytes: baseMap.byteLength,
      pathBytes: grown[grown.length - 1].byteLength,
    },
  };
}

/** One more update, then `resends` identical copies of it, one a second: drawn once, every copy skipped. */
async function resendCheck(lib, { side, pathPoints, resends }) {
  const map = new lib.FloorPlanGenerator(20240601 + side, side, side, 1).mapBytes();
  const points = [];
  for (let i = 0; i < pathPoints; i++) {
    points.push(pointAt(lib, i, side));
  }
  const path = pathBytes(lib, points, pathPoints, true);
  const files = [MAP_FILE, PATH_FILE].map((filename, idx) => ({ idx, channel: 0, type: 5, dir: 0, filename, createTime: 0, duration: 0 }));
  const clock = new lib.VirtualClock();
  const source = new PushSource(lib, files);
  const live = new lib.LiveMap(DEVICE, { clock, renderIntervalMs: 1000, logLevel: lib.LogLevel.OFF });
  let notified = 0;
  live.subscribe(() => {
    notified++;
  });
  live.attachSource(source);
  await clock.advance(0);
  let seq = 0;
  for (let i = 0; i <= resends; i++) {
    source.reader.push(streamFile(lib, MAP_FILE, map.slice(0), clock.now(), seq++));
    source.reader.push(streamFile(lib, PATH_FILE, path.slice(0), clock.now(), seq++));
    await clock.advance(1000);
  }
  await clock.advance(5000);
  const out = { resends, resendRenders: live.stats.renders, resendDropped: live.stats.duplicatesDropped, notified };
  await live.stop();
  out.pendingTimers = clock.pendingTimers;
  return out;
}

/** `path`/`map`: { blocks, updatesPerBlock } of each kind of update. */
export async function runLiveMap(lib, { sides, pathPoints, growth, path, map, rounds, resends }) {
  const rows = [];
  for (const side of sides) {
    for (const mode of ['path', 'map']) {
      const shape = mode === 'path' ? path : map;
      const r = await measureMode(lib, { side, pathPoints, growth, blocks: shape.blocks, updatesPerBlock: shape.updatesPerBlock,
        rounds }, mode);
      rows.push({
        side,
        mode,
        pathPoints,
        growth,
        updatesPerSample: shape.blocks * shape.updatesPerBlock,
        rounds,
        mapBytes: r.figures.mapBytes,
        pathBytes: r.figures.pathBytes,
        liveCpuMsPerUpdate: round(r.figures.liveMs, 3),
        handCpuMsPerUpdate: round(r.figures.handMs, 3),
        overhead: round(r.figures.liveMs / r.figures.handMs, 3),
        minSampleMs: round(r.figures.minSampleMs, 1),
        rendersPerUpdate: r.figures.rendersPerUpdate,
      });
    }
  }
  return { rows, resend: await resendCheck(lib, { side: sides[0], pathPoints, resends }) };
}
