// Download contenders. One unit = one download request of `files` files, each reported by the fake
// SDK in `steps` file-progress + overall-progress pairs and one onFileFinished (so 2·steps + 1
// vendor callbacks per file), the files already on disk (empty, tmpfs), in the orchestrator's
// scratch directory. Both contenders hand the same progress objects to the same UI sink. `steps`
// may list several counts: each is a variant of the unit, sampled side by side in one process.
//
//   facade  session.download({ files, dir, onProgress, onFileProgress }).done
//   app     the realistic app on the raw vendor listener (lib/realistic-app.mjs)
import { FastFakeSdk, albumFiles, benchFileNames } from '../lib/fast-fake-sdk.mjs';
import { RealisticDownloader } from '../lib/realistic-app.mjs';

export const CONTENDERS = ['facade', 'app'];
const DEVICE = 'bench-download-device';

/** What a UI keeps of the progress: the latest objects (it would render them). */
class ProgressSink {
  constructor() {
    this.overall = null;
    this.file = null;
  }

  onProgress(p) {
    this.overall = p;
  }

  onFileProgress(p) {
    this.file = p;
  }
}

/** { runs, counts, teardown } for one contender; params: { files, steps: number[], dir }. */
export async function prepare(lib, contender, { files: count, steps, dir }) {
  const sdk = new FastFakeSdk();
  const files = albumFiles(benchFileNames(count));
  sdk.album = files;
  const ui = new ProgressSink();
  let once;
  let teardown = async () => ({});
  if (contender === 'facade') {
    const client = new lib.P2pClient({ userId: 'bench-user', sdk });
    const session = await client.connect(DEVICE);
    const onProgress = (p) => ui.onProgress(p);
    const onFileProgress = (p) => ui.onFileProgress(p);
    once = async () => {
      const r = await session.download({ files, dir, onProgress, onFileProgress }).done;
      if (!r.ok || r.files.length !== count) {
        throw new Error(`facade download failed: ${JSON.stringify(r.files.find((f) => !f.ok))}`);
      }
    };
    teardown = async () => {
      await session.close();
      await client.shutdown();
      return { resourcesAfter: client.resources().toString() };
    };
  } else if (contender === 'app') {
    const app = new RealisticDownloader(sdk, DEVICE);
    await app.connected;
    once = async () => {
      const r = await app.download(files, dir, ui);
      if (r.length !== count || !r.every((f) => f.ok)) {
        throw new Error('app download failed');
      }
    };
  } else {
    throw new Error(`download: no contender ${contender}`);
  }
  const runs = {};
  const counts = {};
  for (const n of steps) {
    runs[`steps${n}`] = () => {
      sdk.progressSteps = n;
      return once();
    };
    counts[`steps${n}`] = { requests: 1, files: count, events: count * (2 * n + 1) };
  }
  return { runs, counts, teardown };
}
