// Robots at once. One unit = `robots` robots streaming `perRobotMB` each (1 MB files) through one
// P2pClient at the same time; the fake SDK sends each device's files one per macrotask, so the
// streams interleave file by file as independent robots would. Cost per byte must not grow with the
// number of robots: one JS thread does all of it, so the ideal is the same cost per byte.
//
// Plus, when the simulator is in the checkout, the same in virtual time on SimulatedRobot at a fixed
// link speed: five robots must take the same virtual time as one if no device waits for another.
import { FastFakeSdk, albumFiles, buildPackets, patternBytes } from '../lib/fast-fake-sdk.mjs';
import { readAllFacade, streamFileNames } from './stream.mjs';

const MB = 1024 * 1024;

/** { runs: { main }, counts: { main }, teardown }; params: { robots, perRobotMB, packetBytes }. */
export async function prepare(lib, contender, { robots, perRobotMB, packetBytes }) {
  if (contender !== 'facade') {
    throw new Error(`robots: no contender ${contender}`);
  }
  const sdk = new FastFakeSdk();
  const packets = buildPackets(patternBytes(perRobotMB * MB, 0x1234567), MB, packetBytes);
  const files = albumFiles(streamFileNames(packets.length));
  const client = new lib.P2pClient({ userId: 'bench-user', sdk });
  const sessions = [];
  for (let r = 0; r < robots; r++) {
    const id = `bench-robot-${r}`;
    sdk.streamFiles.set(id, packets);
    sessions.push(await client.connect(id));
  }
  const total = robots * perRobotMB * MB;
  const run = async () => {
    const got = (await Promise.all(sessions.map((s) => readAllFacade(s, files, null)))).reduce((a, b) => a + b, 0);
    if (got !== total) {
      throw new Error(`robots: got ${got} bytes, expected ${total}`);
    }
  };
  const teardown = async () => {
    await client.shutdown();
    return { resourcesAfter: client.resources().toString() };
  };
  return { runs: { main: run }, counts: { main: { bytes: total, files: robots * files.length } }, teardown };
}

/** Virtual-time check on SimulatedRobot; null when the simulator is not in this checkout. */
export async function measureSimulated(lib, { robots, fileKB, filesPerRobot, packetBytes, bytesPerSecond }) {
  if (typeof lib.SimulatedRobot !== 'function' || typeof lib.VirtualClock !== 'function') {
    return null;
  }
  const one = async (count) => {
    const clock = new lib.VirtualClock();
    const robot = new lib.SimulatedRobot({ clock, packetSize: packetBytes, bytesPerSecond, latencyMs: 20 });
    const names = streamFileNames(filesPerRobot);
    const files = albumFiles(names);
    const bytes = patternBytes(fileKB * 1024, 0xabcdef).buffer;
    const contents = new Map(names.map((n) => [n, bytes]));
    const client = new lib.P2pClient({ userId: 'bench-user', sdk: robot, clock });
    const ids = Array.from({ length: count }, (_, i) => `sim-robot-${i}`);
    for (const id of ids) {
      robot.setAlbum(id, files, contents);
    }
    const sessions = await clock.run(Promise.all(ids.map((id) => client.connect(id))));
    const t0 = clock.now();
    const got = await clock.run(Promise.all(sessions.map((s) => readAllFacade(s, files, null))));
    const virtualMs = clock.now() - t0;
    await clock.run(client.shutdown());
    const total = got.reduce((a, b) => a + b, 0);
    if (total !== count * filesPerRobot * fileKB * 1024) {
      throw new Error(`simulated: got ${total} bytes`);
    }
    return { virtualMs, mbps: total / MB / (virtualMs / 1000) };
  };
  const a = await one(1);
  const b = await one(robots);
  return {
    robots,
    perRobotKB: fileKB * filesPerRobot,
    packetBytes,
    linkMBps: bytesPerSecond / MB,
    oneVirtualMs: a.virtualMs,
    allVirtualMs: b.virtualMs,
    oneVirtualMBps: a.mbps,
    allVirtualMBps: b.mbps,
    ratio: b.mbps / a.mbps,
  };
}
