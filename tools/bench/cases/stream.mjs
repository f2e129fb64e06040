// Stream contenders. One unit = one stream of `files` files of `fileBytes` pseudo-random bytes, each
// packet its own ArrayBuffer as the SDK delivers it, built before timing. The fake SDK sends one
// whole file per macrotask, so a reader gets each file as it completes.
//
//   facade  session.openStream({ files }) + read() until null, release(file) after each (a steady consumer)
//   raw     the same packet callbacks, one copy per byte into a reused buffer, a promise per file
//   memcpy  Uint8Array.set of the same packets into one reused buffer: no callbacks, no promises
//   tuya    Tuya's panel approach (hex string per packet, sort + join + decode), over the first
//           `tuyaFiles` files only, as it is far slower
// Every contender's output is compared byte for byte with the source once, untimed, before sampling.
import { FastFakeSdk, albumFiles, buildPackets, patternBytes } from '../lib/fast-fake-sdk.mjs';
import { RawStreamReader } from '../lib/raw-stream.mjs';
import { TuyaReassembler } from '../lib/tuya-reassembly.mjs';

export const DEVICE = 'bench-stream-device';

function sameBytes(a, b) {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** Copies one file's packets into `target` back to back; returns the bytes copied. */
export function copyPackets(file, target) {
  let off = 0;
  for (const p of file.packets) {
    target.set(new Uint8Array(p), off);
    off += p.byteLength;
  }
  return off;
}

export function streamFileNames(count) {
  return Array.from({ length: count }, (_, i) => `part_${String(i).padStart(5, '0')}.bin`);
}

/** A facade reader drained to the end; `onFile(bytes, k)` sees each file. Returns the bytes read. */
export async function readAllFacade(session, files, onFile) {
  const reader = session.openStream({ files });
  let bytes = 0;
  let n = 0;
  for (;;) {
    const f = await reader.read();
    if (f === null) {
      break;
    }
    bytes += f.bytes.byteLength;
    if (onFile) {
      onFile(new Uint8Array(f.bytes), n);
    }
    reader.release(f);
    n++;
  }
  if (reader.discarded !== 0 || n !== files.length) {
    throw new Error(`facade stream: ${n} of ${files.length} files, ${reader.discarded} discarded`);
  }
  return bytes;
}

/** { runs: { main }, counts: { main }, teardown }; params: { fileBytes, files, packetBytes, tuyaFiles? }. */
export async function prepare(lib, contender, { fileBytes, files: count, packetBytes, tuyaFiles }) {
  const source = patternBytes(fileBytes * count);
  const packets = buildPackets(source, fileBytes, packetBytes);
  const used = contender === 'tuya' ? Math.min(count, tuyaFiles ?? count) : count;
  const counts = {
    files: used,
    bytes: used * fileBytes,
    packets: packets.slice(0, used).reduce((n, f) => n + f.packets.length, 0),
  };
  const files = albumFiles(streamFileNames(count));
  let once;
  let teardown = async () => ({});
  if (contender === 'facade') {
    const sdk = new FastFakeSdk();
    sdk.streamFiles.set(DEVICE, packets);
    const client = new lib.P2pClient({ userId: 'bench-user', sdk });
    const session = await client.connect(DEVICE);
    once = (onFile) => readAllFacade(session, files, onFile);
    teardown = async () => {
      await session.close();
      await client.shutdown();
      return { resourcesAfter: client.resources().toString() };
    };
  } else if (contender === 'raw') {
    const sdk = new FastFakeSdk();
    sdk.streamFiles.set(DEVICE, packets);
    const raw = new RawStreamReader(sdk, DEVICE);
    await raw.connected;
    once = async (onFile) => {
      raw.start(JSON.stringify(files));
      let bytes = 0;
      for (let k = 0; k < count; k++) {
        const f = await raw.next();
        bytes += f.length;
        if (onFile) {
          onFile(f, k);
        }
      }
      return bytes;
    };
  } else if (contender === 'memcpy') {
    const target = new Uint8Array(fileBytes);
    once = async (onFile) => {
      let bytes = 0;
      for (let k = 0; k < count; k++) {
        const n = copyPackets(packets[k], target);
        bytes += n;
        if (onFile) {
          onFile(target.subarray(0, n), k);
        }
      }
      return bytes;
    };
  } else if (contender === 'tuya') {
    once = async (onFile) => {
      let bytes = 0;
      let n = 0;
      const r = new TuyaReassembler((file) => {
        bytes += file.length;
        if (onFile) {
          onFile(file, n);
        }
        n++;
      });
      for (let k = 0; k < used; k++) {
        const f = packets[k];
        const last = f.packets.length - 1;
        for (let i = 0; i <= last; i++) {
          r.onPacket(f.packets[i], i, (i === 0 ? 1 : 0) | (i === last ? 2 : 0));
        }
      }
      return bytes;
    };
  } else {
    throw new Error(`stream: no contender ${contender}`);
  }
  const check = (file, k) => {
    if (!sameBytes(file, source.subarray(k * fileBytes, (k + 1) * fileBytes))) {
      throw new Error(`${contender}: file ${k} differs from what was sent`);
    }
  };
  if ((await once(check)) !== counts.bytes) {
    throw new Error(`${contender}: wrong byte count`);
  }
  const run = async () => {
    if ((await once(null)) !== counts.bytes) {
      throw new Error(`${contender}: wrong byte count`);
    }
  };
  return { runs: { main: run }, counts: { main: counts }, teardown };
}
