// Runs the real Tuya adapter (library/src/main/ets/sdk/TuyaSdk.ets) against a scripted SDK object on
// Node: the '@thingsmart/*' imports resolve to tools/fixtures/tuya-adapter/fake-thingsmart.mjs instead
// of the stand-ins that only throw. It checks what the type-check cannot: that the optional port
// members follow the live object, that calls and results pass through, and that callbacks handed to
// the SDK work when native code calls them unbound.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { etsModulesPlugin, formatBuildError } from './bundle.mjs';
import { CACHE_DIR, FIXTURES_DIR, REPO_ROOT } from './paths.mjs';
import { ADAPTER } from './vendor-typings.mjs';

const require = createRequire(import.meta.url);
const FAKE_SDK = path.join(FIXTURES_DIR, 'tuya-adapter', 'fake-thingsmart.mjs');
const PORTS = path.join(path.dirname(ADAPTER), 'ThingSdk.ets');
const OUT_DIR = path.join(CACHE_DIR, 'tuya-adapter');

/** The port members that exist only when the SDK object has the method. */
const OPTIONAL = ['connectBreak', 'activeCheck', 'getVersion', 'closeAllSessions', 'startPreConnect',
  'closePreConnect', 'addSessionStateChangeCallback', 'removeSessionStateChangeCallback', 'recvData', 'sendData'];

async function loadAdapter() {
  const esbuild = require('esbuild');
  const fakeSdk = {
    name: 'fake-thingsmart',
    setup(build) {
      build.onResolve({ filter: /^@thingsmart\// }, () => ({ path: FAKE_SDK }));
    },
  };
  const entry = [ADAPTER, PORTS, FAKE_SDK].map((f) => `export * from ${JSON.stringify(f)};`).join('\n');
  let code;
  try {
    const result = await esbuild.build({
      stdin: { contents: entry, resolveDir: REPO_ROOT, loader: 'ts' },
      write: false, bundle: true, platform: 'node', format: 'esm', target: 'es2021', logLevel: 'silent',
      loader: { '.ets': 'ts' }, resolveExtensions: ['.ets', '.ts', '.mjs', '.js'],
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, experimentalDecorators: true } },
      plugins: [fakeSdk, etsModulesPlugin()],
    });
    code = result.outputFiles[0].text;
  } catch (e) {
    throw new Error(`cannot bundle the adapter\n${formatBuildError(e)}`);
  }
  const out = path.join(OUT_DIR, `adapter-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!fs.existsSync(out)) {
    fs.mkdirSync(OUT_DIR, { recursive: true });
    fs.writeFileSync(out, code);
  }
  return import(pathToFileURL(out).href);
}

/** An SDK object with only what Tuya's HarmonyOS reference documents. */
class DocumentedP2p {
  constructor() {
    this.calls = [];
  }

  initP2P(userId) {
    this.calls.push(['initP2P', userId]);
    return 0;
  }

  connectWithDevId(remoteId, lanMode, timeout, callback) {
    this.calls.push(['connectWithDevId', remoteId, lanMode, timeout]);
    this.connectCallback = callback;
    return 'trace-1';
  }

  disConnect(handle, reason, forced) {
    this.calls.push(['disConnect', handle, reason, forced]);
    return 0;
  }

  deInitP2P() {
    this.calls.push(['deInitP2P']);
    return 0;
  }
}

/** An SDK object with every method the published 1.0.12 `ThingP2PImpl` has that the ports bind. */
class PublishedP2p extends DocumentedP2p {
  constructor() {
    super();
    this.stateCallbacks = [];
  }

  connectBreak(traceId) {
    this.calls.push(['connectBreak', traceId]);
    return 0;
  }

  activeCheck(handle) {
    this.calls.push(['activeCheck', handle]);
    return handle === 1 ? 0 : -13;
  }

  getVersion() {
    return '3.4.62';
  }

  closeAllSessions() {
    this.calls.push(['closeAllSessions']);
    return 0;
  }

  startPreConnect(remoteId, devId) {
    this.calls.push(['startPreConnect', remoteId, devId]);
    return 0;
  }

  closePreConnect(remoteId, reason) {
    this.calls.push(['closePreConnect', remoteId, reason]);
    return -25;
  }

  addSessionStateChangeCallback(callback) {
    this.calls.push(['add']);
    this.stateCallbacks.push(callback);
  }

  removeSessionStateChangeCallback(callback) {
    this.calls.push(['remove', this.stateCallbacks.indexOf(callback)]);
    this.stateCallbacks = this.stateCallbacks.filter((c) => c !== callback);
  }

  recvData(handle, channel, data, dataLen, timeout) {
    this.calls.push(['recvData', handle, channel, dataLen, timeout]);
    data.set([7, 8, 9].slice(0, dataLen));
    return Math.min(3, dataLen);
  }

  sendData(handle, channel, data, dataLen, timeout) {
    this.calls.push(['sendData', handle, channel, Array.from(data.subarray(0, dataLen)), timeout]);
    return dataLen - 1;
  }
}

function sessionState(remoteId, handle, isPre, state, activeState, error) {
  return {
    getRemoteId: () => remoteId, getHandle: () => handle, getIsPre: () => isPre, getState: () => state,
    getActiveState: () => activeState, getError: () => error,
  };
}

const CHECKS = {
  optional_members_follow_the_live_sdk_object(m, vendor) {
    const sdk = new m.TuyaSdk();
    vendor.p2p = new DocumentedP2p();
    for (const name of OPTIONAL) {
      assert.equal(sdk.p2p[name], undefined, `${name} with an SDK that lacks it`);
    }
    vendor.p2p = new PublishedP2p();
    for (const name of OPTIONAL) {
      assert.equal(typeof sdk.p2p[name], 'function', `${name} with an SDK that has it`);
    }
  },

  calls_pass_their_arguments_and_results(m, vendor) {
    const sdk = new m.TuyaSdk();
    const p2p = new PublishedP2p();
    vendor.p2p = p2p;
    assert.equal(sdk.p2p.initP2P('uid-1'), 0);
    assert.equal(sdk.p2p.activeCheck(1), 0);
    assert.equal(sdk.p2p.activeCheck(2), -13);
    assert.equal(sdk.p2p.getVersion(), '3.4.62');
    assert.equal(sdk.p2p.startPreConnect('remote', 'dev'), 0);
    assert.equal(sdk.p2p.closePreConnect('remote', 1), -25);
    assert.equal(sdk.p2p.closeAllSessions(), 0);
    assert.equal(sdk.p2p.connectBreak('trace-1'), 0);
    const buffer = new Uint8Array(4);
    assert.equal(sdk.p2p.recvData(1, 5, buffer, 4, 100), 3);
    assert.deepEqual(Array.from(buffer), [7, 8, 9, 0]);
    assert.equal(sdk.p2p.sendData(1, 5, new Uint8Array([1, 2, 3]), 3, 100), 2);
    assert.equal(sdk.p2p.disConnect(1, 0, false), 0);
    assert.deepEqual(p2p.calls, [['initP2P', 'uid-1'], ['activeCheck', 1], ['activeCheck', 2],
      ['startPreConnect', 'remote', 'dev'], ['closePreConnect', 'remote', 1], ['closeAllSessions'],
      ['connectBreak', 'trace-1'], ['recvData', 1, 5, 4, 100], ['sendData', 1, 5, [1, 2, 3], 100],
      ['disConnect', 1, 0, false]]);
  },

  connect_results_arrive_when_called_unbound(m, vendor) {
    const sdk = new m.TuyaSdk();
    const p2p = new DocumentedP2p();
    vendor.p2p = p2p;
    const handles = [];
    const target = {
      seen: handles,
      onResult(handle) {
        this.seen.push(handle);
      },
    };
    assert.equal(sdk.p2p.connectWithDevId('dev-1', 1, 15000, target), 'trace-1');
    assert.deepEqual(p2p.calls, [['connectWithDevId', 'dev-1', 1, 15000]]);
    const onResult = p2p.connectCallback.onResult;
    onResult(0);
    onResult(42);
    assert.deepEqual(handles, [0, 42]);
  },

  session_state_listeners_are_added_once_and_removed_by_identity(m, vendor) {
    const sdk = new m.TuyaSdk();
    const p2p = new PublishedP2p();
    vendor.p2p = p2p;
    const reports = [];
    const listener = { onSessionStateChanged: (report) => reports.push(report) };
    sdk.p2p.addSessionStateChangeCallback(listener);
    sdk.p2p.addSessionStateChangeCallback(listener);
    assert.equal(p2p.stateCallbacks.length, 1, 'a listener added twice is registered once');
    const onChanged = p2p.stateCallbacks[0].onSessionStateChanged;
    onChanged(sessionState('remote-1', 3, 1, m.P2pLinkState.STREAMING, m.P2pActiveState.ACTIVE, 0));
    assert.equal(reports.length, 1);
    assert.ok(reports[0] instanceof m.P2pSessionStateReport);
    assert.deepEqual({ ...reports[0] }, { remoteId: 'remote-1', handle: 3, preConnect: true, state: 3, activeState: 2,
      error: 0 });
    sdk.p2p.removeSessionStateChangeCallback(listener);
    sdk.p2p.removeSessionStateChangeCallback(listener);
    assert.deepEqual(p2p.calls, [['add'], ['remove', 0]], 'removed with the object that was added, once');
    assert.equal(p2p.stateCallbacks.length, 0);
  },

  file_transfer_callbacks_arrive_when_called_unbound(m, vendor) {
    const sdk = new m.TuyaSdk();
    const seen = [];
    const target = {
      seen,
      onSessionStatusChanged(id, status) { this.seen.push(['status', id, status]); return 0; },
      onFileFinished(event, name, index, err) { this.seen.push(['finished', event, name, index, err]); return 0; },
      onProgress(event, progress) { this.seen.push(['progress', event, progress]); return 0; },
      onFileProgress(event, progress, name) { this.seen.push(['fileProgress', event, progress, name]); return 0; },
      onP2pResponse(event, err, data) { this.seen.push(['response', event, err, data]); return 0; },
      onStreamRecved(event, id, total, index, length, pack, packageLength, type) {
        this.seen.push(['stream', event, id, total, index, length, pack.byteLength, packageLength, type]);
        return 0;
      },
    };
    const transfer = sdk.fileTransfer.createP2pFileTransfer('dev-1', target);
    transfer.session = 9;
    assert.equal(transfer.session, 9);
    const l = vendor.listener;
    const calls = [[l.onSessionStatusChanged, 9, 9], [l.onFileFinished, 0, 'a.jpg', 1, 0], [l.onProgress, 0, 50],
      [l.onFileProgress, 0, 20, 'a.jpg'], [l.onP2pResponse, 12, 0, '{}'],
      [l.onStreamRecved, 0, 9, 1, 0, 4, new ArrayBuffer(4), 4, 3]];
    for (const [fn, ...args] of calls) {
      assert.equal(fn(...args), 0);
    }
    assert.deepEqual(seen, [['status', 9, 9], ['finished', 0, 'a.jpg', 1, 0], ['progress', 0, 50],
      ['fileProgress', 0, 20, 'a.jpg'], ['response', 12, 0, '{}'], ['stream', 0, 9, 1, 0, 4, 4, 4, 3]]);
    assert.equal(sdk.fileTransfer.getSDKVersion(), '1.0.0');
  },
};

/** Returns `{ passed, failures: [name, message][], ms }`. */
export async function runTuyaAdapter() {
  const t0 = performance.now();
  const m = await loadAdapter();
  const failures = [];
  let passed = 0;
  for (const [name, check] of Object.entries(CHECKS)) {
    m.vendor.p2p = null;
    m.vendor.listener = null;
    try {
      check(m, m.vendor);
      passed++;
    } catch (e) {
      failures.push([name, e.message]);
    }
  }
  return { passed, failures, ms: performance.now() - t0 };
}
