// The volunteer page: explains, asks, then runs worker.js (a dedicated Web Worker) and shows
// what it does. The page itself never blocks: all evaluation happens in the worker.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  let worker = null;

  function workerId() {
    // one id per tab (sessionStorage): two tabs are two workers; a reload keeps its id
    let id = sessionStorage.getItem('paddock.workerId');
    if (!id) {
      const random = self.crypto && crypto.randomUUID ? crypto.randomUUID()
          : String(Date.now()) + '-' + Math.random().toString(16).slice(2);
      id = 'browser-' + random;
      sessionStorage.setItem('paddock.workerId', id);
    }
    return id;
  }

  function bytes(n) {
    const units = ['B', 'KB', 'MB', 'GB'];
    let v = n;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (u === 0 ? v : v.toFixed(1)) + ' ' + units[u];
  }

  function log(text) {
    const el = $('log');
    const line = new Date().toLocaleTimeString() + '  ' + text + '\n';
    el.textContent = (el.textContent + line).split('\n').slice(-200).join('\n');
    el.scrollTop = el.scrollHeight;
  }

  function onMessage(event) {
    const m = event.data;
    if (m.type === 'status') {
      $('state').textContent = m.state;
      $('detail').textContent = m.detail;
      document.body.dataset.state = m.state;
      if (m.state === 'error' || m.state === 'stopped') {
        $('start').disabled = false;
        $('stop').disabled = true;
      }
    } else if (m.type === 'unit') {
      $('candidate').textContent = m.candidate + ' (generation ' + m.generation + ')';
      $('unit-cases').textContent = m.done + ' / ' + m.total;
    } else if (m.type === 'stats') {
      $('cases').textContent = String(m.casesDone);
      $('units').textContent = String(m.units);
      $('tps').textContent = m.tokensPerSecond > 0 ? m.tokensPerSecond.toFixed(1) : '–';
      $('bytes').textContent = bytes(m.bytesDownloaded);
      $('cached').textContent = bytes(m.bytesFromCache);
    } else if (m.type === 'runtime') {
      $('kernels').textContent = m.simd ? 'WebAssembly SIMD128' : 'scalar WebAssembly (no SIMD in this browser)';
    } else if (m.type === 'calibration') {
      $('calibration').textContent = m.tokensPerSecond.toFixed(0) + ' tokens/s on the reference workload';
    } else if (m.type === 'log') {
      log(m.text);
    }
  }

  function start() {
    if (!worker) {
      worker = new Worker('worker.js');
      worker.onmessage = onMessage;
      worker.onerror = (e) => {
        log('worker error: ' + e.message);
        $('state').textContent = 'error';
      };
    }
    $('start').disabled = true;
    $('stop').disabled = false;
    worker.postMessage({ cmd: 'start', workerId: workerId(), cpuShare: Number($('share').value) });
    log('started as ' + workerId());
  }

  function stop() {
    if (worker) {
      worker.postMessage({ cmd: 'stop' });
    }
    $('stop').disabled = true;
    log('stopped');
  }

  $('host').textContent = location.host;
  $('start').addEventListener('click', start);
  $('stop').addEventListener('click', stop);
  $('share').addEventListener('change', () => {
    if (worker) {
      worker.postMessage({ cmd: 'share', cpuShare: Number($('share').value) });
    }
  });
})();
