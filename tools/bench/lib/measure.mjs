// Timing helpers: interleaved rounds, medians, CPU and wall time, heap sampling.
import os from 'node:os';
import fs from 'node:fs';

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** CPU time (user + system) of this process in milliseconds. */
export function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function wallMs() {
  return performance.now();
}

export function gc() {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
  }
}

/** Full GC, then a pause in which V8's concurrent sweeper and the ArrayBuffer freeing finish. */
export async function settle(ms = 25) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** JS heap plus ArrayBuffer backing stores (where file bytes live), in bytes. */
export function liveBytes() {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Runs every contender once per round, in an order that rotates each round so no contender always
 * goes first (warm caches, GC debt). `contenders`: { name: async () => sample }. Warm-up rounds are
 * run and dropped. Before each sample garbage is collected and V8's background threads are given time
 * to finish sweeping, so no contender pays for another's garbage — process.cpuUsage() counts every
 * thread of the process. Returns { name: sample[] }.
 */
export async function interleave(contenders, rounds, warmup = 1) {
  const names = Object.keys(contenders);
  const out = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < warmup + rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      await settle();
      const sample = await contenders[name]();
      if (r >= warmup) {
        out[name].push(sample);
      }
    }
  }
  return out;
}

export function machine() {
  const cpus = os.cpus();
  let model = cpus.length > 0 ? cpus[0].model : 'unknown';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const m = /^model name\s*:\s*(.+)$/m.exec(info);
    if (m) {
      model = m[1].trim();
    }
  } catch (e) {
    // Not Linux: os.cpus() has it.
  }
  const mhz = cpus.length > 0 && cpus[0].speed > 0 ? ` @ ${cpus[0].speed} MHz` : '';
  return {
    cpu: `${model}${mhz}`,
    cores: os.availableParallelism ? os.availableParallelism() : cpus.length,
    ramGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

export function round(x, digits = 2) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
