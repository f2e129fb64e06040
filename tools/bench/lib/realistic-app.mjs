// The download baseline: what any app with progress bars must do on the vendor listener itself, in
// the cheapest correct form of each piece, so that "facade minus app" is the facade's own cost:
//
// - requests of at most 50 files (the device's cap), one after the other, each file once;
// - per file a record found by name; progress clamped to 0..100 and only ever growing, handed to the
//   UI as a fresh { filename, percent } object when it grows;
// - overall progress over the whole request (done files plus the running request's share), clamped
//   and monotonic, handed on as { percent, filesDone, filesTotal } when it grows;
// - an idle timer: a flag set per event and checked by a timer of its own every quarter period, so
//   no clock read and no timer call per event (the cheapest idle timer there is);
// - the target directory made sure of once per request, and one stat per finished file (a file the
//   SDK reports complete but that is not there is a failure), through the same fileIo binding the
//   library uses on the host;
// - one { filename, ok, path } result per file, the whole list once every file finished.
//
// What it leaves out, and the facade does not: busy answers, queue and cancel handling, unsafe or
// repeated names, paths or indexes in place of names, the session's other operations.
import { fileIo } from '../../stubs/kit.CoreFileKit.mjs';
import { EVENT_DOWNLOAD, MAX_FILES_PER_REQUEST } from './fast-fake-sdk.mjs';

const ALBUM = 'ipc_sweeper_robot';
const IDLE_MS = 30000;
const IDLE_TICKS = 4;

function clamp(p) {
  return Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : 0;
}

class FileRecord {
  constructor(file, path) {
    this.file = file;
    this.path = path;
    this.percent = 0;
    this.finished = false;
  }
}

class Job {
  constructor(files, dir, ui, resolve, reject) {
    this.files = files;
    this.dir = dir;
    this.ui = ui;
    this.resolve = resolve;
    this.reject = reject;
    this.byName = new Map();
    for (const f of files) {
      this.byName.set(f.filename, new FileRecord(f, `${dir}/${f.filename}`));
    }
    this.results = [];
    this.next = 0;
    this.batchSize = 0;
    this.batchLeft = 0;
    this.doneBefore = 0;
    this.overall = 0;
    this.active = false;
    this.quietTicks = 0;
    this.idleTimer = null;
  }
}

export class RealisticDownloader {
  constructor(sdk, deviceId) {
    this.job = null;
    this.transfer = sdk.fileTransfer.createP2pFileTransfer(deviceId, {
      onSessionStatusChanged: () => 0,
      onP2pResponse: () => 0,
      onStreamRecved: () => 0,
      onFileProgress: (event, progress, filename) => {
        const job = this.job;
        if (event !== EVENT_DOWNLOAD || job === null) {
          return 0;
        }
        const rec = job.byName.get(filename);
        if (rec === undefined || rec.finished) {
          return 0;
        }
        job.active = true;
        const p = clamp(progress);
        if (p > rec.percent) {
          rec.percent = p;
          job.ui.onFileProgress({ filename, percent: p });
        }
        return 0;
      },
      onProgress: (event, progress) => {
        const job = this.job;
        if (event !== EVENT_DOWNLOAD || job === null) {
          return 0;
        }
        job.active = true;
        const p = Math.min(100, ((job.doneBefore + (clamp(progress) / 100) * job.batchSize) / job.files.length) * 100);
        if (p > job.overall) {
          job.overall = p;
          job.ui.onProgress({ percent: p, filesDone: job.results.length, filesTotal: job.files.length });
        }
        return 0;
      },
      onFileFinished: (event, filename, index, errCode) => {
        const job = this.job;
        if (event !== EVENT_DOWNLOAD || job === null) {
          return 0;
        }
        const rec = job.byName.get(filename);
        if (rec === undefined || rec.finished) {
          return 0;
        }
        job.active = true;
        rec.finished = true;
        let ok = errCode === 0;
        if (ok) {
          try {
            ok = fileIo.statSync(rec.path).isFile();
          } catch (e) {
            ok = false;
          }
        }
        if (ok && rec.percent < 100) {
          rec.percent = 100;
          job.ui.onFileProgress({ filename, percent: 100 });
        }
        job.results.push({ filename, ok, path: rec.path });
        job.ui.onProgress({ percent: job.overall, filesDone: job.results.length, filesTotal: job.files.length });
        job.batchLeft--;
        if (job.results.length === job.files.length) {
          this.end(job);
          job.resolve(job.results);
        } else if (job.batchLeft === 0) {
          this.request(job);
        }
        return 0;
      },
    });
    this.connected = new Promise((resolve) => {
      sdk.p2p.connectWithDevId(deviceId, 1, 15000, {
        onResult: (handle) => {
          this.transfer.session = handle;
          resolve();
        },
      });
    });
  }

  /** Resolves with one result per file; `ui` receives the progress objects. */
  download(files, dir, ui) {
    return new Promise((resolve, reject) => {
      try {
        if (!fileIo.accessSync(dir)) {
          fileIo.mkdirSync(dir, true);
        }
      } catch (e) {
        reject(e);
        return;
      }
      const job = new Job(files, dir, ui, resolve, reject);
      this.job = job;
      this.armIdle(job);
      this.request(job);
    });
  }

  /** The next at most 50 files. */
  request(job) {
    const batch = job.files.slice(job.next, job.next + MAX_FILES_PER_REQUEST);
    job.doneBefore = job.next;
    job.next += batch.length;
    job.batchSize = batch.length;
    job.batchLeft = batch.length;
    const wire = batch.map((f) => ({ idx: f.idx, channel: f.channel, type: f.type, dir: f.dir, filename: f.filename,
      createTime: f.createTime, duration: f.duration }));
    const status = this.transfer.startDownloadFiles(ALBUM, job.dir, JSON.stringify(wire));
    if (status !== 0) {
      this.end(job);
      job.reject(new Error(`startDownloadFiles returned ${status}`));
    }
  }

  armIdle(job) {
    job.idleTimer = setTimeout(() => {
      if (job.active) {
        job.active = false;
        job.quietTicks = 0;
      } else if (++job.quietTicks >= IDLE_TICKS) {
        this.end(job);
        job.reject(new Error(`download idle for ${IDLE_MS} ms`));
        return;
      }
      this.armIdle(job);
    }, IDLE_MS / IDLE_TICKS);
  }

  end(job) {
    clearTimeout(job.idleTimer);
    if (this.job === job) {
      this.job = null;
    }
  }
}
