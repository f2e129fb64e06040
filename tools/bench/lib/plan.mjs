// What `npm run bench` measures: the sampled measurements (each contender in its own processes) and
// the cases that measure themselves, plus the targets the bench is held to.
const KB = 1024;
const MB = 1024 * 1024;

/**
 * Sampled measurements. Per round, every job of a measurement runs in a process of its own and the
 * jobs take their samples in turns, so whatever is compared — contenders, or one contender at two
 * sizes for a scale row — is measured under the same machine load. `key` names a job's results.
 * Download variants are progress steps per file, sampled side by side in one process.
 */
export function sampledPlan(quick) {
  // `row`: the report row a job's results belong to (one per size).
  const jobs = (row, contenders, sizes, params) => sizes.flatMap((size) => contenders.map((contender) => ({
    key: size.label ? `${contender}@${size.label}` : contender, row: size.label ? `${row}-${size.label}` : row, contender,
    params: { ...params, ...size.params } })));
  const one = [{ label: '', params: {} }];
  const bigFiles = quick ? 16 : 64;
  return [
    { id: 'download', case: 'download', alloc: ['facade@100', 'app@100'], jobs: jobs('dl', ['facade', 'app'], [
      { label: '1', params: { files: 1, steps: [1] } },
      { label: '100', params: { files: 100, steps: [1, 100] } },
      { label: '10000', params: { files: 10000, steps: [1] } },
    ], {}) },
    { id: 'st-16k', case: 'stream', alloc: ['facade', 'raw'],
      jobs: jobs('st-16k', ['facade', 'raw', 'memcpy', 'tuya'], one, { fileBytes: MB, files: bigFiles, packetBytes: 16 * KB, tuyaFiles: 2 }) },
    { id: 'st-1k', case: 'stream',
      jobs: jobs('st-1k', ['facade', 'raw', 'memcpy', 'tuya'], one, { fileBytes: MB, files: bigFiles, packetBytes: KB, tuyaFiles: 2 }) },
    { id: 'st-64b', case: 'stream', alloc: ['facade', 'raw'],
      jobs: jobs('st-64b', ['facade', 'raw'], one, { fileBytes: 64 * KB, files: 16, packetBytes: 64 }) },
    { id: 'st-4k', case: 'stream', jobs: jobs('st-4k', ['facade', 'raw'], [
      { label: '64', params: { files: 64 } },
      { label: '4096', params: { files: 4096 } },
    ], { fileBytes: 4 * KB, packetBytes: KB }) },
    { id: 'st-8m', case: 'stream', jobs: jobs('st-8m', ['facade', 'raw', 'memcpy'], [
      { label: '1k', params: { packetBytes: KB } },
      { label: '16k', params: { packetBytes: 16 * KB } },
      { label: '256k', params: { packetBytes: 256 * KB } },
    ], { fileBytes: 8 * MB, files: 4 }) },
    { id: 'robots', case: 'robots', jobs: jobs('robots', ['facade'], [1, 3, 5].map((n) => ({ label: String(n), params: { robots: n } })),
      { perRobotMB: 16, packetBytes: 16 * KB }) },
  ];
}

/** Cases that measure themselves, one process each. `optional`: skipped when its module or API is absent. */
export function measuredPlan(quick) {
  return [
    { id: 'heap', case: 'heap', params: { totalMB: 64, fileMB: 1, packetBytes: 16 * KB } },
    { id: 'map', case: 'map', needs: ['FloorPlanGenerator', 'decodeMap', 'renderMap'],
      params: { sizes: [500, 1000, 2000], versions: [0, 1, 2], rounds: quick ? 3 : 9 } },
    { id: 'simulatedRobots', case: 'simulatedRobots', needs: ['SimulatedRobot', 'VirtualClock'],
      params: { robots: 5, fileKB: 256, filesPerRobot: 4, packetBytes: 16 * KB, bytesPerSecond: 4 * MB } },
    // The LiveMap update cases (cases/livemap.mjs, where the live map is in the checkout).
    { id: 'livemap', case: 'livemap', optional: 'cases/livemap.mjs', needs: ['LiveMap', 'LayeredMapRenderer'],
      params: { sides: quick ? [1000] : [1000, 2000], pathPoints: 5000, growth: 50, path: { blocks: 8, updatesPerBlock: 40 },
        map: { blocks: 1, updatesPerBlock: 8 }, rounds: quick ? 3 : 9, resends: 100 } },
  ];
}

export function sampling(quick) {
  return quick ? { rounds: 1, samples: 3, warmupMs: 150, sampleMs: 30 } : { rounds: 5, samples: 4, warmupMs: 300, sampleMs: 40 };
}

/** The targets, in the order of the final JSON line. */
export const TARGETS = [
  { key: 'eventOverheadNs', max: 20, unit: 'ns', label: 'Per vendor event, facade − realistic app', text: '≤ 20 ns' },
  { key: 'fileOverheadUs', max: 3, unit: 'µs', label: 'Per finished file, facade − realistic app (10,000-file request)', text: '≤ 3 µs' },
  { key: 'requestOverheadUs', max: 100, unit: 'µs', label: 'Per download request, facade − realistic app (1 file)', text: '≤ 100 µs' },
  { key: 'streamVsSameDelivery', min: 0.8, unit: '×', label: 'Stream throughput, facade / same-delivery raw copy (16 KB packets)', text: '≥ 0.8' },
  { key: 'packetOverheadNs', max: 100, unit: 'ns', label: 'Per packet, facade − raw copy (64-byte packets)', text: '≤ 100 ns' },
  { key: 'downloadScale', max: 1.5, unit: '×', label: 'Facade cost per file, 10,000 / 100 files per request', text: '≤ 1.5×' },
  { key: 'streamScale', max: 1.5, unit: '×', label: 'Facade cost per file, 4,096 / 64 files of 4 KB per stream', text: '≤ 1.5×' },
  { key: 'robotScale', max: 1.2, unit: '×', label: 'Facade cost per byte, 5 robots / 1 robot streaming at once', text: '≤ 1.2×' },
  { key: 'streamVsTuya', min: 10, unit: '×', label: 'Stream throughput, facade / Tuya\'s panel approach (16 KB packets)', text: '≥ 10×' },
  { key: 'map1000Ms', max: 8, unit: 'ms', label: '1000×1000 map decode + render (slowest wire version)', text: '≤ 8 ms' },
  { key: 'livePathUpdateMs', max: 1.0, unit: 'ms', label: 'LiveMap update, the cleaning path grew by 50 points (1000×1000 map, 5,000-point path, render included)', text: '≤ 1.0 ms' },
  { key: 'liveMapUpdateMs', max: 10, unit: 'ms', label: 'LiveMap update, the map file changed (decode + render + path, 1000×1000)', text: '≤ 10 ms' },
  { key: 'streamPeakHeapMB', max: 8, unit: 'MB', label: 'Peak extra live memory streaming 64 MB (1 MB files)', text: '≤ 8 MB' },
];

export function verdict(target, value) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return 'NOT MEASURED';
  }
  const ok = target.max !== undefined ? value <= target.max : value >= target.min;
  return ok ? 'MET' : 'MISSED';
}
