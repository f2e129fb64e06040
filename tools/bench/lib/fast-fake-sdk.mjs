// A minimal, fast in-process stand-in for the Tuya SDK (the ThingSdk ports of
// library/src/main/ets/sdk/ThingSdk.ets). It does as little as possible so that what the bench
// measures is the code on the listener side: the facade's or a raw app's.
//
// - connectWithDevId answers with a session handle one microtask later;
// - startDownloadFiles takes at most 50 files (the device's per-request cap, which the facade and the
//   app baseline both respect) and fires, one macrotask later and in a tight loop, `progressSteps`
//   file-progress and overall-progress callbacks per requested file, then onFileFinished(errCode 0).
//   It writes nothing: the bench creates the (empty) files once, before timing;
// - startDownloadStream fires onStreamRecved packets from the device's pre-built packet lists,
//   one whole file per macrotask (setImmediate), so a reader can consume each file as it completes
//   — and several devices interleave file by file, as independent robots would.

export const EVENT_DOWNLOAD = 0;
export const MAX_FILES_PER_REQUEST = 50;
/** What the fake answers to a request over the cap (the real device's answer is not documented). */
const TOO_MANY_FILES = -1;
const EVENT_ALBUM_INDEX = 12;
const FIRST = 1;
const LAST = 2;

/**
 * Splits `source` (Uint8Array) into files of `fileBytes`, each into packets of `packetBytes`, every
 * packet its own ArrayBuffer as the SDK delivers it. Returns [{ length, packets: ArrayBuffer[] }].
 */
export function buildPackets(source, fileBytes, packetBytes) {
  const files = [];
  for (let off = 0; off < source.length; off += fileBytes) {
    const length = Math.min(fileBytes, source.length - off);
    const packets = [];
    for (let p = 0; p < length; p += packetBytes) {
      const n = Math.min(packetBytes, length - p);
      packets.push(source.slice(off + p, off + p + n).buffer);
    }
    files.push({ length, packets });
  }
  return files;
}

/** Deterministic pseudo-random bytes (xorshift32), so every contender sees the same data. */
export function patternBytes(length, seed = 0x9e3779b9) {
  const out = new Uint8Array(length);
  const words = new Uint32Array(out.buffer, 0, length >>> 2);
  let x = seed >>> 0;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  return out;
}

class FakeTransfer {
  constructor(sdk, deviceId, listener) {
    this.sdk = sdk;
    this.deviceId = deviceId;
    this.listener = listener;
    this.session = 0;
    this.destroyed = false;
  }

  queryAlbumFile(albumName) {
    const items = this.sdk.album;
    setImmediate(() => {
      if (!this.destroyed) {
        this.listener.onP2pResponse(EVENT_ALBUM_INDEX, 0, JSON.stringify({ count: items.length, items }));
      }
    });
    return 0;
  }

  startDownloadFiles(albumName, savePath, fileIndexes) {
    const files = JSON.parse(fileIndexes);
    if (files.length > MAX_FILES_PER_REQUEST) {
      return TOO_MANY_FILES;
    }
    const steps = this.sdk.progressSteps;
    setImmediate(() => {
      const l = this.listener;
      const total = files.length * steps;
      let fired = 0;
      for (const f of files) {
        for (let s = 1; s <= steps; s++) {
          if (this.destroyed) {
            return;
          }
          fired++;
          l.onFileProgress(EVENT_DOWNLOAD, Math.floor((s * 100) / steps), f.filename);
          l.onProgress(EVENT_DOWNLOAD, Math.floor((fired * 100) / total));
        }
        l.onFileFinished(EVENT_DOWNLOAD, f.filename, f.idx, 0);
      }
    });
    return 0;
  }

  startDownloadStream(albumName, fileIndexes) {
    const files = this.sdk.streamFiles.get(this.deviceId);
    if (files === undefined) {
      return -1;
    }
    let next = 0;
    const sendOne = () => {
      if (this.destroyed || next >= files.length) {
        return;
      }
      const f = files[next++];
      const l = this.listener;
      const last = f.packets.length - 1;
      const mid = last >> 1;
      for (let i = 0; i <= last; i++) {
        const pack = f.packets[i];
        const type = (i === 0 ? FIRST : 0) | (i === last ? LAST : 0);
        l.onStreamRecved(0, this.session, files.length, i, f.length, pack, pack.byteLength, type);
        if (i === mid && this.sdk.midFileProbe !== null) {
          this.sdk.midFileProbe();
        }
      }
      setImmediate(sendOne);
    };
    setImmediate(sendOne);
    return 0;
  }

  destroy() {
    this.destroyed = true;
  }
}

export class FastFakeSdk {
  constructor() {
    /** Album index returned by queryAlbumFile. */
    this.album = [];
    /** File-progress callbacks per file in a download. */
    this.progressSteps = 100;
    /** deviceId -> files from buildPackets(), sent by startDownloadStream. */
    this.streamFiles = new Map();
    /** Called half-way through each streamed file (heap sampling while a file is being reassembled). */
    this.midFileProbe = null;
    let nextHandle = 1;
    this.p2p = {
      initP2P: () => 0,
      connectWithDevId: (remoteId, lanMode, timeout, callback) => {
        const handle = nextHandle++;
        queueMicrotask(() => callback.onResult(handle));
        return `trace-${handle}`;
      },
      disConnect: () => 0,
      deInitP2P: () => 0,
    };
    this.fileTransfer = {
      createP2pFileTransfer: (deviceId, listener) => new FakeTransfer(this, deviceId, listener),
      getSDKVersion: () => 'bench-fake',
    };
  }
}

/** The bench album's file names: clip_00000.bin, clip_00001.bin, ... */
export function benchFileNames(count) {
  return Array.from({ length: count }, (_, i) => `clip_${String(i).padStart(5, '0')}.bin`);
}

/** Album entries as the device would index them. */
export function albumFiles(names) {
  return names.map((filename, idx) => ({ idx, channel: 0, type: 4, dir: 0, filename, createTime: 1700000000 + idx, duration: 0 }));
}
