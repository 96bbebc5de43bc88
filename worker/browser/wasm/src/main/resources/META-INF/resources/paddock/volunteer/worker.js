// The volunteer's Web Worker: runs Paddock's runtime (paddock-loader.js) off the page's thread
// and speaks the worker protocol to the coordinator over WebSocket /v1/workers as an anonymous
// "browser" worker, exactly like the JVM worker: hello (with its calibration and the packages it
// has cached), pull, leases, heartbeats, one result or failure per lease. Every protocol message
// is encoded and decoded by the runtime itself (the same codec as the JVM and the coordinator).
//
// Packages are fetched by digest, streamed straight into the runtime's linear memory, verified
// there, and kept in the browser's Cache Storage so a returning volunteer does not download them
// again. Closing the tab simply drops the connection: the coordinator's leases expire.
'use strict';
importScripts('paddock-runtime.js', 'paddock-loader.js');

const CACHE_NAME = 'paddock-packages-v1';
const DOWNLOAD_ATTEMPTS = 3;
const MAX_BACKOFF_MILLIS = 10000;

const state = {
  rt: null,
  running: false,
  workerId: null,
  share: 1,
  ws: null,
  welcomed: false,
  heartbeatMillis: 5000,
  heartbeatTimer: null,
  backoff: 500,
  busy: false,
  current: null,
  outbox: [],
};
const stats = {
  units: 0,
  casesDone: 0,
  tokens: 0,
  evalMillis: 0,
  bytesDownloaded: 0,
  bytesFromCache: 0,
};

function post(type, body) {
  self.postMessage(Object.assign({ type }, body || {}));
}

function status(name, detail) {
  post('status', { state: name, detail: detail || '' });
}

function log(text) {
  post('log', { text });
}

function publishStats() {
  post('stats', Object.assign({}, stats, {
    tokensPerSecond: stats.evalMillis > 0 ? stats.tokens / (stats.evalMillis / 1000) : 0,
  }));
}

function sleep(millis) {
  return new Promise((resolve) => setTimeout(resolve, millis));
}

// ------------------------------------------------------------------ package cache (Cache Storage)

function packageUrl(digest) {
  return new URL('/v1/packages/' + digest, self.location.href).href;
}

async function openCache() {
  if (!self.caches) {
    return null; // not a secure context: no browser storage, every package is downloaded
  }
  try {
    return await self.caches.open(CACHE_NAME);
  } catch (e) {
    return null;
  }
}

async function cachedDigests() {
  const cache = await openCache();
  if (!cache) {
    return [];
  }
  const keys = await cache.keys();
  const out = [];
  for (const request of keys) {
    const m = /\/v1\/packages\/(sha256:[0-9a-f]{64})$/.exec(request.url);
    if (m) {
      out.push(m[1]);
    }
  }
  return out;
}

// ------------------------------------------------------------------ packages into the runtime

async function receive(kind, digest, response, fromCache) {
  const size = Number(response.headers.get('Content-Length'));
  const count = (n) => {
    if (fromCache) {
      stats.bytesFromCache += n;
    } else {
      stats.bytesDownloaded += n;
    }
    publishStats();
  };
  if (Number.isSafeInteger(size) && size > 0 && response.body) {
    return state.rt.receiveStream(kind, digest, size, response.body, count);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  count(bytes.length);
  return state.rt.receive(kind, digest, bytes);
}

// Makes the package available in the runtime: already loaded, from the cache, or downloaded.
// Throws PaddockError for a typed problem (404, digest mismatch, malformed package) and a plain
// Error when the coordinator could not be reached (the lease is then dropped and expires).
async function ensurePackage(kind, digest) {
  if (state.rt.call('held').held.includes(digest)) {
    return;
  }
  const cache = await openCache();
  const url = packageUrl(digest);
  if (cache) {
    const hit = await cache.match(url);
    if (hit) {
      try {
        await receive(kind, digest, hit, true);
        return;
      } catch (e) {
        await cache.delete(url); // corrupt or unreadable: fetch it again
        if (!(e instanceof Paddock.PaddockError) || e.code !== 'ModelNotLoaded') {
          throw e;
        }
      }
    }
  }
  let lastError = null;
  for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
    let response;
    try {
      response = await fetch(url, { headers: { 'X-Paddock-Worker': state.workerId } });
    } catch (e) {
      lastError = e;
      await sleep(500 * attempt);
      continue;
    }
    if (response.status === 404) {
      throw new Paddock.PaddockError('ModelNotLoaded',
          'a leased package must be served by the coordinator: GET /v1/packages/' + digest + ' answered 404');
    }
    if (!response.ok) {
      lastError = new Error('GET /v1/packages/' + digest + ' answered ' + response.status);
      await sleep(500 * attempt);
      continue;
    }
    let toRuntime = response;
    let caching = null;
    if (cache && response.body) {
      const [a, b] = response.body.tee();
      toRuntime = new Response(a, { headers: response.headers });
      caching = cache.put(url, new Response(b, { headers: response.headers })).catch(() => false);
    }
    try {
      await receive(kind, digest, toRuntime, false);
    } catch (e) {
      if (caching) {
        await caching;
        await cache.delete(url);
      }
      throw e;
    }
    if (caching) {
      await caching;
    }
    return;
  }
  throw lastError || new Error('package ' + digest + ' unavailable');
}

// ------------------------------------------------------------------ the protocol

function socketUrl() {
  const loc = self.location;
  return (loc.protocol === 'https:' ? 'wss://' : 'ws://') + loc.host + '/v1/workers';
}

function isOpen() {
  return state.ws !== null && state.ws.readyState === WebSocket.OPEN && state.welcomed;
}

function send(text) {
  if (isOpen()) {
    state.ws.send(text);
    return true;
  }
  return false;
}

// Results and failures survive a dropped connection: sent after the next welcome.
function deliver(text) {
  if (!send(text)) {
    state.outbox.push(text);
  }
}

function pullIfIdle() {
  if (state.running && !state.busy && isOpen()) {
    send(state.rt.call('pull', 1).message);
  }
}

function startHeartbeat() {
  stopHeartbeat();
  state.heartbeatTimer = setInterval(() => {
    if (state.current && isOpen()) {
      send(state.rt.call('heartbeat').message);
    }
  }, state.heartbeatMillis);
}

function stopHeartbeat() {
  if (state.heartbeatTimer !== null) {
    clearInterval(state.heartbeatTimer);
    state.heartbeatTimer = null;
  }
}

function connect() {
  if (!state.running || state.ws !== null) {
    return;
  }
  status('connecting', socketUrl());
  let ws;
  try {
    ws = new WebSocket(socketUrl());
  } catch (e) {
    scheduleReconnect('cannot open the connection: ' + e.message);
    return;
  }
  state.ws = ws;
  state.welcomed = false;
  ws.onopen = async () => {
    const cached = await cachedDigests();
    if (ws.readyState === WebSocket.OPEN) {
      ws.send(state.rt.call('hello', state.workerId, JSON.stringify(cached)).message);
    }
  };
  ws.onmessage = (event) => onFrame(event.data);
  ws.onclose = (event) => {
    if (state.ws === ws) {
      state.ws = null;
      state.welcomed = false;
      stopHeartbeat();
      scheduleReconnect('connection closed (' + event.code + (event.reason ? ': ' + event.reason : '') + ')');
    }
  };
}

function scheduleReconnect(why) {
  if (!state.running) {
    return;
  }
  status('reconnecting', why + '; retrying in ' + Math.round(state.backoff / 1000) + ' s');
  setTimeout(connect, state.backoff);
  state.backoff = Math.min(MAX_BACKOFF_MILLIS, state.backoff * 2);
}

function onFrame(text) {
  let s;
  try {
    s = state.rt.call('receive', text);
  } catch (e) {
    log('ignored a malformed message: ' + e.message);
    return;
  }
  if (s.type === 'welcome') {
    state.welcomed = true;
    state.backoff = 500;
    state.heartbeatMillis = Math.max(250, Number(s.heartbeat_millis) || 5000);
    startHeartbeat();
    status(state.current ? 'working' : 'connected', 'as ' + s.trust + ' volunteer ' + s.worker_id);
    const pending = state.outbox.splice(0);
    for (const m of pending) {
      send(m);
    }
    pullIfIdle();
  } else if (s.type === 'lease') {
    work();
  } else if (s.type === 'cancel') {
    if (s.was_running && state.current) {
      state.current.cancelled = true;
    }
    log('cancelled ' + s.unit_id + ': ' + s.reason);
  } else if (s.type === 'ack') {
    if (s.outcome !== 'accepted' && s.outcome !== 'duplicate') {
      log('result of ' + s.unit_id + ' was ' + s.outcome);
    }
  }
}

// Runs queued leases one after another, then asks for more.
async function work() {
  if (state.busy) {
    return;
  }
  state.busy = true;
  try {
    for (;;) {
      const next = state.rt.call('next');
      if (!next.lease) {
        break;
      }
      if (!state.running) {
        state.rt.call('abandon'); // stopped: queued leases are left to expire
        continue;
      }
      await runUnit(next.lease);
    }
  } finally {
    state.busy = false;
  }
  pullIfIdle();
}

// After a case that took `millis`, rest so the runtime uses about `share` of one core.
function rest(millis) {
  const share = Math.min(1, Math.max(0.1, state.share));
  return sleep(share >= 1 ? 0 : millis * (1 - share) / share);
}

async function runUnit(lease) {
  state.current = { unitId: lease.unit_id, epoch: lease.epoch, cancelled: false };
  status('working', 'candidate ' + lease.candidate_id);
  post('unit', {
    generation: lease.generation_id, candidate: lease.candidate_id, unit: lease.unit_id, done: 0, total: lease.cases,
  });
  try {
    await ensurePackage('model', lease.model);
    for (const a of lease.adapters) {
      await ensurePackage('adapter', a);
    }
    state.rt.call('assemble');
    for (;;) {
      if (state.current.cancelled || !state.running) {
        state.rt.call('abandon');
        return;
      }
      const t0 = performance.now();
      const p = state.rt.call('evaluateNext');
      const millis = performance.now() - t0;
      stats.casesDone += 1;
      stats.evalMillis += millis;
      if (p.case.kind === 'evidence') {
        stats.tokens += p.case.diagnostics.generated_tokens;
      }
      post('unit', {
        generation: lease.generation_id, candidate: lease.candidate_id, unit: lease.unit_id,
        done: p.done, total: p.total,
      });
      publishStats();
      if (p.done === p.total) {
        break;
      }
      await rest(millis);
    }
    deliver(state.rt.call('finish').message);
    stats.units += 1;
    publishStats();
  } catch (e) {
    if (e instanceof Paddock.PaddockError && e.code !== 'Internal') {
      deliver(state.rt.call('fail', e.code, e.message).message);
      log('candidate ' + lease.candidate_id + ' failed: ' + e.message);
    } else {
      log('dropped unit ' + lease.unit_id + ' (it will be run elsewhere): ' + (e && e.message ? e.message : e));
      state.rt.call('abandon');
    }
  } finally {
    state.current = null;
    if (state.running) {
      status(isOpen() ? 'connected' : 'reconnecting', '');
    }
  }
}

// ------------------------------------------------------------------ commands from the page

async function start(command) {
  state.workerId = command.workerId;
  state.share = Number(command.cpuShare) || 1;
  state.running = true;
  try {
    if (!state.rt) {
      status('loading', 'loading the runtime');
      state.rt = await Paddock.load({ base: '', simd: command.simd === undefined ? 'auto' : command.simd });
      post('runtime', { kernels: state.rt.kernels, simd: state.rt.simd });
      status('calibrating', 'measuring this device on the reference workload');
      const c = state.rt.call('calibrate');
      post('calibration', { tokensPerSecond: c.tokens_per_second });
      if (!(await openCache())) {
        log('browser storage is unavailable here (not a secure context): packages are downloaded every time');
      }
    }
  } catch (e) {
    state.running = false;
    status('error', 'the runtime could not start: ' + (e && e.message ? e.message : e));
    return;
  }
  if (state.running) {
    connect();
  }
}

function stop() {
  state.running = false;
  if (state.current) {
    state.current.cancelled = true;
  }
  stopHeartbeat();
  if (state.ws) {
    const ws = state.ws;
    state.ws = null;
    state.welcomed = false;
    ws.close(1000, 'volunteer stopped');
  }
  state.outbox = [];
  if (state.rt) {
    work();
  }
  status('stopped', '');
}

self.onmessage = (event) => {
  const command = event.data || {};
  if (command.cmd === 'start') {
    start(command);
  } else if (command.cmd === 'stop') {
    stop();
  } else if (command.cmd === 'share') {
    state.share = Number(command.cpuShare) || 1;
  }
};
