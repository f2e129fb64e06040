// Case 5 — the live map: a 1000×1000 map and a 5,000-point cleaning path updated once a (virtual)
// second through LiveMap (classify, dedupe, decode, path accumulation, throttled render), against
// the same work done by hand (decodeMap + decodePath + renderMap). Then one more update followed by
// 100 identical re-sends of it: LiveMap must draw it once and skip every copy.
//
// The feed is a minimal LiveMapSource (the stream reader's contract, no SDK), so the figure is the
// live map's own cost per update; the transport is measured by the stream case.
import { cpuMs, interleave, median, round } from '../lib/measure.mjs';

const DEVICE = 'bench-livemap';

/** A pull reader the bench pushes whole files into (StreamReader's contract). */
class PushReader {
  constructor(lib) {
    this.lib = lib;
    this.queue = [];
    this.waiters = [];
    this.ended = false;
    this.idle = false;
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

/** A boustrophedon of `count` points over the middle of a `side`-pixel map (relative to its origin). */
function pathBytes(lib, count, side) {
  const points = [];
  const span = Math.floor(side * 0.7);
  const rowStep = 4;
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / 100);
    const col = i % 100;
    const x = -span / 2 + (row % 2 === 0 ? col : 99 - col) * (span / 100);
    const y = -span / 2 + (row * rowStep) % span;
    points.push(new lib.PathPoint(x, y, lib.PathPointType.COMMON));
  }
  return lib.encodePath(new lib.RobotPath(1, lib.PathType.PATH, points), true);
}

/** The map with a different mapId: a new file the robot would send after the map changed. */
function mapVariant(bytes, n) {
  const copy = new Uint8Array(bytes.slice(0));
  copy[1] = (n >> 8) & 0xFF;
  copy[2] = n & 0xFF;
  return copy.buffer;
}

function streamFile(lib, name, bytes, at, sequence) {
  return { bytes, name, kind: lib.robotFileKindOf(name, bytes), receivedAt: at, sequence };
}

export async function runLiveMap(lib, { side, pathPoints, updatesPerSample, rounds, resends }) {
  const map = new lib.FloorPlanGenerator(20240601 + side, side, side, 1).mapBytes();
  const files = [0, 1].map((i) => ({ idx: i, channel: 0, type: 5, dir: 0,
    filename: i === 0 ? 'map.bin.stream' : 'cleanPath.bin.stream', createTime: 0, duration: 0 }));
  const totalUpdates = updatesPerSample * (rounds + 1);
  // Every update is a changed map and a path one point longer, so nothing is skipped.
  const maps = [];
  const paths = [];
  for (let i = 0; i < totalUpdates + 1; i++) {
    maps.push(mapVariant(map, i + 1));
    paths.push(pathBytes(lib, pathPoints + i, side));
  }

  const clock = new lib.VirtualClock();
  const source = new PushSource(lib, files);
  const live = new lib.LiveMap(DEVICE, { clock, renderIntervalMs: 1000 });
  let notified = 0;
  live.subscribe(() => {
    notified++;
  });
  live.attachSource(source);
  await clock.advance(0);
  let seq = 0;
  const update = async (m, p) => {
    source.reader.push(streamFile(lib, 'map.bin.stream', m, clock.now(), seq++));
    source.reader.push(streamFile(lib, 'cleanPath.bin.stream', p, clock.now(), seq++));
    await clock.advance(1000);
  };

  // Samples of `updatesPerSample` updates each, the two contenders interleaved (warm-up dropped).
  const rendersPerUpdate = [];
  let liveNext = 0;
  let handNext = 0;
  const style = new lib.MapStyle();
  const acc = new lib.PathAccumulator();
  const samples = await interleave({
    liveMap: async () => {
      const renders0 = live.stats.renders;
      const t0 = cpuMs();
      for (let i = 0; i < updatesPerSample; i++, liveNext++) {
        await update(maps[liveNext], paths[liveNext]);
      }
      const ms = cpuMs() - t0;
      rendersPerUpdate.push((live.stats.renders - renders0) / updatesPerSample);
      return { ms, perUpdate: ms / updatesPerSample };
    },
    byHand: async () => {
      const t0 = cpuMs();
      for (let i = 0; i < updatesPerSample; i++, handNext++) {
        const m = lib.decodeMap(maps[handNext]);
        acc.offerBytes(paths[handNext]);
        lib.renderMap(m, acc.path, style);
      }
      const ms = cpuMs() - t0;
      return { ms, perUpdate: ms / updatesPerSample };
    },
  }, rounds, 1);
  const liveSamples = samples.liveMap;
  const handSamples = samples.byHand;
  rendersPerUpdate.shift();

  // One more update, then `resends` identical copies of it, one a second.
  const before = live.stats.renders;
  const dropped0 = live.stats.duplicatesDropped;
  await update(maps[totalUpdates], paths[totalUpdates]);
  for (let i = 0; i < resends; i++) {
    await update(maps[totalUpdates], paths[totalUpdates]);
  }
  await clock.advance(5000);
  const resendRenders = live.stats.renders - before;
  const resendDropped = live.stats.duplicatesDropped - dropped0;

  await live.stop();
  if (live.snapshot.map === null || live.snapshot.map.width !== side ||
    live.snapshot.cleanPath.count !== pathPoints + totalUpdates) {
    throw new Error('live map: the snapshot does not show the last update');
  }
  const liveMs = median(liveSamples.map((s) => s.perUpdate));
  const handMs = median(handSamples.map((s) => s.perUpdate));
  return {
    side,
    pathPoints,
    updatesPerSample,
    rounds,
    mapBytes: map.byteLength,
    pathBytes: paths[0].byteLength,
    liveCpuMsPerUpdate: round(liveMs),
    handCpuMsPerUpdate: round(handMs),
    overhead: round(liveMs / handMs, 3),
    minSampleMs: round(Math.min(...liveSamples.map((s) => s.ms), ...handSamples.map((s) => s.ms)), 1),
    rendersPerUpdate: median(rendersPerUpdate),
    resends,
    resendRenders,
    resendDropped,
    notified,
    pendingTimers: clock.pendingTimers,
  };
}
