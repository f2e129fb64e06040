#!/usr/bin/env node
// `npm run bench`: the facade's cost against the raw SDK, Tuya's own reassembly and memcpy, plus
// map decode/render and five robots at once (issue 7). A benchmark, not a test: it fails only if a
// contender produces wrong bytes or a download/stream fails.
//
// Each case runs its contenders in one process, interleaved (rotating order), after a warm-up
// round; medians are reported. The table goes to stdout, progress to stderr, BENCHMARKS.md is
// rewritten, and the last stdout line is one JSON object a script can read.
//
//   node tools/bench/run.mjs            full run (about a minute on a 2-core machine)
//   node tools/bench/run.mjs --quick    fewer rounds and less data, for a smoke test
//   node tools/bench/run.mjs --profile  also profile the facade when every target is met
//   node tools/bench/run.mjs --no-write do not touch BENCHMARKS.md
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Heap figures need gc() before each sample; re-run this script with --expose-gc when it is missing.
if (typeof globalThis.gc !== 'function') {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, self, ...process.argv.slice(2)],
    { stdio: 'inherit' });
  process.exit(r.status === null ? 1 : r.status);
}

const { REPO_ROOT } = await import('../lib/paths.mjs');
const { loadLibrary } = await import('./lib/library.mjs');
const { machine, round } = await import('./lib/measure.mjs');
const { profile, summarise } = await import('./lib/profile.mjs');
const { runDownload, setupDownload } = await import('./cases/download.mjs');
const { runStream, setupStreamSession } = await import('./cases/stream.mjs');
const { runMap } = await import('./cases/map.mjs');
const { runConcurrency } = await import('./cases/concurrency.mjs');
const { runLiveMap } = await import('./cases/livemap.mjs');
const { albumFiles, buildPackets, patternBytes } = await import('./lib/fast-fake-sdk.mjs');
const { writeReport } = await import('./lib/report.mjs');

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const forceProfile = args.has('--profile');
const write = !args.has('--no-write');

const ROUNDS = quick ? 3 : 9;
const CONFIG = {
  download: { files: 100, steps: 100, batch: quick ? 3 : 20, rounds: ROUNDS },
  stream: { totalMB: quick ? 16 : 64, fileMB: 1, packetSizes: [1024, 16384], rounds: ROUNDS, tuyaMB: quick ? 2 : 8 },
  map: { sizes: [500, 1000, 2000], versions: [0, 1, 2], rounds: ROUNDS, fixtureRepeats: 50 },
  concurrency: {
    fast: { robots: 5, perRobotMB: quick ? 8 : 32, packetBytes: 16384, rounds: ROUNDS },
    simulated: { robots: 5, fileKB: 256, filesPerRobot: 4, packetBytes: 16384, bytesPerSecond: 4 * 1024 * 1024 },
  },
  livemap: { side: 1000, pathPoints: 5000, updatesPerSample: 4, rounds: ROUNDS, resends: 100 },
};

const TARGETS = {
  downloadOverhead: { max: 1.1, text: '≤ 1.10× raw CPU time' },
  streamVsMemcpy: { min: 0.5, text: '≥ 0.50 of memcpy (16 KB packets)' },
  streamVsTuya: { min: 10, text: '≥ 10× Tuya\'s approach' },
  map1000Ms: { max: 50, text: '≤ 50 ms median' },
  streamPeakHeapMB: { max: 8, text: '≤ 8 MB' },
  liveMapResendRenders: { max: 1, text: '1 render for an update and 100 identical re-sends' },
};

function log(msg) {
  process.stderr.write(`[bench] ${msg}\n`);
}

function met(key, value) {
  const t = TARGETS[key];
  return t.max !== undefined ? value <= t.max : value >= t.min;
}

async function profileDownload(lib) {
  const s = await setupDownload(lib, { files: CONFIG.download.files, steps: CONFIG.download.steps });
  for (let i = 0; i < 3; i++) {
    await s.facadeOnce();
  }
  const p = await profile(async () => {
    for (let i = 0; i < 10; i++) {
      await s.facadeOnce();
    }
  });
  await s.teardown();
  return summarise(p, 14);
}

async function profileStream(lib, packetBytes) {
  const MB = 1024 * 1024;
  const { sdk, client, session } = await setupStreamSession(lib);
  const total = quick ? 16 : 64;
  sdk.streamFiles.set('bench-stream-device', buildPackets(patternBytes(total * MB), MB, packetBytes));
  const files = albumFiles(Array.from({ length: total }, (_, i) => `part_${i}.bin`));
  const once = async () => {
    const r = session.openStream({ files });
    while ((await r.read()) !== null) {
      // Drain.
    }
  };
  await once();
  const p = await profile(async () => {
    for (let i = 0; i < 3; i++) {
      await once();
    }
  });
  await client.shutdown();
  return summarise(p, 14);
}

const started = Date.now();
const { lib, missing } = await loadLibrary();
if (missing.length > 0) {
  log(`not in this checkout yet: ${missing.join(', ')}`);
}
const m = machine();
log(`${m.cpu}, ${m.cores} cores, ${m.ramGB} GB, Node ${m.node}`);

log('1/5 download event path');
const download = await runDownload(lib, CONFIG.download);
log('2/5 stream reassembly');
const stream = await runStream(lib, CONFIG.stream);
let map = null;
if (typeof lib.FloorPlanGenerator === 'function' && typeof lib.decodeMap === 'function') {
  log('3/5 maps');
  map = await runMap(lib, CONFIG.map);
} else {
  log('3/5 maps: skipped (FloorPlanGenerator/decodeMap missing)');
}
log('4/5 concurrency');
const concurrency = await runConcurrency(lib, CONFIG.concurrency);
let livemap = null;
if (typeof lib.LiveMap === 'function') {
  log('5/5 live map');
  livemap = await runLiveMap(lib, CONFIG.livemap);
} else {
  log('5/5 live map: skipped (LiveMap missing)');
}

const s16 = stream.results.find((r) => r.packetBytes === 16384);
const s1 = stream.results.find((r) => r.packetBytes === 1024);
const map1000 = map === null ? null : Math.max(...map.generated.filter((g) => g.size === 1000).map((g) => g.totalMs));
const headline = {
  downloadOverhead: download.ratio,
  streamVsMemcpy: s16.vsMemcpy,
  streamVsTuya: s16.vsTuya,
  map1000Ms: map1000,
  streamPeakHeapMB: stream.peakLiveMB,
  liveMapResendRenders: livemap === null ? null : livemap.resendRenders,
};

const profiles = {};
if (forceProfile || !met('downloadOverhead', headline.downloadOverhead)) {
  log('profiling the facade download path');
  profiles.download = await profileDownload(lib);
}
if (forceProfile || !met('streamVsMemcpy', headline.streamVsMemcpy)) {
  log('profiling the facade stream path');
  profiles.stream16k = await profileStream(lib, 16384);
  profiles.stream1k = await profileStream(lib, 1024);
}

const mapBySize = (n) => (map === null ? null : Math.max(...map.generated.filter((g) => g.size === n).map((g) => g.totalMs)));
const json = {
  ...headline,
  downloadOverheadBest: download.bestRatio,
  downloadOverheadInertClock: download.inertRatio,
  streamVsMemcpyBest: s16.bestVsMemcpy,
  streamVsMemcpy1k: s1.vsMemcpy,
  streamVsTuya1k: s1.vsTuya,
  streamVsMemcpyFresh: s16.vsMemcpyFresh,
  streamMBps16k: s16.facadeMBps,
  streamMBps1k: s1.facadeMBps,
  streamPeakHeapNoGcMB: stream.peakNoGcMB,
  downloadNsPerCallback: download.facadeNsPerCallback,
  rawNsPerCallback: download.rawNsPerCallback,
  map500Ms: mapBySize(500),
  map2000Ms: mapBySize(2000),
  mapBin2DecodeMs: map === null ? null : (map.fixture.status === 'present' ? map.fixture.decodeMs : 'absent'),
  concurrency5vs1: concurrency.fast.ratio,
  concurrencySimulated5vs1: concurrency.simulated ? concurrency.simulated.ratio : null,
  liveMapCpuMsPerUpdate: livemap === null ? null : livemap.liveCpuMsPerUpdate,
  liveMapByHandCpuMsPerUpdate: livemap === null ? null : livemap.handCpuMsPerUpdate,
  missed: Object.keys(TARGETS).filter((k) => headline[k] === null || !met(k, headline[k])),
  quick,
  seconds: round((Date.now() - started) / 1000, 1),
};

const report = { machine: m, date: new Date(), config: CONFIG, targets: TARGETS, headline, json, download, stream, map, concurrency, livemap, profiles, missing, quick };
const text = writeReport(report);
if (write) {
  fs.writeFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), text.markdown);
  log(`wrote BENCHMARKS.md (${json.seconds} s)`);
}
process.stdout.write(`${text.table}\n`);
process.stdout.write(`${JSON.stringify(json)}\n`);
