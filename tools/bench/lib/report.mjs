// Turns the bench results into BENCHMARKS.md and the terminal summary.
import { markdownTable } from 'markdown-table';

const KB = 1024;
const MB = 1024 * 1024;

function fmt(v, digits = 2) {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return 'n/a';
  }
  return typeof v === 'number' ? v.toFixed(digits) : String(v);
}

/** "median (min–max)" of a figure. */
function fig(f, digits = 2) {
  if (f === null || f === undefined) {
    return 'n/a';
  }
  return f.min === undefined ? fmt(f.value, digits) : `${fmt(f.value, digits)} (${fmt(f.min, digits)}–${fmt(f.max, digits)})`;
}

function table(rows, align) {
  return markdownTable(rows, { align });
}

function bytesLabel(n) {
  return n >= MB ? `${n / MB} MB` : n >= KB ? `${n / KB} KB` : `${n} B`;
}

function targetsTable(verdicts, bold) {
  const digits = { ns: 1, 'µs': 2, '×': 3, ms: 2, MB: 2 };
  return table([
    ['Metric', 'Key', 'Measured: median (min–max over rounds)', 'Target', 'Verdict'],
    ...verdicts.map((v) => [v.label, `\`${v.key}\``, `${fig(v.figure, digits[v.unit])} ${v.unit}`, v.text,
      bold && v.verdict !== 'MET' ? `**${v.verdict}**` : v.verdict]),
  ], ['l', 'l', 'r', 'r', 'l']);
}

function downloadSection(d, shortest) {
  const md = [];
  md.push('## 1. Download: facade against a realistic app');
  md.push('');
  md.push('One unit is one download request through the fast fake SDK: per file, `steps` pairs of `onFileProgress` + ' +
    '`onProgress` and one `onFileFinished`, fired in a tight loop one macrotask after `startDownloadFiles`, which takes at ' +
    'most 50 files (the device\'s cap). The files exist before timing (empty, on tmpfs). **Facade**: ' +
    '`session.download({ files, dir, onProgress, onFileProgress }).done`. **Realistic app** (tools/bench/lib/realistic-app.mjs), ' +
    'on the same vendor listener and the same delivery: requests of at most 50 files in turn; per file a record by name; ' +
    'progress clamped to 0–100 and only ever growing, handed to the UI as new `{ filename, percent }` / ' +
    '`{ percent, filesDone, filesTotal }` objects; an idle timer (a flag per event checked by its own ticks — the cheapest ' +
    'correct one); the directory checked once per request and one `stat` per finished file through the same `fileIo` ' +
    'binding; one result per file. What it does not do (busy answers, queue/cancel, unsafe or repeated names, paths or ' +
    'indexes in callbacks) is part of what the facade costs on top. CPU time per unit (all threads).');
  md.push('');
  md.push(table([
    ['Request', 'Vendor callbacks', 'facade ms', 'app ms', 'facade − app µs', 'facade / app', 'facade µs / file', 'app µs / file'],
    ...d.rows.map((r) => [`${r.files} file${r.files > 1 ? 's' : ''}, 1 step`, String(r.events), fig(r.fac, 3), fig(r.app, 3),
      fig({ value: r.delta.value * 1000, min: r.delta.min * 1000, max: r.delta.max * 1000 }, 1), fig(r.ratio, 2),
      fmt(r.facadePerFileUs, 2), fmt(r.appPerFileUs, 2)]),
  ], ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  md.push('');
  const e = d.event;
  md.push(`**Per vendor event**: 100 files with 100 steps against the same 100 files with 1 step, both sampled side by side ` +
    `in each process (${e.extraEvents} extra callbacks, each one a progress change the UI is told about): the difference ` +
    'per extra callback is the cost of one event, with per-file and per-request costs cancelled out.');
  md.push('');
  md.push(table([
    ['Contender', 'ns / event', 'JS heap bytes allocated / event', '100 × 100 steps, ms / request'],
    ['facade', fig(e.facadeNs, 1), fmt(e.facadeAllocBytes, 1), fmt(e.facade100StepsMs, 3)],
    ['realistic app', fig(e.appNs, 1), fmt(e.appAllocBytes, 1), fmt(e.app100StepsMs, 3)],
    ['facade − app', fig(e.deltaNs, 1), e.facadeAllocBytes === null || e.appAllocBytes === null ? 'n/a'
      : fmt(e.facadeAllocBytes - e.appAllocBytes, 1), ''],
  ], ['l', 'r', 'r', 'r']));
  md.push('');
  md.push('Allocation: heap growth over one request with no GC in between (runs a GC interrupted are dropped), per extra ' +
    'event (heap accounting is coarse, a few bytes either way). Both contenders allocate the progress objects they hand ' +
    'to the UI; anything else the facade allocated per event would show as the difference.');
  md.push('');
  md.push(`Cost per file, 10,000 / 100 files per request: facade **${fig(d.downloadScale, 3)}×**, app ${fig(d.appScale, 3)}×. ` +
    `Client resources after the facade's processes: ${d.rows.map((r) => `${r.files} file${r.files > 1 ? 's' : ''}: ${r.resourcesAfter}`).join('; ')}. ` +
    `Shortest sample: ${fmt(shortest, 1)} ms.`);
  md.push('');
  return md.join('\n');
}

function streamSection(st, shortest) {
  const md = [];
  md.push('## 2. Stream: facade against the same delivery copied raw, memcpy and Tuya\'s panel approach');
  md.push('');
  md.push('One unit is one stream: `files` files of pseudo-random bytes, every packet its own ArrayBuffer as the SDK ' +
    'delivers it, built before timing; the fake SDK sends one whole file per macrotask. **Facade**: ' +
    '`session.openStream({ files })`, `read()` until null, `release(file)` after each (a steady consumer). **Raw copy** ' +
    '(tools/bench/lib/raw-stream.mjs): the same packet callbacks, one copy per byte into a reused buffer, a promise per ' +
    'file. **memcpy**: `Uint8Array.set` of the same packets into one reused buffer, no callbacks, no promises (the floor). ' +
    '**Tuya**: a hex string per packet in a Map by index, sort + join at the last packet, hex back to bytes, over the first ' +
    '2 files only (it is far slower). Every contender\'s output is compared with the source once, untimed. MB/s are MB per ' +
    'CPU-second.');
  md.push('');
  const rows = [['Stream', 'Packets / unit', 'facade MB/s', 'raw MB/s', 'memcpy MB/s', 'Tuya MB/s', 'facade / raw',
    'facade µs / file', 'raw µs / file', 'facade ns / packet', 'raw ns / packet', 'facade − raw ns / packet']];
  for (const r of st.rows) {
    const c = r.contenders;
    const f = c.facade;
    rows.push([`${r.params.files} × ${bytesLabel(f.counts.bytes / f.counts.files)} in ${bytesLabel(f.counts.bytes / f.counts.packets)} packets`, String(f.counts.packets), fmt(f.mbps, 0), fmt(c.raw.mbps, 0),
    c.memcpy ? fmt(c.memcpy.mbps, 0) : '', c.tuya ? fmt(c.tuya.mbps, 1) : '', fig(r.vsRaw, 3), fmt(f.perFileUs, 2),
    fmt(c.raw.perFileUs, 2), fmt(f.perPacketNs, 1), fmt(c.raw.perPacketNs, 1), fig(r.packetDeltaNs, 1)]);
  }
  md.push(table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  md.push('');
  const alloc = st.rows.filter((r) => r.contenders.facade.allocPerPacket !== null);
  if (alloc.length > 0) {
    md.push('JS heap bytes allocated per packet (no GC during the unit; per-file and per-stream allocations spread over ' +
      'the packets): ' + alloc.map((r) => `${r.id}: facade ${fmt(r.contenders.facade.allocPerPacket, 1)}, raw ` +
      `${fmt(r.contenders.raw.allocPerPacket, 1)}`).join('; ') + '. Both create the one typed-array view of each vendor ' +
      'ArrayBuffer that copying it takes in JS; anything else the facade allocated per packet would show as the difference.');
    md.push('');
  }
  md.push(`Cost per file, 4,096 / 64 files of 4 KB per stream: facade **${fig(st.streamScale, 3)}×**, raw copy ` +
    `${fig(st.rawScale, 3)}×. Facade / Tuya at 16 KB packets: **${fig(st.streamVsTuya, 1)}×**; at 1 KB packets: ` +
    `${fig(st.rows.find((r) => r.id === 'st-1k').vsTuya, 1)}×. Shortest sample: ${fmt(shortest, 1)} ms. Client ` +
    `resources after the facade's processes: ${[...new Set(st.rows.map((r) => r.resourcesAfter))].join(', ')}.`);
  md.push('');
  return md.join('\n');
}

function robotsSection(rb, sim, heap) {
  const md = [];
  md.push('## 3. Robots at once, and memory');
  md.push('');
  md.push('1, 3 and 5 robots, each streaming 16 MB (1 MB files, 16 KB packets) at the same time through one client; the ' +
    'fake SDK interleaves the devices file by file. One JS thread does all of it, so the ideal is the same cost per byte.');
  md.push('');
  md.push(table([
    ['Robots', 'MB per unit', 'µs per MB: median (min–max over rounds)', 'MB/s'],
    ...rb.rows.map((r) => [String(r.robots), String(r.bytes / MB), fig(r.usPerMB, 1), fmt(r.mbps, 0)]),
  ], ['r', 'r', 'r', 'r']));
  md.push('');
  md.push(`Cost per byte, 3 / 1 robots: ${fig(rb.robot3Scale, 3)}×; 5 / 1 robots: **${fig(rb.robotScale, 3)}×**.`);
  md.push('');
  if (sim) {
    md.push(`In virtual time (SimulatedRobot, ${fmt(sim.linkMBps)} MB/s link per robot, ${sim.perRobotKB} KB per robot in ` +
      `${sim.packetBytes / KB} KB packets): one robot took ${sim.oneVirtualMs} ms, ${sim.robots} robots together ` +
      `${sim.allVirtualMs} ms (${fmt(sim.ratio)}× the aggregate throughput) — no device waits for another.`);
    md.push('');
  }
  md.push(`Peak extra memory while the facade streams ${heap.totalMB} MB in ${heap.fileMB} MB files (JS heap + ArrayBuffer ` +
    'stores above the level just before the stream, sampled at every `read()` and half-way through every file): ' +
    `**${fmt(heap.peakLiveMB)} MB live** (gc before each sample: the file being reassembled and the one the reader holds); ` +
    `${fmt(heap.peakNoGcMB, 1)} MB without forced GC (garbage not collected yet). Each from the first stream of a fresh ` +
    `session; after the stream the session still holds ${fmt(heap.retainedMB)} MB (released buffers kept for its next ` +
    `stream, dropped at close). Resources after: ${heap.resourcesAfter}.`);
  md.push('');
  return md.join('\n');
}

function mapSection(map) {
  const md = ['## 4. Maps', ''];
  if (map === null) {
    md.push('Skipped: the map modules are not in this checkout.', '');
    return md.join('\n');
  }
  md.push('`new FloorPlanGenerator(seed, n, n, version).mapBytes()` (LZ4), then `decodeMap` + `renderMap(map)` (default ' +
    'style, scale 1, RGBA), CPU time (all threads, so collecting the buffers counts); a sample repeats decode + render for at least 25 ms and counts the mean, figures ' +
    `are medians of ${map.rounds} samples, one process. The raster is a table lookup per map pixel written as 32-bit ` +
    'words row by row; the path, route and markers are drawn over it.');
  md.push('');
  md.push(table([
    ['Size', 'Version', 'File bytes', 'decode ms', 'render ms', 'decode + render ms', 'slowest sample ms'],
    ...map.generated.map((g) => [`${g.size}×${g.size}`, String(g.version), String(g.fileBytes), fmt(g.decodeMs),
      fmt(g.renderMs), fmt(g.totalMs), fmt(g.maxTotalMs)]),
  ], ['l', 'r', 'r', 'r', 'r', 'r', 'r']));
  md.push('');
  const f = map.fixtures;
  if (f.status !== 'present') {
    md.push(`Real Tuya demo maps \`${f.dir}\`: absent.`, '');
    return md.join('\n');
  }
  md.push(`Real Tuya demo maps (\`${f.dir}\`):`);
  md.push('');
  md.push(table([
    ['File', 'Bytes', 'Map', 'decode ms', 'render ms'],
    ...f.files.map((x) => (x.refused !== undefined
      ? [x.name, String(x.fileBytes), `refused: ${x.refused}`, `${fmt(x.refuseMs, 3)} (to refuse)`, '—']
      : [x.name, String(x.fileBytes), `${x.width}×${x.height}, version ${x.version}, ${x.rooms} rooms`, fmt(x.decodeMs, 3),
        fmt(x.renderMs, 3)])),
  ], ['l', 'r', 'l', 'r', 'r']));
  md.push('');
  return md.join('\n');
}

function liveMapSection(lm) {
  const md = ['## 5. LiveMap update', ''];
  if (lm === null || lm === undefined) {
    md.push('Not measured: the live map case (tools/bench/cases/livemap.mjs) or `LiveMap` is not in this checkout.', '');
    return md.join('\n');
  }
  md.push('CPU per update through `LiveMap` (classify, drop repeats, decode, path accumulation, throttled render in ' +
    'layers, notification) on a minimal source, against the same work by hand with the pieces `LiveMap` is built ' +
    'from (byte compare of the re-sent map, `decodeMap` when it changed, its internal path accumulator and layered ' +
    'renderer). ' +
    '**path**: the map re-sent unchanged and the cleaning path grown by 50 points (the common case while the robot ' +
    'cleans); **map**: a changed map file (decode + raster + path). Paths average 5,000 points: each block of updates ' +
    'starts a new run (untimed) and grows it through 5,000. Medians over samples of at least 25 ms, one process ' +
    '(tools/bench/cases/livemap.mjs). Each last picture is checked to equal `renderMap` of the same state.');
  md.push('');
  md.push(table([
    ['Map', 'Update', 'Updates / sample', 'LiveMap ms', 'by hand ms', 'LiveMap / by hand', 'renders / update', 'shortest sample ms'],
    ...lm.rows.map((r) => [`${r.side}×${r.side}`, r.mode, String(r.updatesPerSample), fmt(r.liveCpuMsPerUpdate, 3),
      fmt(r.handCpuMsPerUpdate, 3), fmt(r.overhead, 2), fmt(r.rendersPerUpdate, 2), fmt(r.minSampleMs, 1)]),
  ], ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r']));
  md.push('');
  const x = lm.resend;
  md.push(`One update, then ${x.resends} identical re-sends of map and path, one a second: ${x.resendRenders} render(s), ` +
    `${x.resendDropped} copies dropped unread, ${x.notified} notification(s), ${x.pendingTimers} timer(s) left after stop.`);
  md.push('');
  return md.join('\n');
}

/** The terminal summary of a `--only` run: the targets it measured, and the map and live map rows. */
export function writePartialReport(r) {
  const out = [];
  out.push(targetsTable(r.verdicts.filter((v) => v.value !== null), false));
  const map = r.measured.map;
  if (map !== null) {
    out.push('');
    out.push(`maps (decode + render ms): ${map.generated.map((g) => `${g.size}/v${g.version} ${fmt(g.totalMs)}`).join(', ')}`);
    for (const f of map.fixtures.files) {
      out.push(f.refused !== undefined ? `  ${f.name}: refused ${f.refused} in ${fmt(f.refuseMs, 3)} ms`
        : `  ${f.name}: ${f.width}×${f.height} v${f.version} decode ${fmt(f.decodeMs, 3)} ms, render ${fmt(f.renderMs, 3)} ms`);
    }
  }
  const lm = r.measured.livemap;
  if (lm !== null) {
    out.push('');
    for (const x of lm.rows) {
      out.push(`live map ${x.side}² ${x.mode}: LiveMap ${fmt(x.liveCpuMsPerUpdate, 3)} ms/update, by hand ` +
        `${fmt(x.handCpuMsPerUpdate, 3)} ms (${fmt(x.overhead, 2)}×), shortest sample ${fmt(x.minSampleMs, 1)} ms`);
    }
  }
  return out.join('\n');
}

function profileSection(id, p) {
  const lib = p.inclusive.filter((x) => x.fn.includes('library/'));
  return [
    `**${id}** (facade, ${p.totalMs} ms profiled; share of samples)`,
    '',
    table([['Self %', 'function  location'], ...p.self.slice(0, 12).map((x) => [fmt(x.pct, 1), `\`${x.fn}\``])], ['r', 'l']),
    '',
    table([['Inclusive %', 'library function  location'], ...lib.slice(0, 10).map((x) => [fmt(x.pct, 1), `\`${x.fn}\``])], ['r', 'l']),
    '',
  ].join('\n');
}

function comparison(json, previous) {
  if (previous === null) {
    return null;
  }
  const keys = Object.keys(json).filter((k) => typeof json[k] === 'number' && typeof previous.json[k] === 'number');
  return keys.map((k) => {
    const a = previous.json[k];
    const b = json[k];
    const change = a === 0 ? null : ((b - a) / Math.abs(a)) * 100;
    return { key: k, previous: a, now: b, change };
  });
}

export function writeReport(r) {
  const { machine: m, verdicts, json, download, stream, robots, measured, samples } = r;
  const date = r.date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const md = [];
  md.push('# Benchmarks');
  md.push('');
  md.push(`Generated by \`npm run bench\` (tools/bench/run.mjs) on ${date} in ${r.seconds} s` +
    `${r.quick ? ' — **quick mode, not representative**' : ''}. Regenerate rather than edit.`);
  md.push('');
  md.push(`Method: every contender runs in a Node process of its own. The jobs of one measurement (its contenders, and for ` +
    'a scale row each contender at each size) are started together but never run together: each warms up in turn ' +
    `(${r.sample.warmupMs} ms of CPU), then they take ${r.sample.samples} samples each in turns, one sample at a time ` +
    `(about ${r.sample.sampleMs} ms of CPU each, never under 25 ms on purpose), so all of them meet the same machine load; ` +
    `this is repeated in ${r.sample.rounds} round(s) of fresh processes. No GC is forced between samples (a forced full GC ` +
    'makes V8 drop optimized code, which the next sample would pay for). Times are CPU time (`process.cpuUsage()`: every ' +
    'thread, so GC and compiler threads count). Figures are medians over all samples; "min–max" is the spread of the ' +
    "same figure computed from each round's processes alone.");
  md.push('');
  md.push('## Machine');
  md.push('');
  md.push(`- CPU: ${m.cpu}, ${m.cores} cores; RAM ${m.ramGB} GB`);
  md.push(`- Node ${m.node} (V8 ${m.v8}), ${m.os}`);
  md.push(`- Load average when the bench started: ${m.load} (other work on the machine widens the ranges)`);
  md.push('');
  md.push('## Targets');
  md.push('');
  md.push(targetsTable(verdicts, true));
  md.push('');
  if (r.missing.length > 0) {
    md.push(`Not in this checkout when the bench ran: ${r.missing.join(', ')}.`);
    md.push('');
  }
  md.push(downloadSection(download, Math.min(...['dl-1', 'dl-100', 'dl-10000'].map((id) => samples.shortestSampleMs(id)))));
  md.push(streamSection(stream, Math.min(...stream.rows.map((x) => samples.shortestSampleMs(x.id)))));
  md.push(robotsSection(robots, measured.simulatedRobots, measured.heap));
  md.push(mapSection(measured.map));
  md.push(liveMapSection(measured.livemap));

  const profiled = Object.entries(r.results).flatMap(([id, byC]) => (byC.facade ?? []).filter((w) => w.profile)
    .map((w) => [id, w.profile]));
  if (profiled.length > 0) {
    md.push('## Profiles of the facade');
    md.push('');
    md.push('V8 sampling profiler around the facade\'s units in its own process, bundle positions mapped back to the .ets sources.');
    md.push('');
    for (const [id, p] of profiled) {
      md.push(profileSection(id, p));
    }
  }

  md.push('## Reading the numbers');
  md.push('');
  md.push('- Host (Node/V8) numbers on a small shared VM, not device numbers. Differences and ratios between contenders ' +
    'that share the same fake SDK, delivery and file system carry over better than absolute figures; a vendor callback ' +
    'crossing from native code costs 220–310 ns on this host (≥ 1 µs on a phone), which dwarfs the per-event figures here.');
  md.push('- The baselines are what an app must do anyway, in their cheapest correct form, so "facade − baseline" is what ' +
    'the library adds; the fake SDK\'s own loop is in both and cancels out.');
  md.push('- `node tools/bench/run.mjs --quick --no-write` is a smoke run; `--profile` adds profiles of the facade.');
  md.push('');
  md.push('## Machine-readable result');
  md.push('');
  md.push('The last line `npm run bench` prints:');
  md.push('');
  md.push('```json');
  md.push(JSON.stringify(json));
  md.push('```');
  md.push('');

  const term = [];
  term.push(targetsTable(verdicts, false));
  term.push('');
  term.push(`download ns/event facade ${fmt(download.event.facadeNs.value, 1)}, app ${fmt(download.event.appNs.value, 1)}; ` +
    `heap bytes/event facade ${fmt(download.event.facadeAllocBytes, 1)}, app ${fmt(download.event.appAllocBytes, 1)}`);
  for (const x of stream.rows) {
    const c = x.contenders;
    term.push(`${x.id}: MB/s facade ${fmt(c.facade.mbps, 0)} raw ${fmt(c.raw.mbps, 0)}${c.memcpy ? ` memcpy ${fmt(c.memcpy.mbps, 0)}` : ''}` +
      `${c.tuya ? ` tuya ${fmt(c.tuya.mbps, 1)}` : ''}; facade/raw ${fmt(x.vsRaw.value, 3)}; facade−raw ${fmt(x.packetDeltaNs.value, 1)} ns/packet`);
  }
  term.push(`robots µs/MB: ${robots.rows.map((x) => `${x.robots}: ${fmt(x.usPerMB.value, 1)}`).join(', ')}`);
  const cmp = comparison(json, r.previous);
  if (cmp !== null) {
    term.push('');
    term.push(`against the previous ${r.quick ? 'quick ' : ''}run (${r.previous.date}):`);
    for (const c of cmp) {
      term.push(`  ${c.key}: ${c.previous} → ${c.now} (${c.change === null ? 'n/a' : `${c.change >= 0 ? '+' : ''}${c.change.toFixed(1)} %`})`);
    }
  }
  return { markdown: md.join('\n'), terminal: term.join('\n') };
}
