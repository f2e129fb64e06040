#!/usr/bin/env node
// The demo app's view models, driven in the terminal against the simulated robot on real time:
// connect, list the album, download every file into ./demo-out/<device>/ with live progress bars,
// stream the live map, write ./demo-out/map.png, close cleanly and print a summary. With
// --clean-rooms the map page's commands run too: a no-go zone is drawn, the rooms are selected and
// cleaned through RobotControl, and map.png shows the selection, the zone and the new cleaning path.
//
//   npm run demo -- [--devices N] [--packet-size B] [--latency ms] [--speed B/s] [--fault name[,name]]
//                   [--rounds N] [--out dir] [--clean-rooms ID[,ID...]]
//
// It loads entry/src/main/ets/viewmodel/ViewModels.ets as ONE bundle: the same classes the ArkUI
// pages bind to, and the library classes they use (so `instanceof P2pError` holds here too).
// Exit codes: 0 every check passed, 1 a check failed, 2 usage.
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { PNG } from 'pngjs';
import { runCompanionDemo } from './lib/companion-demo.mjs';
import { importEts } from './lib/ets-import.mjs';
import { ENTRY_DIR } from './lib/paths.mjs';

const VIEW_MODELS = path.join(ENTRY_DIR, 'src', 'main', 'ets', 'viewmodel', 'ViewModels.ets');
/** The live map is watched for `--rounds` rounds, but never longer than this (slow links). */
const LIVE_LIMIT_MS = 12000;

const FAULTS = {
  'drop-mid-download': 'the session drops after 4 download chunks (each robot, once); interrupted files are asked for again',
  'drop-mid-stream': 'the session drops after 12 stream packets (each robot, once); the live map pauses and resumes',
  'hostile-names': 'the album also lists ../x, /abs, a\\b, a NUL name, an empty and a 300-character name and a duplicate',
  'flaky-connect': 'the first connect attempt times out (-3); the library retries once at once',
  slow: 'latency 250 ms and 1 KB/s: a slow link, watch the bars crawl (the live map stops at its time limit)',
  background: 'the app goes to the background during the live map and comes back after 3 s: after a 1.5 s grace ' +
    'period the robots are let go and the live map pauses; on return the links are checked and it resumes',
};
/** `--fault background`: the demo's grace period (the library's default is 10 s) and the time away. */
const DEMO_GRACE_MS = 1500;
const DEMO_AWAY_MS = 3000;

const USAGE = `usage: npm run demo -- [options]
  --devices N       robots to connect at once, 1..5 (default 1)
  --packet-size B   bytes per download chunk and stream packet (default 256)
  --latency ms      one network latency of the simulated robot (default 20)
  --speed B/s       transfer speed of the simulated robot (default 65536)
  --rounds N        live-map rounds to watch, 1..200 (default 32: most of a cleaning run)
  --fault NAME      inject a fault; repeat or separate with commas:
${Object.entries(FAULTS).map(([k, v]) => `                      ${k.padEnd(18)} ${v}`).join('\n')}
  --out DIR         output directory (default ./demo-out)
  --clean-rooms IDS select these rooms on the live map (e.g. 2,3), set a no-go zone in the first,
                    clean them and check the new cleaning path stays inside them and out of the zone
  --companion       a phone shares its live map with a tablet over a simulated cross-device
                    connection; writes map.png (phone) and companion.png (tablet), checks they match.
                    Takes --packet-size, --latency, --speed, --rounds and --out; not --devices, --fault, --clean-rooms`;

/** Options only one run reads (every other option: both); the other run refuses them rather than ignore them. */
const ONLY_FOR = { '--devices': 'robot', '--fault': 'robot', '--clean-rooms': 'robot' };

function parseArgs(argv) {
  const given = [];
  const a = { devices: 1, packetSize: 256, latency: 20, speed: 65536, rounds: null, faults: [], out: 'demo-out', companion: false,
    cleanRooms: [] };
  const int = (flag, v, min, max) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min || n > max) {
      throw new Error(`${flag} must be an integer ${min}..${max}, got ${v}`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    given.push(flag);
    switch (flag) {
      case '--help': case '-h': return null;
      case '--devices': a.devices = int(flag, value(), 1, 5); break;
      case '--packet-size': a.packetSize = int(flag, value(), 16, 65536); break;
      case '--latency': a.latency = int(flag, value(), 0, 5000); break;
      case '--speed': a.speed = int(flag, value(), 64, 100 * 1024 * 1024); break;
      case '--rounds': a.rounds = int(flag, value(), 1, 200); break;
      case '--out': a.out = value(); if (!a.out) { throw new Error('--out needs a directory'); } break;
      case '--companion': a.companion = true; break;
      case '--clean-rooms': {
        const v = String(value() ?? '');
        a.cleanRooms = v.split(',').filter((t) => t.length > 0).map((t) => int(flag, t, 0, 254));
        if (a.cleanRooms.length === 0) { throw new Error('--clean-rooms needs room ids, e.g. 2,3'); }
        break;
      }
      case '--fault': {
        const v = value();
        for (const name of String(v ?? '').split(',').filter((s) => s.length > 0)) {
          if (!Object.hasOwn(FAULTS, name)) {
            throw new Error(`unknown fault '${name}' (known: ${Object.keys(FAULTS).join(', ')})`);
          }
          a.faults.push(name);
        }
        if (a.faults.length === 0) { throw new Error('--fault needs a name'); }
        break;
      }
      default: throw new Error(`unknown argument '${argv[i]}'`);
    }
  }
  const run = a.companion ? 'companion' : 'robot';
  const ignored = given.filter((f) => ONLY_FOR[f] !== undefined && ONLY_FOR[f] !== run);
  if (ignored.length > 0) {
    throw new Error(`the ${a.companion ? '--companion' : 'robot'} run does not use ${[...new Set(ignored)].join(', ')}`);
  }
  // A targeted run takes about 40 stream periods: watch long enough to see it end.
  a.rounds = a.rounds ?? (a.cleanRooms.length > 0 ? 50 : 32);
  if (a.faults.includes('slow')) {
    a.latency = Math.max(a.latency, 250);
    a.speed = Math.min(a.speed, 1024);
  }
  return a;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const kb = (n) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

/** Progress bars: live cli-progress bars on a terminal; one final line per bar when output is piped. */
class Bars {
  constructor() {
    this.tty = Boolean(process.stdout.isTTY);
    this.multi = this.tty ? new cliProgress.MultiBar({
      format: '  {label} {bar} {percentage}% {info}',
      barsize: 20,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      hideCursor: true,
      clearOnComplete: false,
      autopadding: true,
      fps: 20,
    }) : null;
  }

  create(label, total) {
    const state = { label: label.padEnd(24), total, value: 0, info: '' };
    const bar = this.multi ? this.multi.create(total, 0, { label: state.label, info: '' }) : null;
    return {
      update: (value, info) => {
        state.value = Math.min(total, value);
        state.info = info ?? state.info;
        if (bar) {
          bar.update(state.value, { info: state.info });
        }
      },
      /** Piped output: the bar as it ended. */
      print: () => {
        if (!bar) {
          const pct = Math.round((state.value / state.total) * 100);
          const full = Math.round((pct / 100) * 20);
          console.log(`  ${state.label} ${'█'.repeat(full)}${'░'.repeat(20 - full)} ${String(pct).padStart(3)}% ${state.info}`);
        }
      },
    };
  }

  log(line) {
    if (this.multi) {
      this.multi.log(`${line}\n`);
    } else {
      console.log(line);
    }
  }

  stop() {
    if (this.multi) {
      this.multi.stop();
    }
  }
}

function sameBytes(file, expected) {
  if (expected === null || !fs.existsSync(file)) {
    return false;
  }
  return Buffer.compare(fs.readFileSync(file), Buffer.from(expected)) === 0;
}

function writePng(file, image) {
  const png = new PNG({ width: image.width, height: image.height });
  Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).copy(png.data);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, PNG.sync.write(png));
}

/** Resolves once `ready()` holds (checked on every view-model change) or after `ms`. */
function until(vm, ready, ms) {
  return new Promise((resolve) => {
    if (ready()) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => finish(false), ms);
    const check = () => {
      if (ready()) {
        finish(true);
      }
    };
    const sub = vm.onChange(check);
    // Unchanged re-sends are skipped without a change notice: look now and then too.
    const poll = setInterval(check, 250);
    function finish(ok) {
      clearTimeout(timer);
      clearInterval(poll);
      sub.remove();
      resolve(ok);
    }
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `--fault background`: the app leaves for `DEMO_AWAY_MS` and comes back (the view models log what happens). */
async function backgroundTrip(appState) {
  await sleep(500);
  appState.toBackground();
  await sleep(DEMO_AWAY_MS);
  appState.toForeground();
}

/**
 * What the live-map page does for --clean-rooms: once the map is in, a no-go rectangle in the middle
 * of the first room (shown once the robot holds it), then the rooms are selected and cleaned.
 * Resolves with what was asked, or with the problem.
 */
async function commandTheMap(m, device, roomIds, bars) {
  const map = device.map;
  const cmds = device.commands;
  // The live map, not the last known one: commands convert points with the robot's current origin.
  await until(map, () => map.map !== null && map.freshnessText === '', LIVE_LIMIT_MS);
  const robotMap = map.map;
  if (robotMap === null) {
    return { roomIds, zone: null, problems: ['no map arrived to command on'] };
  }
  const known = new Set(cmds.roomList.map((r) => r.id));
  const missing = roomIds.filter((id) => !known.has(id));
  if (missing.length > 0) {
    return { roomIds, zone: null, problems: [`the map has no room ${missing.join(', ')} (rooms: ${[...known].join(', ')})`] };
  }
  const first = cmds.roomList.find((r) => r.id === roomIds[0]);
  const half = Math.max(3, Math.floor(Math.min(first.bounds.width, first.bounds.height) / 5));
  const zone = [first.center.x - half, first.center.y - half, first.center.x + half, first.center.y + half];
  const problems = [];
  if (!(await cmds.addNoGoZone(...zone))) {
    problems.push(`no-go zone not set: ${cmds.errorText}`);
  }
  for (const id of roomIds) {
    cmds.toggleRoom(id);
  }
  if (!(await cmds.cleanSelected())) {
    problems.push(`clean not started: ${cmds.errorText}`);
  }
  bars.log(`  ${device.deviceId}: ${cmds.statusText || cmds.errorText}; robot holds ${cmds.restrictions.zones.length} no-go zone(s)`);
  return { roomIds, zone, robotMap, problems };
}

/** The cleaning path on the page against what was asked: inside the rooms, out of the no-go zone. */
function checkCommandedPath(map, commands) {
  const out = { ...commands, points: 0, outside: 0, inZone: 0, problems: [...commands.problems] };
  const robotMap = map.map;
  const drawn = map.path;
  if (robotMap === null || drawn === null || commands.zone === null) {
    return out;
  }
  const [x0, y0, x1, y1] = commands.zone;
  for (const p of drawn.points) {
    const x = Math.round(robotMap.originX + p.x);
    const y = Math.round(robotMap.originY + p.y);
    out.points++;
    if (!commands.roomIds.includes(robotMap.roomAt(x, y))) {
      out.outside++;
    }
    // Inside, not on its edge: the robot keeps out of the zone's interior.
    if (x > x0 && x < x1 && y > y0 && y < y1) {
      out.inZone++;
    }
  }
  if (out.points === 0) {
    out.problems.push('no cleaning path after the command');
  }
  if (out.outside > 0) {
    out.problems.push(`${out.outside} path point(s) outside rooms ${commands.roomIds.join(', ')}`);
  }
  if (out.inZone > 0) {
    out.problems.push(`${out.inZone} path point(s) in the no-go zone`);
  }
  return out;
}

/** Album, download, live map and checks of one connected robot. */
async function runDevice(m, environment, device, robot, args, bars, outDir, isFirst) {
  const id = device.deviceId;
  const album = device.album;
  const report = { id, files: 0, saved: 0, bytes: 0, equal: 0, mismatched: [], downloadMs: 0, streamFiles: 0,
    renders: 0, repeats: 0, pathPoints: 0, discarded: 0, png: [], hostile: null, problems: [] };

  await album.load();
  if (!album.loaded) {
    report.problems.push(`album not loaded: ${album.errorText}`);
    return report;
  }
  const listed = robot.device(id).album();
  if (args.faults.includes('hostile-names')) {
    report.hostile = { listed: listed.length, shown: album.files.length };
  }

  // Download every file, with a bar for the whole task and one per file.
  album.selectAll();
  report.files = album.selectedCount;
  const overall = bars.create(`${id} download`, 100);
  const fileBars = new Map(album.rows.map((r) => [r.filename, bars.create(`  ${r.filename}`, 100)]));
  const sub = album.onChange(() => {
    overall.update(album.overallPercent, album.statusText);
    for (const r of album.rows) {
      const bar = fileBars.get(r.filename);
      if (bar) {
        bar.update(r.percent, r.outcomeText.length > 0 ? `${r.outcomeText}${r.sizeText ? ` (${r.sizeText})` : ''}` : r.status.toLowerCase());
      }
    }
  });
  const t0 = performance.now();
  await album.download();
  report.downloadMs = performance.now() - t0;
  sub.remove();
  overall.print();
  for (const bar of fileBars.values()) {
    bar.print();
  }

  // Every saved file must hold exactly what the robot sent.
  const sim = robot.device(id);
  for (const r of album.rows) {
    const file = album.pathOf(r.filename);
    if (r.status !== m.FileStatus.DONE || file === '') {
      report.problems.push(`${r.filename}: ${r.outcomeText}`);
      continue;
    }
    report.saved++;
    report.bytes += fs.statSync(file).size;
    if (sameBytes(file, sim.fileBytes(r.filename))) {
      report.equal++;
    } else {
      report.mismatched.push(r.filename);
    }
  }
  if (report.hostile !== null) {
    const safe = new Set(album.files.map((f) => f.filename));
    report.hostile.requestedUnsafe = sim.requestedFiles.filter((n) => !safe.has(n)).length;
  }

  // Live map: watch `rounds` rounds of the three stream files.
  const map = device.map;
  const streamCount = album.streamFiles.length;
  const liveBar = bars.create(`${id} live map`, args.rounds);
  const liveSub = map.onChange(() => {
    const drawn = map.path;
    liveBar.update(Math.floor(map.filesReceived / Math.max(1, streamCount)),
      `${map.filesReceived} files, path ${drawn ? drawn.count : 0} points` +
      (map.statusText === 'Live' || map.statusText === 'Stopped' ? '' : ` (${map.statusText})`));
  });
  await map.start();
  const commanded = args.cleanRooms.length > 0 ? commandTheMap(m, device, args.cleanRooms, bars) : Promise.resolve(null);
  // One trip to the background for the whole app, while the first robot's live map runs.
  let tripDone = !(isFirst && environment.appState !== undefined);
  const trip = tripDone ? Promise.resolve() : backgroundTrip(environment.appState).then(() => {
    tripDone = true;
  });
  const complete = await until(map, () => (tripDone && map.filesReceived >= args.rounds * streamCount) || !map.running,
    LIVE_LIMIT_MS + (tripDone ? 0 : DEMO_AWAY_MS));
  await trip;
  const commands = await commanded;
  await map.stop();
  liveSub.remove();
  liveBar.print();
  if (!complete) {
    bars.log(`  ${id}: live map time limit (${seconds(LIVE_LIMIT_MS)}) reached after ${map.filesReceived} files`);
  }
  report.streamFiles = map.filesReceived;
  report.renders = map.revision;
  report.repeats = map.repeats;
  report.pathPoints = map.path ? map.path.count : 0;
  report.discarded = map.discarded;
  if (commands !== null) {
    report.commands = checkCommandedPath(map, commands);
    report.problems.push(...report.commands.problems);
  }
  // With commands, the live map draws the selection and the zone (its overlay) under the path.
  const picture = map.image;
  if (picture === null) {
    report.problems.push('no map was drawn');
  } else {
    const own = path.join(environment.deviceDir(id), 'map.png');
    writePng(own, picture);
    report.png.push(own);
    if (isFirst) {
      const top = path.join(outDir, 'map.png');
      writePng(top, picture);
      report.png.unshift(top);
    }
    report.size = `${map.image.width}×${map.image.height}`;
    report.charger = map.chargerText;
    report.robot = map.robotText;
  }
  return report;
}

/**
 * Removes what earlier runs of either kind wrote (pictures, robots' folders), so what is left after a run
 * is that run's output; the robots' last maps (`last-map/`) stay for the next first paint.
 */
function clearOutputs(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of fs.readdirSync(outDir)) {
    if (name === 'map.png' || name === 'companion.png' || /^robot-\d{4}$/.test(name)) {
      fs.rmSync(path.join(outDir, name), { recursive: true, force: true });
    }
  }
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`demo: ${e.message}\n${USAGE}`);
    return 2;
  }
  if (args === null) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  const m = await importEts(VIEW_MODELS);
  const loadedMs = performance.now() - started;
  const outDir = path.resolve(args.out);
  clearOutputs(outDir);
  if (args.companion) {
    return runCompanionDemo(m, args, outDir, { writePng, until, seconds, kb });
  }
  const ids = Array.from({ length: args.devices }, (_, i) => `robot-${String(i + 1).padStart(4, '0')}`);

  const clock = new m.SystemClock();
  // The robot writes its files where the client looks: one store for both (real files on the host).
  const fileStore = new m.FileIoStore();
  const robot = new m.SimulatedRobot({
    clock,
    fileStore,
    latencyMs: args.latency,
    packetSize: args.packetSize,
    bytesPerSecond: args.speed,
    streamPeriodMs: 100,
  });
  for (const id of ids) {
    const faults = robot.device(id).faults;
    if (args.faults.includes('drop-mid-download')) {
      faults.dropDuring(m.SimOperation.DOWNLOAD, 4, m.SimulatedSdkCodes.CLOSED, 1);
    }
    if (args.faults.includes('drop-mid-stream')) {
      faults.dropDuring(m.SimOperation.STREAM, 12, m.SimulatedSdkCodes.CLOSED, 1);
    }
    if (args.faults.includes('flaky-connect')) {
      faults.failConnect(-3, 1);
    }
  }
  if (args.faults.includes('hostile-names')) {
    robot.faults.hostileFilenames();
  }

  const environment = new m.DemoEnvironment(clock, outDir, fileStore, robot, () => {
    throw new Error('the demo runs the simulated robot only');
  });
  environment.dpsFor = (id) => robot.dps(id);
  environment.reconnect = { initialDelayMs: 1000, maxDelayMs: 4000, maxAttempts: 10 };
  if (args.faults.includes('background')) {
    environment.appState = new m.SimulatedAppState();
    environment.backgroundGraceMs = DEMO_GRACE_MS;
  }
  environment.streamIdleMs = 5000;
  // The last map of each robot, painted first on the next run (`last known`).
  environment.mapSnapshotStore = new m.FileMapSnapshotStore(fileStore, path.join(outDir, 'last-map'));

  console.log(`RoboVac P2P demo: ${args.devices} simulated robot(s) on real time, latency ${args.latency} ms, ` +
    `${args.packetSize}-byte packets at ${kb(args.speed)}/s${args.faults.length ? `, faults: ${args.faults.join(', ')}` : ''}`);
  console.log(`view models: ${path.relative(process.cwd(), VIEW_MODELS)} (loaded in ${seconds(loadedMs)}); output: ${path.relative(process.cwd(), outDir) || '.'}/`);
  console.log('');

  const app = new m.ConnectViewModel(environment);
  const bars = new Bars();
  app.log.onLine((line) => bars.log(`  ${line.toString()}`));
  app.setMode(m.ConnectMode.LAN);

  const devices = [];
  for (const id of ids) {
    const d = await app.connectDevice(id);
    if (d !== null) {
      devices.push(d);
    }
  }
  const reports = await Promise.all(devices.map((d, i) => runDevice(m, environment, d, robot, args, bars, outDir, i === 0)));
  const drops = devices.map((d) => [d.drops, d.reconnects]);
  reports.forEach((r) => {
    r.connectAttempts = robot.connectAttempts.filter((a) => a.deviceId === r.id).length;
  });
  await app.shutdown();
  bars.stop();
  const totalMs = performance.now() - started;

  // Summary.
  console.log('\nSummary');
  const problems = [];
  if (devices.length < ids.length) {
    problems.push(`${ids.length - devices.length} robot(s) did not connect: ${app.errorText}`);
  }
  reports.forEach((r, i) => {
    const [dropCount, reconnects] = drops[i];
    console.log(`  ${r.id}: ${r.saved}/${r.files} files saved, ${kb(r.bytes)}, ` +
      `${r.equal}/${r.files} byte-identical to the robot's, download ${seconds(r.downloadMs)}`);
    console.log(`    live map: ${r.streamFiles} stream files, ${r.repeats} unchanged re-sends skipped, ${r.renders} renders, ` +
      `path ${r.pathPoints} points, ${r.discarded} dropped`);
    console.log(`    session: ${r.connectAttempts} connect attempt(s), ${dropCount} drop(s), ${reconnects} reconnect(s)`);
    if (r.commands && r.commands.zone !== null) {
      console.log(`    commands: cleaned rooms ${r.commands.roomIds.join(', ')}; cleaning path ${r.commands.points} points, ` +
        `${r.commands.outside} outside those rooms, ${r.commands.inZone} in the no-go zone (${r.commands.zone.join(', ')})`);
    }
    if (r.size) {
      console.log(`    map ${r.size}: ${r.charger}, ${r.robot} -> ${r.png.map((p) => path.relative(process.cwd(), p)).join(', ')}`);
    }
    if (r.hostile) {
      console.log(`    album: the robot listed ${r.hostile.listed} entries, the app shows ${r.hostile.shown} ` +
        `(unsafe names left out); unsafe names requested from the robot: ${r.hostile.requestedUnsafe}`);
      if (r.hostile.requestedUnsafe > 0) {
        problems.push(`${r.id}: an unsafe name was requested`);
      }
    }
    problems.push(...r.problems.map((p) => `${r.id}: ${p}`));
    if (r.mismatched.length > 0) {
      problems.push(`${r.id}: bytes differ from the robot's: ${r.mismatched.join(', ')}`);
    }
  });
  const leaks = { connections: robot.liveConnections, transfers: robot.liveTransfers, timers: robot.liveTimers };
  const clean = leaks.connections === 0 && leaks.transfers === 0 && leaks.timers === 0 && !robot.initialized;
  console.log(`  closed cleanly: ${clean ? 'yes' : 'NO'} (open sessions ${leaks.connections}, transfer instances ` +
    `${leaks.transfers}, robot timers ${leaks.timers}, SDK ${robot.initialized ? 'still initialised' : 'de-initialised'})`);
  if (!clean) {
    problems.push('resources were left open');
  }
  console.log(`  time: ${seconds(totalMs)} (bundling the view models ${seconds(loadedMs)})`);
  for (const p of problems) {
    console.log(`  PROBLEM ${p}`);
  }
  console.log(problems.length === 0 ? 'demo OK' : `demo FAILED: ${problems.length} problem(s)`);
  return problems.length === 0 ? 0 : 1;
}

main().then((status) => {
  process.exitCode = status;
}, (e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exitCode = 1;
});
