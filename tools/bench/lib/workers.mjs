// Worker processes (tools/bench/worker.mjs): each contender in a fresh Node process, so it starts on
// an empty heap of its own and nothing it allocates or optimises reaches another contender.
//
// The contenders of one measurement are alive together but never run together: each warms up in
// turn, then they take their samples in turns (rotating order), one sample at a time, while the
// others wait idle on their IPC channel. So every contender meets the same machine load — on a
// shared 2-core machine other work comes and goes — and a ratio between two of them stays put.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'worker.mjs');

class Worker {
  constructor(job) {
    this.job = job;
    this.label = `${job.case}/${job.contender ?? job.params.id ?? ''}`;
    this.stderr = '';
    this.inbox = [];
    this.waiting = null;
    this.child = fork(WORKER, [JSON.stringify(job)], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    this.child.stderr.on('data', (d) => {
      this.stderr += d;
    });
    this.child.on('message', (m) => this.deliver(m));
    this.child.on('exit', (code) => this.deliver({ exited: code }));
  }

  deliver(m) {
    if (this.waiting !== null) {
      const w = this.waiting;
      this.waiting = null;
      w(m);
    } else {
      this.inbox.push(m);
    }
  }

  /** The next answer; rejects when the worker reported an error or died. */
  async next(expected) {
    const m = this.inbox.length > 0 ? this.inbox.shift() : await new Promise((resolve) => {
      this.waiting = resolve;
    });
    if (m !== null && typeof m === 'object' && (m.error !== undefined || m.exited !== undefined)) {
      throw new Error(`bench worker ${this.label} failed${m.error ? `:\n${m.error}` : ` (exit ${m.exited})`}\n${this.stderr.trim()}`);
    }
    if (expected !== undefined && m !== expected) {
      throw new Error(`bench worker ${this.label}: expected ${expected}, got ${JSON.stringify(m)}`);
    }
    return m;
  }

  async ask(message, expected) {
    this.child.send(message);
    return this.next(expected);
  }

  kill() {
    if (this.child.exitCode === null) {
      this.child.kill();
    }
  }
}

/**
 * One round of a sampled measurement: `jobs` (one per contender) in processes of their own, warmed
 * up one after another, then `samples` samples each, taken in turns. Resolves with the results in
 * the order of `jobs`.
 */
export async function runRound(jobs, samples, onSample = () => {}) {
  const workers = [];
  try {
    for (const job of jobs) {
      const w = new Worker(job);
      workers.push(w);
      await w.next('ready');
    }
    for (const w of workers) {
      await w.ask('warmUp', 'warm');
    }
    for (let k = 0; k < samples; k++) {
      for (let i = 0; i < workers.length; i++) {
        await workers[(i + k) % workers.length].ask('sample', 'sampled');
      }
      onSample(k);
    }
    const results = [];
    for (const w of workers) {
      const m = await w.ask('finish');
      results.push(m.result);
    }
    return results;
  } finally {
    for (const w of workers) {
      w.kill();
    }
  }
}

/** A case that measures itself, in a process of its own. */
export async function runMeasured(job) {
  const w = new Worker(job);
  try {
    const m = await w.next();
    return m.result;
  } finally {
    w.kill();
  }
}
