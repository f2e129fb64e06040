// CPU profile of one piece of work (the V8 sampling profiler, as `node --cpu-prof` uses, but started
// and stopped around just that work), summarised by self time per function, with bundle positions
// mapped back to the .ets sources through the bundle's inline source map.
import fs from 'node:fs';
import inspector from 'node:inspector';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../lib/paths.mjs';

function post(session, method, params) {
  return new Promise((resolve, reject) => {
    session.post(method, params, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/** Runs `work` under the profiler; resolves with the raw .cpuprofile object. */
export async function profile(work, intervalUs = 100) {
  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: intervalUs });
  await post(session, 'Profiler.start');
  let result = null;
  try {
    await work();
  } finally {
    result = (await post(session, 'Profiler.stop')).profile;
    session.disconnect();
  }
  return result;
}

const maps = new Map();

function sourceMapOf(url) {
  if (maps.has(url)) {
    return maps.get(url);
  }
  let map = null;
  try {
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    const text = fs.readFileSync(file, 'utf8');
    const m = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(text);
    if (m) {
      map = new SourceMap(JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')));
    }
  } catch (e) {
    map = null;
  }
  maps.set(url, map);
  return map;
}

function location(frame) {
  const { url, lineNumber, columnNumber } = frame;
  if (!url) {
    return '(native)';
  }
  const map = sourceMapOf(url);
  if (map !== null && lineNumber >= 0) {
    const e = map.findEntry(lineNumber, columnNumber);
    if (e && e.originalSource) {
      const src = e.originalSource.startsWith('file:') ? fileURLToPath(e.originalSource) : e.originalSource;
      const abs = path.isAbsolute(src) ? src : path.resolve(path.dirname(fileURLToPath(url)), src);
      return `${path.relative(REPO_ROOT, abs)}:${e.originalLine + 1}`;
    }
  }
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  return `${path.isAbsolute(file) ? path.relative(REPO_ROOT, file) : file}:${lineNumber + 1}`;
}

/**
 * Self time per function, and inclusive time per function (time with that function on the stack),
 * both as a share of all samples. Returns { totalMs, self: [...], inclusive: [...] }.
 */
export function summarise(prof, top = 15) {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) {
    for (const c of n.children || []) {
      parent.set(c, n.id);
    }
  }
  const counts = new Map();
  for (const id of prof.samples) {
    counts.set(id, (counts.get(id) || 0) + 1);
  }
  const total = prof.samples.length;
  const keyOf = (n) => `${n.callFrame.functionName || '(anonymous)'}  ${location(n.callFrame)}`;
  const self = new Map();
  const incl = new Map();
  for (const [id, c] of counts) {
    const n = byId.get(id);
    self.set(keyOf(n), (self.get(keyOf(n)) || 0) + c);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = keyOf(byId.get(cur));
      if (!seen.has(k)) {
        seen.add(k);
        incl.set(k, (incl.get(k) || 0) + c);
      }
    }
  }
  const rank = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([fn, c]) => ({ pct: Math.round((1000 * c) / total) / 10, fn }));
  const totalMs = (prof.endTime - prof.startTime) / 1000;
  return { totalMs: Math.round(totalMs), self: rank(self), inclusive: rank(incl) };
}
