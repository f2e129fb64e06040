// Turns the workers' samples into the figures of the report. Every figure is computed twice: from
// all samples of all processes pooled (the headline: medians), and once per round from that round's
// processes alone, whose spread (min–max over rounds) shows how far a single run can be trusted.
import { median } from './measure.mjs';

const MB = 1024 * 1024;

/** results: { id: { contender: workerResult[] (one per round) } }. */
export class Samples {
  constructor(results) {
    this.results = results;
  }

  rounds(id) {
    const byContender = this.results[id];
    return byContender === undefined ? 0 : Math.min(...Object.values(byContender).map((a) => a.length));
  }

  has(id, contender) {
    return this.results[id] !== undefined && this.results[id][contender] !== undefined;
  }

  /** Per-unit CPU ms samples of one variant, all rounds pooled, or only round `r`. */
  perUnit(id, contender, variant = 'main', r = null) {
    const runs = this.results[id][contender];
    const chosen = r === null ? runs : [runs[r]];
    return chosen.flatMap((w) => w.variants[variant].perUnitCpuMs);
  }

  /** Paired per-sample values f(sampleIndex) → number for variants measured side by side. */
  paired(id, contender, a, b, fn, r = null) {
    const runs = this.results[id][contender];
    const chosen = r === null ? runs : [runs[r]];
    const out = [];
    for (const w of chosen) {
      const xa = w.variants[a].perUnitCpuMs;
      const xb = w.variants[b].perUnitCpuMs;
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        out.push(fn(xa[i], xb[i]));
      }
    }
    return out;
  }

  counts(id, contender, variant = 'main') {
    return this.results[id][contender][0].counts[variant];
  }

  alloc(id, contender, variant = 'main') {
    const values = this.results[id][contender].map((w) => (w.allocBytesPerUnit ? w.allocBytesPerUnit[variant] : null))
      .filter((v) => v !== null && v !== undefined);
    return values.length > 0 ? median(values) : null;
  }

  /** Shortest sample (CPU ms) over every job of `id`. */
  shortestSampleMs(id) {
    let min = Infinity;
    for (const runs of Object.values(this.results[id])) {
      for (const w of runs) {
        for (const v of Object.values(w.variants)) {
          min = Math.min(min, ...v.sampleCpuMs);
        }
      }
    }
    return min;
  }

  after(id, contender) {
    return this.results[id][contender].map((w) => w.after && w.after.resourcesAfter).filter((x) => x)[0] ?? null;
  }
}

/** { value, min, max }: `compute(r)` with r = null (pooled) and r = 0..rounds-1. */
function figure(s, ids, compute) {
  const value = compute(null);
  const rounds = Math.min(...ids.map((id) => s.rounds(id)));
  const per = [];
  for (let r = 0; r < rounds; r++) {
    per.push(compute(r));
  }
  return { value, min: Math.min(...per), max: Math.max(...per), rounds };
}

export function deriveDownload(s) {
  const m = (id, c, v, r) => median(s.perUnit(id, c, v, r));
  const out = { rows: [] };
  for (const id of ['dl-1', 'dl-100', 'dl-10000']) {
    const files = s.counts(id, 'facade', 'steps1').files;
    const fac = figure(s, [id], (r) => m(id, 'facade', 'steps1', r));
    const app = figure(s, [id], (r) => m(id, 'app', 'steps1', r));
    const delta = figure(s, [id], (r) => m(id, 'facade', 'steps1', r) - m(id, 'app', 'steps1', r));
    const ratio = figure(s, [id], (r) => m(id, 'facade', 'steps1', r) / m(id, 'app', 'steps1', r));
    out.rows.push({ id, files, events: s.counts(id, 'facade', 'steps1').events, fac, app, delta, ratio,
      facadePerFileUs: (fac.value * 1000) / files, appPerFileUs: (app.value * 1000) / files,
      resourcesAfter: s.after(id, 'facade') });
  }
  // Per event: (100 steps − 1 step) per file, paired within each process, facade minus app.
  const c1 = s.counts('dl-100', 'facade', 'steps1');
  const c100 = s.counts('dl-100', 'facade', 'steps100');
  const extra = c100.events - c1.events;
  const nsPerEvent = (c, r) => median(s.paired('dl-100', c, 'steps1', 'steps100', (a, b) => ((b - a) * 1e6) / extra, r));
  out.event = {
    extraEvents: extra,
    facadeNs: figure(s, ['dl-100'], (r) => nsPerEvent('facade', r)),
    appNs: figure(s, ['dl-100'], (r) => nsPerEvent('app', r)),
    deltaNs: figure(s, ['dl-100'], (r) => nsPerEvent('facade', r) - nsPerEvent('app', r)),
    facade100StepsMs: m('dl-100', 'facade', 'steps100', null),
    app100StepsMs: m('dl-100', 'app', 'steps100', null),
  };
  const allocPerEvent = (c) => {
    const a = s.alloc('dl-100', c, 'steps1');
    const b = s.alloc('dl-100', c, 'steps100');
    return a === null || b === null ? null : (b - a) / extra;
  };
  out.event.facadeAllocBytes = allocPerEvent('facade');
  out.event.appAllocBytes = allocPerEvent('app');
  const big = out.rows[2];
  const hundred = out.rows[1];
  out.fileOverheadUs = figure(s, ['dl-10000'], (r) => ((m('dl-10000', 'facade', 'steps1', r) - m('dl-10000', 'app', 'steps1', r)) * 1000) / big.files);
  out.requestOverheadUs = figure(s, ['dl-1'], (r) => (m('dl-1', 'facade', 'steps1', r) - m('dl-1', 'app', 'steps1', r)) * 1000);
  out.downloadScale = figure(s, ['dl-100', 'dl-10000'], (r) => (m('dl-10000', 'facade', 'steps1', r) / big.files) /
    (m('dl-100', 'facade', 'steps1', r) / hundred.files));
  out.appScale = figure(s, ['dl-100', 'dl-10000'], (r) => (m('dl-10000', 'app', 'steps1', r) / big.files) /
    (m('dl-100', 'app', 'steps1', r) / hundred.files));
  return out;
}

const STREAM_ROWS = ['st-16k', 'st-1k', 'st-64b', 'st-4k-64', 'st-4k-4096', 'st-8m-1k', 'st-8m-16k', 'st-8m-256k'];

export function deriveStream(s) {
  const m = (id, c, r) => median(s.perUnit(id, c, 'main', r));
  const rows = [];
  for (const id of STREAM_ROWS) {
    const row = { id, contenders: {} };
    for (const c of ['facade', 'raw', 'memcpy', 'tuya']) {
      if (!s.has(id, c)) {
        continue;
      }
      const counts = s.counts(id, c);
      const ms = figure(s, [id], (r) => m(id, c, r));
      const all = s.perUnit(id, c);
      row.contenders[c] = {
        counts,
        ms,
        mbps: counts.bytes / MB / (ms.value / 1000),
        mbpsRange: [counts.bytes / MB / (Math.max(...all) / 1000), counts.bytes / MB / (Math.min(...all) / 1000)],
        perFileUs: (ms.value * 1000) / counts.files,
        perPacketNs: (ms.value * 1e6) / counts.packets,
        allocPerPacket: s.alloc(id, c) === null ? null : s.alloc(id, c) / counts.packets,
      };
    }
    row.params = s.results[id].facade[0].counts.main;
    const perByte = (c, r) => m(id, c, r) / s.counts(id, c).bytes;
    row.vsRaw = figure(s, [id], (r) => perByte('raw', r) / perByte('facade', r));
    if (s.has(id, 'tuya')) {
      row.vsTuya = figure(s, [id], (r) => perByte('tuya', r) / perByte('facade', r));
    }
    if (s.has(id, 'memcpy')) {
      row.vsMemcpy = figure(s, [id], (r) => perByte('memcpy', r) / perByte('facade', r));
    }
    const packets = s.counts(id, 'facade').packets;
    row.packetDeltaNs = figure(s, [id], (r) => ((m(id, 'facade', r) - m(id, 'raw', r)) * 1e6) / packets);
    row.fileDeltaUs = figure(s, [id], (r) => ((m(id, 'facade', r) - m(id, 'raw', r)) * 1000) / s.counts(id, 'facade').files);
    row.resourcesAfter = s.after(id, 'facade');
    rows.push(row);
  }
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
  const perFile = (id, r) => m(id, 'facade', r) / s.counts(id, 'facade').files;
  const rawPerFile = (id, r) => m(id, 'raw', r) / s.counts(id, 'raw').files;
  return {
    rows,
    streamVsSameDelivery: byId['st-16k'].vsRaw,
    packetOverheadNs: byId['st-64b'].packetDeltaNs,
    streamVsTuya: byId['st-16k'].vsTuya,
    streamScale: figure(s, ['st-4k-64', 'st-4k-4096'], (r) => perFile('st-4k-4096', r) / perFile('st-4k-64', r)),
    rawScale: figure(s, ['st-4k-64', 'st-4k-4096'], (r) => rawPerFile('st-4k-4096', r) / rawPerFile('st-4k-64', r)),
  };
}

export function deriveRobots(s) {
  const perMB = (id, r) => (median(s.perUnit(id, 'facade', 'main', r)) * 1000) / (s.counts(id, 'facade').bytes / MB);
  const rows = ['robots-1', 'robots-3', 'robots-5'].map((id) => {
    const c = s.counts(id, 'facade');
    const usPerMB = figure(s, [id], (r) => perMB(id, r));
    return { id, robots: Number(id.split('-')[1]), bytes: c.bytes, usPerMB, mbps: 1e6 / usPerMB.value,
      resourcesAfter: s.after(id, 'facade') };
  });
  return {
    rows,
    robotScale: figure(s, ['robots-1', 'robots-5'], (r) => perMB('robots-5', r) / perMB('robots-1', r)),
    robot3Scale: figure(s, ['robots-1', 'robots-3'], (r) => perMB('robots-3', r) / perMB('robots-1', r)),
  };
}
