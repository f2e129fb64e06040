// What `npm run bench` measures: the sampled measurements (each contender in its own processes) and
// the cases that measure themselves, plus the targets of issue 15.
const KB = 1024;
const MB = 1024 * 1024;

/**
 * Sampled measurements: per round, every contender in a process of its own, sampling in turns.
 * Download variants are progress steps per file, sampled side by side in one process.
 */
export function sampledPlan(quick) {
  return [
    { id: 'dl-1', case: 'download', params: { files: 1, steps: [1] }, contenders: ['facade', 'app'] },
    { id: 'dl-100', case: 'download', params: { files: 100, steps: [1, 100] }, contenders: ['facade', 'app'], alloc: true },
    { id: 'dl-10000', case: 'download', params: { files: 10000, steps: [1] }, contenders: ['facade', 'app'] },
    { id: 'st-16k', case: 'stream', params: { fileBytes: MB, files: quick ? 16 : 64, packetBytes: 16 * KB, tuyaFiles: 2 },
      contenders: ['facade', 'raw', 'memcpy', 'tuya'], alloc: true },
    { id: 'st-1k', case: 'stream', params: { fileBytes: MB, files: quick ? 16 : 64, packetBytes: KB, tuyaFiles: 2 },
      contenders: ['facade', 'raw', 'memcpy', 'tuya'] },
    { id: 'st-64b', case: 'stream', params: { fileBytes: 64 * KB, files: 16, packetBytes: 64 }, contenders: ['facade', 'raw'],
      alloc: true },
    { id: 'st-4k-64', case: 'stream', params: { fileBytes: 4 * KB, files: 64, packetBytes: KB }, contenders: ['facade', 'raw'] },
    { id: 'st-4k-4096', case: 'stream', params: { fileBytes: 4 * KB, files: 4096, packetBytes: KB }, contenders: ['facade', 'raw'] },
    { id: 'st-8m-1k', case: 'stream', params: { fileBytes: 8 * MB, files: 4, packetBytes: KB }, contenders: ['facade', 'raw', 'memcpy'] },
    { id: 'st-8m-16k', case: 'stream', params: { fileBytes: 8 * MB, files: 4, packetBytes: 16 * KB }, contenders: ['facade', 'raw', 'memcpy'] },
    { id: 'st-8m-256k', case: 'stream', params: { fileBytes: 8 * MB, files: 4, packetBytes: 256 * KB }, contenders: ['facade', 'raw', 'memcpy'] },
    { id: 'robots-1', case: 'robots', params: { robots: 1, perRobotMB: 16, packetBytes: 16 * KB }, contenders: ['facade'] },
    { id: 'robots-3', case: 'robots', params: { robots: 3, perRobotMB: 16, packetBytes: 16 * KB }, contenders: ['facade'] },
    { id: 'robots-5', case: 'robots', params: { robots: 5, perRobotMB: 16, packetBytes: 16 * KB }, contenders: ['facade'] },
  ];
}

/** Cases that measure themselves, one process each. `optional`: skipped when its module or API is absent. */
export function measuredPlan(quick) {
  return [
    { id: 'heap', case: 'heap', params: { totalMB: 64, fileMB: 1, packetBytes: 16 * KB } },
    { id: 'map', case: 'map', needs: ['FloorPlanGenerator', 'decodeMap', 'renderMap'],
      params: { sizes: [500, 1000, 2000], versions: [0, 1, 2], rounds: quick ? 3 : 9, fixtureRepeats: 50 } },
    { id: 'simulatedRobots', case: 'simulatedRobots', needs: ['SimulatedRobot', 'VirtualClock'],
      params: { robots: 5, fileKB: 256, filesPerRobot: 4, packetBytes: 16 * KB, bytesPerSecond: 4 * MB } },
    // The LiveMap update case (cases/livemap.mjs, where the live map is in the checkout).
    { id: 'livemap', case: 'livemap', optional: 'cases/livemap.mjs', needs: ['LiveMap'],
      params: { side: 1000, pathPoints: 5000, updatesPerSample: 4, rounds: quick ? 3 : 9, resends: 100 } },
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
  { key: 'map1000Ms', max: 50, unit: 'ms', label: '1000×1000 map decode + render (slowest wire version)', text: '≤ 50 ms' },
  { key: 'streamPeakHeapMB', max: 8, unit: 'MB', label: 'Peak extra live memory streaming 64 MB (1 MB files)', text: '≤ 8 MB' },
];

export function verdict(target, value) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return 'NOT MEASURED';
  }
  const ok = target.max !== undefined ? value <= target.max : value >= target.min;
  return ok ? 'MET' : 'MISSED';
}
