// One contender of one case in a process of its own (started by lib/workers.mjs with --expose-gc and
// an IPC channel), so no contender runs on a heap another one churned or with code another one
// shaped. It samples only when told to: run.mjs keeps every contender of a measurement alive and
// lets them take their samples in turns, so all of them meet the same machine load.
//
// The job comes as the first argument; then messages from the parent: 'warmUp', 'sample', 'finish'.
// Answers: 'ready', 'warm', 'sampled', { result } — or { error } when anything failed.
//
// job: { bundle, kind: 'sampled' | 'measure', case, contender?, params, warmupMs?, sampleMs?,
//        alloc?: boolean, profile?: boolean }
import { importLibrary } from './lib/library.mjs';
import { Sampler, allocatedPerUnit } from './lib/sampler.mjs';
import { profile, summarise } from './lib/profile.mjs';

const SAMPLED = {
  download: () => import('./cases/download.mjs'),
  stream: () => import('./cases/stream.mjs'),
  robots: () => import('./cases/robots.mjs'),
};

// Cases that measure themselves: [module, exported function]. `livemap` is the LiveMap update case
// (cases/livemap.mjs, when the checkout has it).
const MEASURED = {
  heap: ['./cases/heap.mjs', 'measure'],
  map: ['./cases/map.mjs', 'runMap'],
  simulatedRobots: ['./cases/robots.mjs', 'measureSimulated'],
  livemap: ['./cases/livemap.mjs', 'runLiveMap'],
};

function send(message) {
  return new Promise((resolve) => {
    process.send(message, resolve);
  });
}

// Messages are queued as they come, so none is lost between two waits.
const inbox = [];
let waiting = null;
process.on('message', (m) => {
  if (waiting !== null) {
    const w = waiting;
    waiting = null;
    w(m);
  } else {
    inbox.push(m);
  }
});

function nextMessage() {
  return inbox.length > 0 ? Promise.resolve(inbox.shift()) : new Promise((resolve) => {
    waiting = resolve;
  });
}

async function sampled(lib, job) {
  const mod = await SAMPLED[job.case]();
  const c = await mod.prepare(lib, job.contender, job.params);
  const sampler = new Sampler(c.runs, job);
  await send('ready');
  for (;;) {
    const m = await nextMessage();
    if (m === 'warmUp') {
      await sampler.warmUp();
      await send('warm');
    } else if (m === 'sample') {
      await sampler.sample();
      await send('sampled');
    } else {
      break;
    }
  }
  const out = { variants: sampler.variants, counts: c.counts };
  if (job.alloc) {
    out.allocBytesPerUnit = {};
    for (const [name, run] of Object.entries(c.runs)) {
      out.allocBytesPerUnit[name] = await allocatedPerUnit(run);
    }
  }
  if (job.profile) {
    const [name, run] = Object.entries(c.runs).pop();
    out.profiled = name;
    out.profile = summarise(await profile(async () => {
      for (let i = 0; i < sampler.units[name] * 3; i++) {
        await run();
      }
    }), 14);
  }
  out.after = await c.teardown();
  return out;
}

async function measured(lib, job) {
  const [file, name] = MEASURED[job.case];
  const mod = await import(file);
  return mod[name](lib, job.params);
}

const job = JSON.parse(process.argv[2]);
try {
  const lib = await importLibrary(job.bundle);
  const result = job.kind === 'sampled' ? await sampled(lib, job) : await measured(lib, job);
  await send({ result });
} catch (e) {
  await send({ error: e && e.stack ? e.stack : String(e) });
}
// Exit at once: a timer left behind is reported by the case (resourcesAfter), not waited for.
process.exit(0);
