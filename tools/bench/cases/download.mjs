// Case 1 — download event path: N files x M progress callbacks through session.download() vs the
// same callbacks handled by a raw listener in the style of seed 000's example. Both drive the same
// FastFakeSdk; the ratio is facade / raw CPU time (process.cpuUsage) per batch of downloads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EVENT_DOWNLOAD, FastFakeSdk, albumFiles } from '../lib/fast-fake-sdk.mjs';
import { cpuMs, interleave, median, round, spread, wallMs } from '../lib/measure.mjs';

const ALBUM = 'ipc_sweeper_robot';

/** tmpfs when there is one: the facade stats each finished file, and the disk is not what we measure. */
function scratchDir() {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, 'robovac-bench-'));
}

/**
 * A raw app on the vendor listener, as seed 000 shows it minus the logging: per-file percent in a
 * Map, overall percent, a count of finished files, and the app's own progress updates — the same
 * bookkeeping the facade does, without its objects, promises and timers.
 */
class RawDownloader {
  constructor(sdk, deviceId) {
    this.job = null;
    this.transfer = sdk.fileTransfer.createP2pFileTransfer(deviceId, {
      onSessionStatusChanged: () => 0,
      onP2pResponse: () => 0,
      onStreamRecved: () => 0,
      onFileProgress: (event, progress, filename) => {
        const job = this.job;
        if (event === EVENT_DOWNLOAD && job !== null) {
          const old = job.percent.get(filename);
          if (old !== undefined && progress > old) {
            job.percent.set(filename, progress);
            job.onFileProgress(filename, progress);
          }
        }
        return 0;
      },
      onProgress: (event, progress) => {
        const job = this.job;
        if (event === EVENT_DOWNLOAD && job !== null && progress > job.overall) {
          job.overall = progress;
          job.onProgress(progress, job.done, job.total);
        }
        return 0;
      },
      onFileFinished: (event, filename, index, errCode) => {
        const job = this.job;
        if (event !== EVENT_DOWNLOAD || job === null || !job.percent.has(filename)) {
          return 0;
        }
        job.results.push({ filename, ok: errCode === 0 });
        job.done++;
        job.onProgress(job.overall, job.done, job.total);
        if (job.done === job.total) {
          this.job = null;
          job.resolve(job.results);
        }
        return 0;
      },
    });
    sdk.p2p.connectWithDevId(deviceId, 1, 15000, {
      onResult: (handle) => {
        if (handle > 0) {
          this.transfer.session = handle;
        }
      },
    });
  }

  download(files, dir, onProgress, onFileProgress) {
    return new Promise((resolve) => {
      const percent = new Map();
      for (const f of files) {
        percent.set(f.filename, 0);
      }
      this.job = { percent, overall: 0, done: 0, total: files.length, results: [], resolve, onProgress, onFileProgress };
      this.transfer.startDownloadFiles(ALBUM, dir, JSON.stringify(files));
    });
  }
}

/**
 * Diagnostic only: a Clock whose timers never fire. A facade on it still does all its own
 * bookkeeping (scopes, tracked timer ids) but no platform setTimeout/clearTimeout, which splits the
 * facade's cost into "platform timers" and "everything else". Not a valid way to run the library.
 */
class InertClock {
  constructor() {
    this.next = 1;
  }

  now() {
    return Date.now();
  }

  setTimeout() {
    return this.next++;
  }

  clearTimeout() {}
}

export async function setupDownload(lib, { files: nFiles, steps, inertClock = false }) {
  const sdk = new FastFakeSdk();
  sdk.progressSteps = steps;
  const dir = scratchDir();
  const names = Array.from({ length: nFiles }, (_, i) => `clip_${String(i).padStart(4, '0')}.bin`);
  for (const n of names) {
    fs.writeFileSync(path.join(dir, n), '');
  }
  const files = albumFiles(names);
  sdk.album = files;
  const client = new lib.P2pClient(inertClock ? { userId: 'bench-user', sdk, clock: new InertClock() } : { userId: 'bench-user', sdk });
  const session = await client.connect('bench-download-device');
  const raw = new RawDownloader(sdk, 'bench-raw-device');
  await new Promise((r) => setImmediate(r));

  // What the app does with progress in both contenders: keep the latest numbers (a UI would render them).
  const sink = { overall: 0, file: 0, files: 0 };
  const facadeOnce = async () => {
    const r = await session.download({
      files,
      dir,
      onProgress: (p) => {
        sink.overall = p.percent;
        sink.files = p.filesDone;
      },
      onFileProgress: (p) => {
        sink.file = p.percent;
      },
    }).done;
    if (!r.ok || r.files.length !== nFiles) {
      throw new Error(`facade download failed: ${JSON.stringify(r.files.find((f) => !f.ok))}`);
    }
  };
  const rawOnce = async () => {
    const r = await raw.download(files, dir, (percent, done) => {
      sink.overall = percent;
      sink.files = done;
    }, (filename, percent) => {
      sink.file = percent;
    });
    if (r.length !== nFiles || !r.every((f) => f.ok)) {
      throw new Error('raw download failed');
    }
  };
  const teardown = async () => {
    await session.close();
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { facadeOnce, rawOnce, teardown, client };
}

export async function runDownload(lib, opts) {
  const { files, steps, batch, rounds } = opts;
  const s = await setupDownload(lib, opts);
  const inert = await setupDownload(lib, { ...opts, inertClock: true });
  const timed = (once) => async () => {
    const c0 = cpuMs();
    const w0 = wallMs();
    for (let i = 0; i < batch; i++) {
      await once();
    }
    return { cpu: cpuMs() - c0, wall: wallMs() - w0 };
  };
  const samples = await interleave({
    facade: timed(s.facadeOnce),
    raw: timed(s.rawOnce),
    facadeInertClock: timed(inert.facadeOnce),
  }, rounds, 1);
  const leaks = s.client.resources().toString();
  await s.teardown();
  await inert.teardown();
  const callbacks = files * (2 * steps + 1) * batch;
  const cpu = (name) => median(samples[name].map((x) => x.cpu));
  const facadeCpu = cpu('facade');
  const rawCpu = cpu('raw');
  const inertCpu = cpu('facadeInertClock');
  return {
    files,
    steps,
    batch,
    rounds,
    callbacksPerSample: callbacks,
    facadeCpuMs: round(facadeCpu),
    rawCpuMs: round(rawCpu),
    inertCpuMs: round(inertCpu),
    facadeCpuRange: spread(samples.facade.map((x) => x.cpu)),
    rawCpuRange: spread(samples.raw.map((x) => x.cpu)),
    inertCpuRange: spread(samples.facadeInertClock.map((x) => x.cpu)),
    facadeNsPerCallback: round((facadeCpu * 1e6) / callbacks, 0),
    rawNsPerCallback: round((rawCpu * 1e6) / callbacks, 0),
    inertNsPerCallback: round((inertCpu * 1e6) / callbacks, 0),
    ratio: round(facadeCpu / rawCpu, 2),
    inertRatio: round(inertCpu / rawCpu, 2),
    // Noise on a shared VM only ever adds time, so the best rounds are a second, steadier estimate.
    bestRatio: round(Math.min(...samples.facade.map((x) => x.cpu)) / Math.min(...samples.raw.map((x) => x.cpu)), 2),
    facadeWallMs: round(median(samples.facade.map((x) => x.wall))),
    rawWallMs: round(median(samples.raw.map((x) => x.wall))),
    inertWallMs: round(median(samples.facadeInertClock.map((x) => x.wall))),
    resourcesAfter: leaks,
  };
}
