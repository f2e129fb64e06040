// `npm run demo -- --companion`: a simulated robot, a phone that holds its session and shares the
// live map, and a tablet that watches it, the two devices joined by the companion test kit's
// SimulatedCompanionPair (@robovac/p2p-companion-testing: cross-device connection, same account).
// Both run the app's own view models (ShareMapViewModel, WatchMapViewModel) on real time. Writes
// the phone's map.png and the tablet's companion.png and checks, with pngjs, that they are
// pixel-identical.
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/** The tablet must show what the phone shows within this long after the phone's last change. */
const CONVERGE_LIMIT_MS = 8000;

function sameImage(a, b) {
  return a !== null && b !== null && a.width === b.width && a.height === b.height &&
    Buffer.compare(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength),
      Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength)) === 0;
}

/** Reads both PNG files back and compares every pixel. */
function comparePngs(fileA, fileB) {
  const a = PNG.sync.read(fs.readFileSync(fileA));
  const b = PNG.sync.read(fs.readFileSync(fileB));
  if (a.width !== b.width || a.height !== b.height) {
    return { identical: false, detail: `${a.width}×${a.height} against ${b.width}×${b.height}` };
  }
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2] ||
      a.data[i + 3] !== b.data[i + 3]) {
      differing++;
    }
  }
  return { identical: differing === 0, detail: `${a.width}×${a.height}, ${differing} of ${a.width * a.height} pixels differ` };
}

/**
 * Runs the scenario; returns the exit status (0 all checks passed, 1 a check failed).
 * `tools` carries the demo's own helpers: writePng(file, image), until(vm, ready, ms), seconds(ms), kb(n).
 */
export async function runCompanionDemo(m, args, outDir, tools) {
  const { writePng, until, seconds, kb } = tools;
  const started = performance.now();
  const clock = new m.SystemClock();
  const fileStore = new m.FileIoStore();
  const robot = new m.SimulatedRobot({
    clock,
    fileStore,
    latencyMs: args.latency,
    packetSize: args.packetSize,
    bytesPerSecond: args.speed,
    streamPeriodMs: 100,
  });
  const pair = new m.SimulatedCompanionPair({ clock });
  const noRealSdk = () => {
    throw new Error('the demo runs the simulated robot only');
  };

  // The phone: the app with the robot session, and its side of the pair.
  const phoneEnv = new m.DemoEnvironment(clock, outDir, fileStore, robot, noRealSdk);
  phoneEnv.streamIdleMs = 5000;
  const tablet = new m.NearbyDevice('Tablet', pair.deviceB.peerInfo);
  phoneEnv.companion = new m.CompanionEnvironment(pair.linksOfA(), null, { list: () => [tablet] });
  const app = new m.ConnectViewModel(phoneEnv);
  app.log.onLine((line) => console.log(`  phone   ${line.toString()}`));

  // The tablet: no robot session, only the shared map; the platform hands it the phone's request.
  const tabletEnv = new m.DemoEnvironment(clock, outDir, fileStore, robot, noRealSdk);
  tabletEnv.companion = new m.CompanionEnvironment(pair.linksOfB(), null, { list: () => [] });
  const tabletLog = new m.LogViewModel(clock);
  tabletLog.onLine((line) => console.log(`  tablet  ${line.toString()}`));
  const watch = new m.WatchMapViewModel(tabletEnv, tabletLog);
  pair.deviceB.onCollaborate = (wantParam) => {
    try {
      return watch.accept(m.CollaborationRequest.fromWantParam(wantParam)) ? m.COLLABORATE_ACCEPT : m.COLLABORATE_REJECT;
    } catch (e) {
      return m.COLLABORATE_REJECT;
    }
  };

  const phonePng = path.join(outDir, 'map.png');
  const tabletPng = path.join(outDir, 'companion.png');
  console.log(`RoboVac P2P companion demo: a simulated robot, a phone sharing its live map and a tablet watching ` +
    `over a simulated cross-device connection (latency ${args.latency} ms, ${kb(args.speed)}/s robot link)`);
  console.log('');

  const problems = [];
  const device = await app.connectDevice('robot-0001');
  if (device === null) {
    console.log(`demo FAILED: the phone did not connect: ${app.errorText}`);
    return 1;
  }
  const map = device.map;
  const share = new m.ShareMapViewModel(map, phoneEnv, app.log);
  share.refreshDevices();
  const shared = await share.shareWith(share.devices[0]);
  if (!shared) {
    problems.push(`sharing failed: ${share.errorText}`);
  }
  const rounds = args.rounds * 3;
  const liveDone = await until(map, () => map.filesReceived >= rounds || !map.running, 12000);
  if (!liveDone) {
    console.log(`  the phone's live map reached its time limit after ${map.filesReceived} files`);
  }
  // The robot's path keeps growing for a while; wait until the tablet shows exactly what the phone shows.
  const converged = await new Promise((resolve) => {
    const deadline = Date.now() + CONVERGE_LIMIT_MS;
    const check = () => {
      if (sameImage(map.image, watch.image)) {
        resolve(true);
      } else if (Date.now() > deadline) {
        resolve(false);
      } else {
        setTimeout(check, 50);
      }
    };
    check();
  });
  const peers = share.peersText;
  const watchStatus = watch.statusText;
  if (map.image === null) {
    problems.push('the phone drew no map');
  } else {
    writePng(phonePng, map.image);
  }
  if (watch.image === null) {
    problems.push('the tablet drew no map');
  } else {
    writePng(tabletPng, watch.image);
  }
  if (!converged) {
    problems.push(`the tablet did not show the phone's map within ${seconds(CONVERGE_LIMIT_MS)}`);
  }

  await share.stop();
  // The tablet hears that the phone stopped sharing and keeps the last map, marked as not updating.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const afterStop = `${watch.statusText}${watch.freshnessText ? ` (${watch.freshnessText})` : ''}`;
  await watch.stop();
  await app.shutdown();
  pair.deviceB.onCollaborate = null;
  await new Promise((resolve) => setTimeout(resolve, 100));

  console.log('\nSummary');
  console.log(`  phone: robot-0001 live map, ${map.filesReceived} stream files, ${map.revision} renders; shared: ${peers || 'nobody'}`);
  console.log(`  tablet: ${watchStatus}; after the phone stopped sharing: ${afterStop}`);
  if (fs.existsSync(phonePng) && fs.existsSync(tabletPng)) {
    const cmp = comparePngs(phonePng, tabletPng);
    console.log(`  ${path.relative(process.cwd(), tabletPng)} against ${path.relative(process.cwd(), phonePng)}: ` +
      `${cmp.identical ? 'pixel-identical' : 'DIFFERENT'} (${cmp.detail})`);
    if (!cmp.identical) {
      problems.push('companion.png differs from map.png');
    }
  }
  const robotClean = robot.liveConnections === 0 && robot.liveTransfers === 0 && robot.liveTimers === 0 && !robot.initialized;
  const pairClean = pair.liveSessions === 0 && pair.liveCallbacks === 0;
  console.log(`  closed cleanly: ${robotClean && pairClean ? 'yes' : 'NO'} (robot sessions ${robot.liveConnections}, ` +
    `robot timers ${robot.liveTimers}, cross-device sessions ${pair.liveSessions}, callbacks ${pair.liveCallbacks})`);
  if (!robotClean || !pairClean) {
    problems.push('resources were left open');
  }
  console.log(`  time: ${seconds(performance.now() - started)}`);
  for (const p of problems) {
    console.log(`  PROBLEM ${p}`);
  }
  console.log(problems.length === 0 ? 'demo OK' : `demo FAILED: ${problems.length} problem(s)`);
  return problems.length === 0 ? 0 : 1;
}
