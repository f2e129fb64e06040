// Case 4 — concurrency: 5 robots streaming at once through one P2pClient vs one robot alone.
// (a) Host throughput with the FastFakeSdk: each device sends its files one per macrotask, so the
//     five streams interleave file by file; aggregate MB/s of five robots streaming at once vs one
//     robot streaming the same total (its five streams back to back). On one JS thread the ideal is
//     1.0: concurrency must not cost extra per byte.
// (b) With SimulatedRobot on a VirtualClock (when present): every robot sends at a fixed simulated
//     link speed, so five robots must finish in the same virtual time as one if nothing in the
//     library serialises one device behind another. Reported as aggregate virtual MB/s.
import { FastFakeSdk, albumFiles, buildPackets, patternBytes } from '../lib/fast-fake-sdk.mjs';
import { cpuMs, interleave, median, round, spread, wallMs } from '../lib/measure.mjs';

const MB = 1024 * 1024;

async function readAll(session, files) {
  const reader = session.openStream({ files });
  let bytes = 0;
  for (;;) {
    const f = await reader.read();
    if (f === null) {
      break;
    }
    bytes += f.bytes.byteLength;
  }
  if (reader.discarded !== 0) {
    throw new Error(`stream discarded ${reader.discarded} files`);
  }
  return bytes;
}

async function fastFake(lib, { robots, perRobotMB, packetBytes, rounds }) {
  const sdk = new FastFakeSdk();
  const packets = buildPackets(patternBytes(perRobotMB * MB, 0x1234567), MB, packetBytes);
  const files = albumFiles(Array.from({ length: packets.length }, (_, i) => `part_${i}.bin`));
  const client = new lib.P2pClient({ userId: 'bench-user', sdk });
  const sessions = [];
  for (let r = 0; r < robots; r++) {
    const id = `bench-robot-${r}`;
    sdk.streamFiles.set(id, packets);
    sessions.push(await client.connect(id));
  }
  // Same total bytes both ways: five robots at once, or one robot doing the five streams in a row.
  const total = robots * perRobotMB * MB;
  const timed = (work) => async () => {
    const c0 = cpuMs();
    const w0 = wallMs();
    const bytes = await work();
    const wall = wallMs() - w0;
    if (bytes !== total) {
      throw new Error(`got ${bytes} bytes, expected ${total}`);
    }
    return { wall, cpu: cpuMs() - c0, mbps: bytes / MB / (wall / 1000) };
  };
  const one = timed(async () => {
    let bytes = 0;
    for (let r = 0; r < robots; r++) {
      bytes += await readAll(sessions[0], files);
    }
    return bytes;
  });
  const all = timed(async () => (await Promise.all(sessions.map((s) => readAll(s, files)))).reduce((a, b) => a + b, 0));
  const samples = await interleave({ one, all }, rounds, 1);
  await client.shutdown();
  const oneMBps = median(samples.one.map((x) => x.mbps));
  const allMBps = median(samples.all.map((x) => x.mbps));
  return {
    robots,
    perRobotMB,
    packetBytes,
    oneMBps: round(oneMBps, 0),
    allMBps: round(allMBps, 0),
    oneRange: spread(samples.one.map((x) => x.mbps), 0),
    allRange: spread(samples.all.map((x) => x.mbps), 0),
    oneMs: round(median(samples.one.map((x) => x.wall)), 1),
    allMs: round(median(samples.all.map((x) => x.wall)), 1),
    oneCpuMs: round(median(samples.one.map((x) => x.cpu)), 1),
    allCpuMs: round(median(samples.all.map((x) => x.cpu)), 1),
    ratio: round(allMBps / oneMBps, 2),
  };
}

class BytesContent {
  constructor(bytes) {
    this.bytes = bytes;
  }

  fileBytes() {
    return this.bytes.slice(0);
  }
}

async function simulated(lib, { robots, fileKB, filesPerRobot, packetBytes, bytesPerSecond }) {
  const one = async (count) => {
    const clock = new lib.VirtualClock();
    const robot = new lib.SimulatedRobot({ clock, packetSize: packetBytes, bytesPerSecond, latencyMs: 20 });
    const names = Array.from({ length: filesPerRobot }, (_, i) => `part_${i}.bin`);
    const files = albumFiles(names);
    const bytes = patternBytes(fileKB * 1024, 0xabcdef).buffer;
    const contents = new Map(names.map((n) => [n, bytes]));
    const client = new lib.P2pClient({ userId: 'bench-user', sdk: robot, clock });
    const ids = Array.from({ length: count }, (_, i) => `sim-robot-${i}`);
    for (const id of ids) {
      robot.setAlbum(id, files, contents);
    }
    const sessions = await clock.run(Promise.all(ids.map((id) => client.connect(id))));
    const w0 = wallMs();
    const t0 = clock.now();
    const got = await clock.run(Promise.all(sessions.map((s) => readAll(s, files))));
    const virtualMs = clock.now() - t0;
    const wall = wallMs() - w0;
    await clock.run(client.shutdown());
    const total = got.reduce((a, b) => a + b, 0);
    if (total !== count * filesPerRobot * fileKB * 1024) {
      throw new Error(`simulated: got ${total} bytes`);
    }
    return { virtualMs, wall, mbps: total / MB / (virtualMs / 1000) };
  };
  const a = await one(1);
  const b = await one(robots);
  return {
    robots,
    perRobotKB: fileKB * filesPerRobot,
    packetBytes,
    linkMBps: round(bytesPerSecond / MB, 2),
    oneVirtualMs: a.virtualMs,
    allVirtualMs: b.virtualMs,
    oneVirtualMBps: round(a.mbps, 2),
    allVirtualMBps: round(b.mbps, 2),
    ratio: round(b.mbps / a.mbps, 2),
    hostWallMs: round(a.wall + b.wall, 0),
  };
}

export async function runConcurrency(lib, opts) {
  const out = { fast: await fastFake(lib, opts.fast) };
  if (typeof lib.SimulatedRobot === 'function' && typeof lib.VirtualClock === 'function') {
    try {
      out.simulated = await simulated(lib, opts.simulated);
    } catch (e) {
      out.simulatedError = String(e && e.message ? e.message : e);
    }
  } else {
    out.simulatedError = 'SimulatedRobot not available in this checkout';
  }
  return out;
}
