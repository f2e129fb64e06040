// Peak extra memory while the facade streams `totalMB` in files of `fileMB`: JS heap plus ArrayBuffer
// stores above a baseline taken just before the stream, sampled at every read() and half-way through
// every file (a file being reassembled). "Live": gc before each sample — what the library keeps
// reachable. "Without forced GC": the same samples with no gc — garbage V8 has not collected yet.
// Each figure comes from the first stream of a fresh session (the code warmed up on another one), so
// the buffers a session keeps for its next stream count; what it still holds after the stream is
// reported too.
import { FastFakeSdk, albumFiles, buildPackets, patternBytes } from '../lib/fast-fake-sdk.mjs';
import { gc, liveBytes, settle } from '../lib/measure.mjs';
import { DEVICE, readAllFacade, streamFileNames } from './stream.mjs';

const MB = 1024 * 1024;

export async function measure(lib, { totalMB, fileMB, packetBytes }) {
  const sdk = new FastFakeSdk();
  const packets = buildPackets(patternBytes(totalMB * MB), fileMB * MB, packetBytes);
  sdk.streamFiles.set(DEVICE, packets);
  const files = albumFiles(streamFileNames(packets.length));
  const client = new lib.P2pClient({ userId: 'bench-user', sdk });
  const warm = await client.connect(`${DEVICE}-warm-up`);
  sdk.streamFiles.set(`${DEVICE}-warm-up`, packets);
  await readAllFacade(warm, files, null);
  await warm.close();
  let retained = 0;
  const probeRun = async (forceGc) => {
    const session = await client.connect(DEVICE);
    // Backing stores of collected ArrayBuffers are freed after the GC: let that finish first.
    await settle(50);
    const base = liveBytes();
    let peak = 0;
    const probe = () => {
      if (forceGc) {
        gc();
      }
      peak = Math.max(peak, liveBytes() - base);
    };
    sdk.midFileProbe = probe;
    await readAllFacade(session, files, () => probe());
    sdk.midFileProbe = null;
    await settle(50);
    retained = Math.max(retained, liveBytes() - base);
    await session.close();
    return peak;
  };
  const live = await probeRun(true);
  const noGc = await probeRun(false);
  await client.shutdown();
  return { totalMB, fileMB, packetBytes, peakLiveMB: live / MB, peakNoGcMB: noGc / MB, retainedMB: retained / MB,
    resourcesAfter: client.resources().toString() };
}
