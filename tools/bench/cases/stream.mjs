// Case 2 — stream reassembly: 64 MB in files of 1 MB, sent in 1 KB or 16 KB packets, through
// session.openStream()/read() vs (a) Uint8Array.set of the same packets into one 1 MB buffer (the
// memcpy limit) and (b) Tuya's panel approach (hex strings by packet index, sort + join + decode).
// Plus the peak extra memory while the facade streams, which must stay near one file, not 64 MB.
import { FastFakeSdk, albumFiles, buildPackets, patternBytes } from '../lib/fast-fake-sdk.mjs';
import { TuyaReassembler } from '../lib/tuya-reassembly.mjs';
import { cpuMs, gc, interleave, liveBytes, median, round, spread, wallMs } from '../lib/measure.mjs';

const MB = 1024 * 1024;
const DEVICE = 'bench-stream-device';

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
function copyPackets(file, target) {
  let off = 0;
  for (const p of file.packets) {
    target.set(new Uint8Array(p), off);
    off += p.byteLength;
  }
  return off;
}

/** Contenders over one packet set. Each returns the bytes it handed on, so a run can be checked. */
function contenders(session, packets, fileCount, tuyaFiles) {
  const names = Array.from({ length: fileCount }, (_, i) => `part_${String(i).padStart(3, '0')}.bin`);
  const files = albumFiles(names);
  const facade = async (onFile) => {
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
      // What a steady consumer does: hand the buffer back once the file is decoded.
      reader.release(f);
      n++;
    }
    if (reader.discarded !== 0 || n !== fileCount) {
      throw new Error(`facade stream: ${n} files, ${reader.discarded} discarded`);
    }
    return bytes;
  };
  const memcpy = (onFile) => {
    const target = new Uint8Array(MB);
    let bytes = 0;
    for (let k = 0; k < fileCount; k++) {
      const off = copyPackets(packets[k], target);
      bytes += off;
      if (onFile) {
        onFile(target.subarray(0, off), k);
      }
    }
    return bytes;
  };
  // Same copy into a new 1 MB buffer per file: the floor for anything that hands each file out as
  // its own ArrayBuffer (fresh memory is zeroed and first-touched), shown to split the gap.
  const memcpyFresh = (onFile) => {
    let bytes = 0;
    for (let k = 0; k < fileCount; k++) {
      const target = new Uint8Array(packets[k].length);
      bytes += copyPackets(packets[k], target);
      if (onFile) {
        onFile(target, k);
      }
    }
    return bytes;
  };
  const tuya = (onFile) => {
    let bytes = 0;
    let n = 0;
    const r = new TuyaReassembler((file) => {
      bytes += file.length;
      if (onFile) {
        onFile(file, n);
      }
      n++;
    });
    for (let k = 0; k < tuyaFiles; k++) {
      const f = packets[k];
      const last = f.packets.length - 1;
      for (let i = 0; i <= last; i++) {
        r.onPacket(f.packets[i], i, (i === 0 ? 1 : 0) | (i === last ? 2 : 0));
      }
    }
    return bytes;
  };
  return { facade, memcpy, memcpyFresh, tuya };
}

async function timed(run, expectBytes) {
  const c0 = cpuMs();
  const w0 = wallMs();
  const bytes = await run();
  const wall = wallMs() - w0;
  const cpu = cpuMs() - c0;
  if (bytes !== expectBytes) {
    throw new Error(`handed on ${bytes} bytes, expected ${expectBytes}`);
  }
  return { wall, cpu, mbps: bytes / MB / (wall / 1000) };
}

export async function setupStreamSession(lib) {
  const sdk = new FastFakeSdk();
  const client = new lib.P2pClient({ userId: 'bench-user', sdk });
  const session = await client.connect(DEVICE);
  return { sdk, client, session };
}

/**
 * opts: { totalMB, fileMB, packetSizes: [bytes], rounds, tuyaMB }.
 * Tuya's approach is measured over the first `tuyaMB` of the same data (it is far slower; MB/s
 * does not depend on the amount once it is well above one file).
 */
export async function runStream(lib, opts) {
  const { totalMB, fileMB, packetSizes, rounds, tuyaMB } = opts;
  const source = patternBytes(totalMB * MB);
  const fileBytes = fileMB * MB;
  const fileCount = totalMB / fileMB;
  const tuyaFiles = Math.max(1, Math.round(tuyaMB / fileMB));
  const { sdk, client, session } = await setupStreamSession(lib);
  const results = [];
  let peakLive = 0;
  let peakNoGc = 0;
  for (const packetBytes of packetSizes) {
    const packets = buildPackets(source, fileBytes, packetBytes);
    sdk.streamFiles.set(DEVICE, packets);
    const c = contenders(session, packets, fileCount, tuyaFiles);

    // Correctness first (untimed): every contender hands on exactly the source bytes.
    const check = (file, k) => {
      if (!sameBytes(file, source.subarray(k * fileBytes, k * fileBytes + file.length))) {
        throw new Error(`file ${k} differs from what was sent`);
      }
    };
    await c.facade(check);
    c.memcpy(check);
    c.memcpyFresh(check);
    c.tuya(check);

    // Memory while the facade streams, above a baseline taken just before it starts. "Live": gc, then
    // sample, at every read and half-way through every file (a file being reassembled) — what the
    // library keeps reachable. "Without forced GC": the same samples with no gc — what V8 lets pile
    // up as garbage before it collects (not the library's doing, but what the process feels).
    const probeRun = async (forceGc) => {
      gc();
      const base = liveBytes();
      let peak = 0;
      const probe = () => {
        if (forceGc) {
          gc();
        }
        peak = Math.max(peak, liveBytes() - base);
      };
      sdk.midFileProbe = probe;
      await c.facade(() => probe());
      sdk.midFileProbe = null;
      return peak;
    };
    peakLive = Math.max(peakLive, await probeRun(true));
    peakNoGc = Math.max(peakNoGc, await probeRun(false));

    // Timed, interleaved.
    const samples = await interleave({
      facade: () => timed(() => c.facade(null), totalMB * MB),
      memcpy: () => timed(() => c.memcpy(null), totalMB * MB),
      memcpyFresh: () => timed(() => c.memcpyFresh(null), totalMB * MB),
      tuya: () => timed(() => c.tuya(null), tuyaFiles * fileBytes),
    }, rounds, 1);
    const mbps = (name) => median(samples[name].map((x) => x.mbps));
    const f = mbps('facade');
    const m = mbps('memcpy');
    const t = mbps('tuya');
    const mf = mbps('memcpyFresh');
    results.push({
      packetBytes,
      packets: packets.reduce((n, x) => n + x.packets.length, 0),
      facadeMBps: round(f, 0),
      facadeRange: spread(samples.facade.map((x) => x.mbps), 0),
      memcpyRange: spread(samples.memcpy.map((x) => x.mbps), 0),
      memcpyMBps: round(m, 0),
      memcpyFreshMBps: round(mf, 0),
      tuyaMBps: round(t, 1),
      facadeMs: round(median(samples.facade.map((x) => x.wall)), 1),
      memcpyMs: round(median(samples.memcpy.map((x) => x.wall)), 1),
      memcpyFreshMs: round(median(samples.memcpyFresh.map((x) => x.wall)), 1),
      tuyaMs: round(median(samples.tuya.map((x) => x.wall)), 1),
      vsMemcpy: round(f / m, 3),
      vsMemcpyFresh: round(f / mf, 3),
      bestVsMemcpy: round(Math.max(...samples.facade.map((x) => x.mbps)) / Math.max(...samples.memcpy.map((x) => x.mbps)), 3),
      vsTuya: round(f / t, 1),
    });
  }
  const resources = client.resources().toString();
  await session.close();
  await client.shutdown();
  return {
    totalMB,
    fileMB,
    tuyaMB: tuyaFiles * fileMB,
    rounds,
    results,
    peakLiveMB: round(peakLive / MB, 2),
    peakNoGcMB: round(peakNoGc / MB, 1),
    resourcesAfter: resources,
  };
}
