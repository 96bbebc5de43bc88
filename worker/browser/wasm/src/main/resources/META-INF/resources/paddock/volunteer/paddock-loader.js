// Loads Paddock's runtime: the TeaVM wasm-gc module (paddock.wasm, the same Java runtime and
// evaluator as on the JVM) and the hand-written SIMD128 kernels (kernels.wasm), both over one
// shared linear memory; the kernels are imported straight into the runtime (no JS in between).
// A browser without SIMD128 gets the scalar kernels, compiled from the same Java source.
//
// Works in a page and in a Web Worker (classic script; needs paddock-runtime.js loaded first).
// Every runtime call returns a reply; errors are thrown as PaddockError with the runtime's typed
// error code (e.g. "AdapterMismatch", "InvalidHeader"), as the JVM reports them.
'use strict';
(function (global) {
  const WASM_PAGE = 65536;
  const MAX_PAGES = 32768; // 2 GiB: the TeaVM heap's own ceiling

  class PaddockError extends Error {
    constructor(code, message) {
      super(message);
      this.name = 'PaddockError';
      this.code = code;
    }
  }

  async function fetchBytes(url) {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error('GET ' + url + ': HTTP ' + response.status);
    }
    return response.arrayBuffer();
  }

  function memoryMinimum(module) {
    const sections = WebAssembly.Module.customSections(module, 'teavm.memoryRequirements');
    if (sections.length !== 1) {
      return 0;
    }
    const req = JSON.parse(new TextDecoder().decode(sections[0]));
    return req.min || 0;
  }

  class Runtime {
    constructor(exports, memory, simd) {
      this.exports = exports;
      this.memory = memory;
      this.simd = simd;
      this.kernels = this.call('init', simd).kernels;
    }

    // Calls an export and unwraps its reply: the "ok" value, or a thrown PaddockError.
    call(name, ...args) {
      const fn = this.exports[name];
      if (typeof fn !== 'function') {
        throw new Error('the runtime has no export ' + name);
      }
      const reply = JSON.parse(fn(...args));
      if (reply.error) {
        throw new PaddockError(reply.error.code, reply.error.message);
      }
      return reply.ok;
    }

    // Moves one package (model or adapter) into linear memory and loads it: verified against its
    // digest, then read by the runtime's own readers. bytes: Uint8Array or ArrayBuffer.
    receive(kind, digest, bytes) {
      const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      const slot = this.call('allocate', data.length);
      try {
        new Uint8Array(this.memory.buffer, slot.address, data.length).set(data);
      } catch (e) {
        this.call('discard', slot.handle);
        throw e;
      }
      return this.load(kind, digest, slot.handle);
    }

    // Streams a download of `size` bytes straight into linear memory, then loads it.
    // onBytes(n) is told after each chunk. Rejects (and frees the block) on a short or long body.
    async receiveStream(kind, digest, size, stream, onBytes) {
      const slot = this.call('allocate', size);
      let offset = 0;
      try {
        const reader = stream.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            break;
          }
          if (offset + value.length > size) {
            throw new Error('package ' + digest + ' is longer than its announced ' + size + ' bytes');
          }
          // a fresh view each time: the memory may have grown (which detaches old views)
          new Uint8Array(this.memory.buffer, slot.address + offset, value.length).set(value);
          offset += value.length;
          if (onBytes) {
            onBytes(value.length);
          }
        }
        if (offset !== size) {
          throw new Error('package ' + digest + ' ended after ' + offset + ' of ' + size + ' bytes');
        }
      } catch (e) {
        this.call('discard', slot.handle);
        throw e;
      }
      return this.load(kind, digest, slot.handle);
    }

    load(kind, digest, handle) {
      return this.call(kind === 'model' ? 'loadModel' : 'loadAdapter', handle, digest);
    }
  }

  // options.base: URL prefix of the bundle; options.simd: true (require), false (scalar), 'auto'.
  async function load(options) {
    const opts = options || {};
    const base = opts.base || '';
    const wantSimd = opts.simd === undefined ? 'auto' : opts.simd;
    const [kernelBytes, runtimeBytes] = await Promise.all([
      wantSimd === false ? Promise.resolve(null) : fetchBytes(base + 'kernels.wasm'),
      fetchBytes(base + 'paddock.wasm'),
    ]);
    let kernelModule = null;
    if (kernelBytes) {
      try {
        kernelModule = await WebAssembly.compile(kernelBytes);
      } catch (e) {
        if (wantSimd === true) {
          throw new Error('this browser cannot run the SIMD128 kernels: ' + e.message);
        }
      }
    }
    const runtimeModule = await WebAssembly.compile(runtimeBytes, { builtins: ['js-string'] });
    const pages = Math.max(256, memoryMinimum(runtimeModule) + 16);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES });
    let kernels;
    if (kernelModule) {
      kernels = (await WebAssembly.instantiate(kernelModule, { env: { memory } })).exports;
    } else {
      // the runtime imports the kernels even when it runs the scalar ones: link stubs
      kernels = {};
      for (const imp of WebAssembly.Module.imports(runtimeModule)) {
        if (imp.module === 'kernels') {
          kernels[imp.name] = () => {
            throw new Error('the SIMD128 kernels are not loaded');
          };
        }
      }
    }
    const teavm = await global.TeaVM.wasmGC.load(runtimeBytes, {
      memory: { external: memory, maxSize: MAX_PAGES * WASM_PAGE - 1 },
      installImports(imports) {
        imports.kernels = kernels;
      },
    });
    return new Runtime(teavm.exports, memory, kernelModule !== null);
  }

  global.Paddock = { load, PaddockError };
})(typeof self !== 'undefined' ? self : globalThis);
