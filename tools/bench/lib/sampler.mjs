// Sampling inside a worker process. A contender may bring several variants of its unit of work (a
// download with 1 or with 100 progress steps per file, say): each sample then times every variant,
// in rotating order, so a difference between variants is measured within one process, on one JIT
// state. The number of units per variant and sample is calibrated in the warm-up so that it takes
// about `sampleMs` of CPU time (never under 25 ms on purpose).
//
// The process is the contender's alone, so the garbage a sample meets is its own steady state. No GC
// is forced between samples: a forced full GC frees the objects optimized code was specialised on,
// V8 throws that code away ("weak objects"), and the next sample would pay for re-optimising it.
// Times are CPU time (process.cpuUsage: user + system of every thread, so GC and compiler threads count).
import { PerformanceObserver } from 'node:perf_hooks';
import { cpuMs, median, settle, wallMs } from './measure.mjs';

/** Shorter samples are noise on this kind of machine. */
const MIN_SAMPLE_MS = 25;

async function timeUnits(run, n) {
  const c0 = cpuMs();
  const t0 = wallMs();
  for (let i = 0; i < n; i++) {
    await run();
  }
  return { cpuMs: cpuMs() - c0, wallMs: wallMs() - t0 };
}

export class Sampler {
  /** `runs`: { variant: async () => void }. */
  constructor(runs, { warmupMs, sampleMs }) {
    this.runs = runs;
    this.names = Object.keys(runs);
    this.warmupMs = warmupMs;
    this.sampleMs = sampleMs;
    this.units = {};
    this.count = 0;
    this.out = Object.fromEntries(this.names.map((n) => [n, { units: 0, perUnitCpuMs: [], perUnitWallMs: [], sampleCpuMs: [] }]));
  }

  /**
   * The setup's garbage collected, then JIT tiers and inline caches settle; then a batch of warm
   * units run for `sampleMs` sizes the samples.
   */
  async warmUp() {
    await settle();
    for (const name of this.names) {
      const run = this.runs[name];
      let n = 0;
      const w0 = cpuMs();
      while (cpuMs() - w0 < this.warmupMs / this.names.length || n < 3) {
        await run();
        n++;
      }
      n = 0;
      const c0 = cpuMs();
      while (cpuMs() - c0 < this.sampleMs) {
        await run();
        n++;
      }
      this.units[name] = Math.max(1, Math.ceil((this.sampleMs * n) / (cpuMs() - c0)));
    }
  }

  /** One sample of every variant; a sample under 25 ms is taken again with more units. */
  async sample() {
    for (let i = 0; i < this.names.length; i++) {
      const name = this.names[(i + this.count) % this.names.length];
      let t = await timeUnits(this.runs[name], this.units[name]);
      for (let retry = 0; t.cpuMs < MIN_SAMPLE_MS && retry < 3; retry++) {
        this.units[name] = Math.ceil((this.units[name] * this.sampleMs) / Math.max(t.cpuMs, 0.1));
        t = await timeUnits(this.runs[name], this.units[name]);
      }
      const o = this.out[name];
      o.units = this.units[name];
      o.perUnitCpuMs.push(t.cpuMs / this.units[name]);
      o.perUnitWallMs.push(t.wallMs / this.units[name]);
      o.sampleCpuMs.push(t.cpuMs);
    }
    this.count++;
  }

  get variants() {
    return this.out;
  }
}

/**
 * Bytes allocated on the JS heap by one unit: heapUsed before and after the unit, on a heap just
 * collected, keeping only runs that no GC interrupted (new space is large enough for a unit of the
 * sizes used here), minus the same measurement around an empty unit. Median of the clean runs;
 * null when every run was interrupted. Run after the samples: its forced GCs would disturb them.
 */
export async function allocatedPerUnit(unit, runs = 7) {
  const gcs = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcs.push(e.startTime);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const measure = async (work) => {
    const clean = [];
    for (let r = 0; r < runs; r++) {
      await settle(10);
      await work();
      const t0 = performance.now();
      const h0 = process.memoryUsage().heapUsed;
      await work();
      const h1 = process.memoryUsage().heapUsed;
      const t1 = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (!gcs.some((t) => t >= t0 && t <= t1)) {
        clean.push(h1 - h0);
      }
    }
    return clean.length > 0 ? median(clean) : null;
  };
  const empty = await measure(async () => {});
  const full = await measure(unit);
  observer.disconnect();
  return full === null || empty === null ? null : Math.max(0, full - empty);
}
