// The stream baseline with the same delivery as the facade: the same fake-SDK packet callbacks, each
// packet copied once into a reused buffer (one copy per byte, grown only for a larger file), and a
// promise per file for a reader that awaits each file as the facade's reader does. Nothing else: no
// length checks, no naming, no buffering limits, no events.
const FIRST = 1;
const LAST = 2;
const ALBUM = 'ipc_sweeper_robot';

export class RawStreamReader {
  constructor(sdk, deviceId) {
    this.buffer = new Uint8Array(0);
    this.written = 0;
    this.ready = null;
    this.waiter = null;
    this.transfer = sdk.fileTransfer.createP2pFileTransfer(deviceId, {
      onSessionStatusChanged: () => 0,
      onP2pResponse: () => 0,
      onFileProgress: () => 0,
      onProgress: () => 0,
      onFileFinished: () => 0,
      onStreamRecved: (event, sessionId, totalFiles, fileIndex, fileLength, pack, packageLength, packageType) => {
        if ((packageType & FIRST) !== 0) {
          if (this.buffer.length < fileLength) {
            this.buffer = new Uint8Array(fileLength);
          }
          this.written = 0;
        }
        this.buffer.set(new Uint8Array(pack, 0, packageLength), this.written);
        this.written += packageLength;
        if ((packageType & LAST) !== 0) {
          const file = this.buffer.subarray(0, this.written);
          const w = this.waiter;
          if (w !== null) {
            this.waiter = null;
            w(file);
          } else {
            this.ready = file;
          }
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

  /** Asks for the stream; then `next()` once per file. */
  start(wireJson) {
    const status = this.transfer.startDownloadStream(ALBUM, wireJson);
    if (status !== 0) {
      throw new Error(`startDownloadStream returned ${status}`);
    }
  }

  /** The next complete file (a view of the reused buffer, valid until the next file starts). */
  next() {
    const f = this.ready;
    if (f !== null) {
      this.ready = null;
      return Promise.resolve(f);
    }
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }
}
