#!/usr/bin/env node
// `npm run bench`: what the library costs on top of what an app would do anyway, and against the
// physical floor. A benchmark, not a test: it exits non-zero only when a contender produces wrong
// bytes or a download/stream fails, never because a target is missed.
//
// Every contender runs in processes of its own (tools/bench/worker.mjs); the jobs of one measurement
// (contenders, and for a scale row each size) take their samples in turns (each sample about 40 ms of
// CPU, never under 25 ms on purpose), so they meet the same machine load, and this is repeated over
// several rounds of fresh processes. Figures are medians over all samples; the min–max over rounds says how far one run can
// be trusted. The targets table (MET/MISSED) and the rows go to stdout, progress to stderr,
// BENCHMARKS.md is rewritten, and the last stdout line is one JSON object with the keys.
//
//   node tools/bench/run.mjs             full run (a few minutes on a 2-core machine)
//   node tools/bench/run.mjs --quick     one round, fewer samples and less data: a smoke test
//   node tools/bench/run.mjs --profile   also profile the facade's event, packet and 16 KB stream paths
//   node tools/bench/run.mjs --no-write  do not touch BENCHMARKS.md
//   node tools/bench/run.mjs --only livemap,map
//                                        only the named measurements (ids of lib/plan.mjs: download, st-16k, ...,
//                                        robots, heap, map, simulatedRobots, livemap); BENCHMARKS.md is left as it
//                                        is, and keys of measurements not run are null in the JSON line
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../lib/paths.mjs';
import { benchFileNames } from './lib/fast-fake-sdk.mjs';
import { bundleLibrary, importLibrary } from './lib/library.mjs';
import { machine, round } from './lib/measure.mjs';
import { Samples, deriveDownload, deriveRobots, deriveStream } from './lib/metrics.mjs';
import { TARGETS, measuredPlan, sampledPlan, sampling, verdict } from './lib/plan.mjs';
import { writePartialReport, writeReport } from './lib/report.mjs';
import { runMeasured, runRound } from './lib/workers.mjs';

const argv = process.argv.slice(2);
const args = new Set(argv);
const quick = args.has('--quick');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((argv[onlyAt + 1] ?? '').split(',').filter((x) => x.length > 0)) : null;
const chosen = (p) => only === null || only.has(p.id) || only.has(p.case);
const write = !args.has('--no-write') && only === null;
const profileFacade = args.has('--profile');
const PROFILED = new Set(['download/facade@100', 'st-16k/facade', 'st-64b/facade']);

function log(msg) {
  process.stderr.write(`[bench] ${msg}\n`);
}

/** tmpfs when there is one: the contenders stat each finished file, and the disk is not what we measure. */
function scratchDir(files) {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dir = fs.mkdtempSync(path.join(base, 'robovac-bench-'));
  for (const n of benchFileNames(files)) {
    fs.writeFileSync(path.join(dir, n), '');
  }
  return dir;
}

const started = Date.now();
const m = machine();
log(`${m.cpu}, ${m.cores} cores, ${m.ramGB} GB, Node ${m.node}, load ${m.load}`);
const { file: bundle, missing } = await bundleLibrary();
const lib = await importLibrary(bundle);
if (missing.length > 0) {
  log(`not in this checkout yet: ${missing.join(', ')}`);
}

const sample = sampling(quick);
const plan = sampledPlan(quick).filter(chosen);
const dir = scratchDir(Math.max(0, ...plan.filter((p) => p.case === 'download').flatMap((p) => p.jobs.map((j) => j.params.files))));
const results = {};
try {
  let done = 0;
  const total = plan.length * sample.rounds;
  for (const p of plan) {
    for (const j of p.jobs) {
      results[j.row] = results[j.row] ?? {};
      results[j.row][j.contender] = [];
    }
    for (let r = 0; r < sample.rounds; r++) {
      done++;
      log(`${done}/${total} ${p.id}: ${p.jobs.map((j) => j.key).join(', ')} (round ${r + 1} of ${sample.rounds})`);
      // Processes start in rotating order too, so no job always warms up first.
      const order = p.jobs.map((_, i) => p.jobs[(i + r) % p.jobs.length]);
      const jobs = order.map((j) => ({ bundle, kind: 'sampled', case: p.case, contender: j.contender,
        params: p.case === 'download' ? { ...j.params, dir } : j.params, warmupMs: sample.warmupMs, sampleMs: sample.sampleMs,
        alloc: (p.alloc ?? []).includes(j.key) && r === 0,
        profile: profileFacade && j.contender === 'facade' && r === 0 && PROFILED.has(`${p.id}/${j.key}`) }));
      const got = await runRound(jobs, sample.samples);
      order.forEach((j, i) => results[j.row][j.contender].push(got[i]));
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const measured = { heap: null, map: null, simulatedRobots: null, livemap: null };
for (const p of measuredPlan(quick).filter(chosen)) {
  const absent = (p.needs ?? []).filter((n) => lib[n] === undefined);
  if (p.optional && !fs.existsSync(path.join(REPO_ROOT, 'tools', 'bench', p.optional))) {
    absent.push(p.optional);
  }
  if (absent.length > 0) {
    log(`${p.id}: skipped (${absent.join(', ')} not in this checkout)`);
    measured[p.id] = null;
    continue;
  }
  log(`${p.id}`);
  measured[p.id] = await runMeasured({ bundle, kind: 'measure', case: p.case, params: p.params });
}

const s = new Samples(results);
const ran = (c) => plan.some((p) => p.case === c);
const download = ran('download') ? deriveDownload(s) : null;
const stream = ran('stream') ? deriveStream(s) : null;
const robots = ran('robots') ? deriveRobots(s) : null;
const map1000 = measured.map === null ? null
  : Math.max(...measured.map.generated.filter((g) => g.size === 1000).map((g) => g.totalMs));
const liveRow = (mode) => (measured.livemap === null ? null
  : measured.livemap.rows.find((r) => r.side === 1000 && r.mode === mode) ?? null);
const livePath = liveRow('path');
const liveMapChanged = liveRow('map');

const figures = {
  eventOverheadNs: download === null ? null : download.event.deltaNs,
  fileOverheadUs: download === null ? null : download.fileOverheadUs,
  requestOverheadUs: download === null ? null : download.requestOverheadUs,
  streamVsSameDelivery: stream === null ? null : stream.streamVsSameDelivery,
  packetOverheadNs: stream === null ? null : stream.packetOverheadNs,
  downloadScale: download === null ? null : download.downloadScale,
  streamScale: stream === null ? null : stream.streamScale,
  robotScale: robots === null ? null : robots.robotScale,
  streamVsTuya: stream === null ? null : stream.streamVsTuya,
  map1000Ms: map1000 === null ? null : { value: map1000 },
  livePathUpdateMs: livePath === null ? null : { value: livePath.liveCpuMsPerUpdate },
  liveMapUpdateMs: liveMapChanged === null ? null : { value: liveMapChanged.liveCpuMsPerUpdate },
  streamPeakHeapMB: measured.heap === null ? null : { value: measured.heap.peakLiveMB },
};
const digits = { eventOverheadNs: 1, fileOverheadUs: 2, requestOverheadUs: 1, streamVsSameDelivery: 3, packetOverheadNs: 1,
  downloadScale: 3, streamScale: 3, robotScale: 3, streamVsTuya: 1, map1000Ms: 2, livePathUpdateMs: 3, liveMapUpdateMs: 2,
  streamPeakHeapMB: 2 };
const json = {};
for (const t of TARGETS) {
  const f = figures[t.key];
  json[t.key] = f === null || f === undefined ? null : round(f.value, digits[t.key]);
}
const verdicts = TARGETS.map((t) => ({ ...t, figure: figures[t.key], value: json[t.key], verdict: verdict(t, json[t.key]) }));

// Each run is kept, so a second run can say how far its figures moved.
const historyFile = path.join(REPO_ROOT, '.cache', 'bench', 'history.jsonl');
const previous = fs.existsSync(historyFile)
  ? fs.readFileSync(historyFile, 'utf8').trim().split('\n').filter((l) => l).map((l) => JSON.parse(l)).filter((h) => h.quick === quick).pop()
  : undefined;
if (only === null) {
  fs.appendFileSync(historyFile, `${JSON.stringify({ date: new Date().toISOString(), quick, json })}\n`);
}

const seconds = round((Date.now() - started) / 1000, 0);
const report = { machine: m, date: new Date(), quick, sample, seconds, verdicts, json, download, stream, robots,
  measured, results, samples: s, missing, previous: previous ?? null };
if (only === null) {
  const text = writeReport(report);
  if (write) {
    fs.writeFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), text.markdown);
    log(`wrote BENCHMARKS.md (${seconds} s)`);
  }
  process.stdout.write(`${text.terminal}\n`);
} else {
  process.stdout.write(`${writePartialReport(report)}\n`);
}
process.stdout.write(`${JSON.stringify(json)}\n`);
