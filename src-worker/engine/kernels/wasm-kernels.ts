// The fast kernels: WebAssembly SIMD128 (kernels.wat) working in place on Float32Array views of
// one WebAssembly.Memory per context. No copies per call: every array a caller passes must come
// from this context's `alloc`, and the kernels receive its byteOffset.
//
// Memory design. The memory is SHARED (`shared: true`) with a 1 GiB maximum and a small initial
// size, and grows on demand. Growing a non-shared memory detaches its ArrayBuffer, so every view
// handed out earlier (weights, activations...) would become length 0. A shared memory's buffer is
// never detached by grow: the old SharedArrayBuffer keeps its length and old views stay valid, the
// new `memory.buffer` is a bigger SharedArrayBuffer over the same bytes. Checked in Node 24
// (wasm-kernels.test.ts) and in Chromium 156 (headless, a file:// page). Shared wasm memories need
// no cross-origin isolation in Node or in Node worker threads, where these kernels run (also
// inside Electron). A Chromium renderer that is not cross-origin isolated hides the
// `SharedArrayBuffer` global and refuses to post such buffers to other agents, but
// `new WebAssembly.Memory({ shared: true })`, grow and old views work there too (checked); the
// kernels are not used in renderers anyway. Hundreds of contexts may be alive at once (checked:
// 400, no slowdown), and dropped ones are garbage-collected.
//
// The memory is never freed piecemeal: `alloc` is a bump allocator (networks allocate their
// buffers once). The GEMM's packing scratch also comes from it, grown (re-allocated) when a wider
// GEMM needs more; fresh pages are zero, and bump allocation never hands out used bytes again, so
// `alloc` returns zero-filled arrays.
import type { BatchNormState, KernelKind, Kernels, SparseRows } from './kernels.ts';
import { checkAllocGroups, checkGroupedGemm, ENTRY_WORDS, groupCount, rowGroups } from './row-groups.ts';
import { checkSparseGemm, checkToSparse, checkTranspose, sparseCapacity, sparseRows } from './sparse-rows.ts';
import { relaxedWasm, simdWasm } from './wasm-binary.generated.ts';

// The WebAssembly JS API exists in every runtime this runs in (Node, Electron), but TypeScript keeps
// its types in the DOM lib, which tsconfig.node.json does not load; so the few members used here
// are declared locally (module scope: this shadows nothing at run time).
interface WasmModuleObject {
  readonly __brand: 'WebAssembly.Module';
}
interface WasmMemoryObject {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(deltaPages: number): number;
}
declare const WebAssembly: {
  validate(bytes: Uint8Array<ArrayBuffer>): boolean;
  Module: new (bytes: Uint8Array<ArrayBuffer>) => WasmModuleObject;
  Instance: new (
    module: WasmModuleObject,
    imports: Record<string, Record<string, unknown>>,
  ) => {
    readonly exports: Record<string, unknown>;
  };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemoryObject;
};

const PAGE = 65536;
const MAX_PAGES = 16384; // 1 GiB
const INITIAL_PAGES = 16; // 1 MiB
const ALIGN = 64; // >= 16 (v128); 64 keeps arrays on their own cache lines

interface WasmExports {
  gemm(
    m: number,
    n: number,
    k: number,
    a: number,
    ta: number,
    b: number,
    tb: number,
    c: number,
    acc: number,
    scratch: number,
    tall: number,
  ): void;
  to_sparse(rows: number, cols: number, x: number, start: number, idx: number, val: number, cap: number): number;
  sparse_from_bytes(rows: number, cols: number, src: number, start: number, idx: number, val: number, cap: number): number;
  transpose_sparse(rows: number, cols: number, start: number, idx: number, val: number, tstart: number, tidx: number, tval: number): void;
  sparse_gemm(m: number, n: number, start: number, idx: number, val: number, b: number, c: number, acc: number): void;
  grouped_gemm(rows: number, n: number, k: number, start: number, entries: number, b: number, c: number, scratch: number): void;
  unit_from_bytes(n: number, src: number, out: number): void;
  sum_squares(n: number, x: number): number;
  add_bias(rows: number, cols: number, x: number, bias: number, relu: number): void;
  relu_backward(n: number, dout: number, y: number, dx: number): void;
  mul(n: number, a: number, b: number, out: number): void;
  scale(n: number, x: number, s: number, out: number): void;
  axpy(n: number, alpha: number, x: number, y: number): void;
  col_sums(rows: number, cols: number, x: number, out: number): void;
  bn_forward(
    rows: number,
    cols: number,
    x: number,
    gamma: number,
    beta: number,
    eps: number,
    m: number,
    xc: number,
    xn: number,
    y: number,
    work: number,
    rmean: number,
    rvar: number,
  ): void;
  bn_backward(
    rows: number,
    cols: number,
    dout: number,
    xc: number,
    xn: number,
    gamma: number,
    work: number,
    dx: number,
    ggrad: number,
    bgrad: number,
  ): void;
  bn_inference(
    rows: number,
    cols: number,
    x: number,
    gamma: number,
    beta: number,
    eps: number,
    rmean: number,
    rvar: number,
    y: number,
    work: number,
  ): void;
  exp(n: number, x: number, y: number): void;
  softmax(rows: number, cols: number, x: number, y: number): void;
  sgd(n: number, p: number, g: number, lr: number): void;
  momentum(n: number, p: number, g: number, v: number, lr: number, m: number): void;
  nesterov(n: number, p: number, g: number, v: number, lr: number, m: number, mm: number, cg: number): void;
  adagrad_rmsprop(n: number, p: number, g: number, h: number, lr: number, d: number, e: number): void;
  adam(n: number, p: number, g: number, m: number, v: number, lrT: number, b1: number, b2: number, eps: number): void;
}

/** The WASM kernels plus two extras the interface does not need: e^x (tested against Math.exp) and memory size. */
export interface WasmKernels extends Kernels {
  /** y[i] = e^x[i] in float32 (the exp softmax uses). y may alias x. */
  exp(n: number, x: Float32Array, y: Float32Array): void;
  /** Current size of this context's memory in bytes. */
  memoryBytes(): number;
}

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

// Compiled once per thread and binary; each context instantiates its own instance and memory.
const modules: { relaxed?: WasmModuleObject; simd?: WasmModuleObject } = {};
const bytesCache: { relaxed?: Uint8Array<ArrayBuffer>; simd?: Uint8Array<ArrayBuffer> } = {};

/** The binary for one variant (decoded once). */
export function wasmBinary(relaxed: boolean): Uint8Array<ArrayBuffer> {
  const key = relaxed ? 'relaxed' : 'simd';
  return (bytesCache[key] ??= decodeBase64(relaxed ? relaxedWasm : simdWasm));
}

/** Whether this runtime accepts that variant (SIMD128; and relaxed SIMD for `relaxed`). */
export function wasmSupported(relaxed: boolean): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(wasmBinary(relaxed));
  } catch {
    return false;
  }
}

function compiled(relaxed: boolean): WasmModuleObject {
  const key = relaxed ? 'relaxed' : 'simd';
  return (modules[key] ??= new WebAssembly.Module(wasmBinary(relaxed)));
}

export function createWasmKernels(relaxed: boolean): WasmKernels {
  const kind: KernelKind = relaxed ? 'wasm-relaxed' : 'wasm-simd';
  if (!wasmSupported(relaxed)) {
    throw new Error(`${kind} kernels: this runtime does not support ${relaxed ? 'relaxed SIMD' : 'WebAssembly SIMD128'}`);
  }
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: true });
  const instance = new WebAssembly.Instance(compiled(relaxed), { env: { memory } });
  const wasm = instance.exports as unknown as WasmExports;
  // The module keeps a table of its own at the bottom of the memory (to_sparse's compaction
  // shuffles, written when it is instantiated); allocation starts above it.
  const base = (instance.exports.reserved_bytes as { value: number }).value;
  // 6×8 register tiles need the fused multiply-add (see kernels.wat, gemm); 4×8 otherwise.
  const tall = relaxed ? 1 : 0;

  // Every buffer object this memory has had: views made before a grow hold an older (shorter)
  // SharedArrayBuffer over the same memory, and stay valid.
  let buffer = memory.buffer as SharedArrayBuffer;
  const buffers = new Set<ArrayBufferLike>([buffer]);
  let top = base;
  /** Bytes below this were handed out before a reset and may hold old values. */
  let used = 0;
  let scratch = 0;
  let scratchBytes = 0;

  function reserve(bytes: number): number {
    const start = Math.ceil(top / ALIGN) * ALIGN;
    const end = start + bytes;
    if (end > buffer.byteLength) {
      const have = buffer.byteLength / PAGE;
      // Grow at least geometrically so that many small allocations do not grow page by page.
      const want = Math.min(MAX_PAGES, Math.max(Math.ceil(end / PAGE), have * 2));
      if (end > MAX_PAGES * PAGE) {
        throw new RangeError(`${kind} kernels: out of memory: ${end} bytes needed, the limit is ${MAX_PAGES * PAGE} (1 GiB) per context`);
      }
      memory.grow(want - have);
      buffer = memory.buffer as SharedArrayBuffer;
      buffers.add(buffer);
    }
    top = end;
    return start;
  }

  /** A zero-filled array of `length` elements in this memory (reserve() aligns every start). */
  function zeroed<A extends Float32Array | Float64Array | Uint8Array>(
    name: string,
    View: { new (buffer: SharedArrayBuffer, start: number, length: number): A; readonly BYTES_PER_ELEMENT: number },
    length: number,
  ): A {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`${name}: bad length ${length}`);
    const start = reserve(length * View.BYTES_PER_ELEMENT);
    const array = new View(buffer, start, length);
    if (start < used) array.fill(0); // fresh pages are zero; reused ones are cleared
    return array;
  }

  function alloc(length: number): Float32Array {
    return zeroed('alloc', Float32Array, length);
  }

  function reset(): void {
    used = Math.max(used, top);
    top = base;
    scratch = 0;
    scratchBytes = 0;
  }

  // Cheap guards: the array lives in this memory and is long enough. A foreign array would make
  // the kernel read or write unrelated bytes of this memory, so it is an error, never a copy.
  function at(name: string, arr: Float32Array | Float64Array | Int32Array | Uint8Array, need: number): number {
    if (arr.buffer !== buffer && !buffers.has(arr.buffer)) {
      throw new Error(`${kind} kernels: '${name}' is not an array of this kernel context; allocate it with kernels.alloc()`);
    }
    if (arr.length < need) {
      throw new RangeError(`${kind} kernels: '${name}' has ${arr.length} floats, ${need} needed`);
    }
    return arr.byteOffset;
  }

  function size(name: string, v: number): number {
    if (!(v >= 0 && v <= 0x3fffffff && Number.isInteger(v))) {
      throw new RangeError(`${kind} kernels: '${name}' must be a non-negative integer, got ${v}`);
    }
    return v;
  }

  /** The byte offsets of a batch-norm state's arrays, each checked to be of this memory and long enough. */
  function batchNormAt(s: BatchNormState) {
    const cols = size('cols', s.cols);
    return {
      gamma: at('gamma', s.gamma, cols),
      beta: at('beta', s.beta, cols),
      gammaGrad: at('gammaGrad', s.gammaGrad, cols),
      betaGrad: at('betaGrad', s.betaGrad, cols),
      runningMean: at('runningMean', s.runningMean, cols),
      runningVar: at('runningVar', s.runningVar, cols),
      work: at('work', s.work, 4 * cols),
    };
  }

  /** to_sparse or sparse_from_bytes of `rows` rows (checked by the caller) at byte offset `from` into s. */
  function compact(
    kernel: (rows: number, cols: number, src: number, start: number, idx: number, val: number, cap: number) => number,
    rows: number,
    from: number,
    s: SparseRows,
  ): number {
    const count = kernel(
      rows,
      s.cols,
      from,
      at('start', s.start, s.maxRows + 1),
      at('index', s.index, s.capacity),
      at('value', s.value, s.capacity),
      s.capacity,
    );
    s.rows = count < 0 ? 0 : rows;
    return count;
  }

  function gemmScratch(n: number): number {
    // 128 B edge tile + 4 KiB A tail strip + 6 KiB transposed-A strip + packed B: k block (<= 256) × n.
    return scratchOf(128 + 4096 + 6144 + 256 * n * 4);
  }

  /** The kernels' scratch of at least `need` bytes (one region, shared by every call). */
  function scratchOf(need: number): number {
    if (need > scratchBytes) {
      scratchBytes = Math.max(need, 64 * 1024);
      scratch = reserve(scratchBytes);
    }
    return scratch;
  }

  return {
    kind,

    alloc,

    reset,

    allocatedBytes: () => top - base,

    memoryBytes: () => buffer.byteLength,

    gemm(m, n, k, a, transA, b, transB, c, accumulate) {
      size('m', m);
      size('n', n);
      size('k', k);
      const s = gemmScratch(n);
      wasm.gemm(
        m,
        n,
        k,
        at('a', a, m * k),
        transA ? 1 : 0,
        at('b', b, k * n),
        transB ? 1 : 0,
        at('c', c, m * n),
        accumulate ? 1 : 0,
        s,
        tall,
      );
    },

    allocSparse(maxRows, cols, entries) {
      const capacity = sparseCapacity(maxRows, cols, entries);
      // reserve() may grow the memory (a new buffer), so each view is made after its reserve.
      const startAt = reserve((maxRows + 1) * 4);
      const indexAt = reserve(capacity * 4);
      const valueAt = reserve(capacity * 4);
      const start = new Int32Array(buffer, startAt, maxRows + 1);
      const index = new Int32Array(buffer, indexAt, capacity);
      const value = new Float32Array(buffer, valueAt, capacity);
      // Reused bytes (after a reset) may hold old entries; only start must begin clean.
      start.fill(0);
      return sparseRows(maxRows, cols, start, index, value);
    },

    toSparse(rows, x, s) {
      checkToSparse(rows, x, s);
      return compact(wasm.to_sparse, rows, at('x', x, rows * s.cols), s);
    },

    sparseFromBytes(rows, bytes, s) {
      checkToSparse(rows, bytes, s);
      return compact(wasm.sparse_from_bytes, rows, at('bytes', bytes, rows * s.cols), s);
    },

    transposeSparse(s, t) {
      checkTranspose(s, t);
      wasm.transpose_sparse(
        s.rows,
        s.cols,
        at('start', s.start, s.maxRows + 1),
        at('index', s.index, s.capacity),
        at('value', s.value, s.capacity),
        at('t.start', t.start, t.maxRows + 1),
        at('t.index', t.index, t.capacity),
        at('t.value', t.value, t.capacity),
      );
      t.rows = s.cols;
    },

    sparseGemm(n, s, b, c, accumulate) {
      checkSparseGemm(n, s, b, c);
      wasm.sparse_gemm(
        s.rows,
        n,
        at('start', s.start, s.maxRows + 1),
        at('index', s.index, s.capacity),
        at('value', s.value, s.capacity),
        at('b', b, s.cols * n),
        at('c', c, s.rows * n),
        accumulate ? 1 : 0,
      );
    },

    allocGroups(maxGroups, cols, capacity) {
      const words = checkAllocGroups(maxGroups, cols, capacity);
      const startAt = reserve((maxGroups + 1) * 4);
      const entriesAt = reserve(words * 4);
      const start = new Int32Array(buffer, startAt, maxGroups + 1);
      start.fill(0);
      return rowGroups(maxGroups, cols, start, new Int32Array(buffer, entriesAt, words), new Float32Array(buffer, entriesAt, words));
    },

    groupedGemm(n, g, b, c) {
      checkGroupedGemm(n, g, b, c);
      const groups = groupCount(g.rows);
      // 256 B tile + B packed in 8-column panels over all of its rows.
      const s = scratchOf(256 + 32 * g.cols * Math.ceil(n / 8));
      wasm.grouped_gemm(
        g.rows,
        n,
        g.cols,
        at('start', g.start, groups + 1),
        at('entries', g.word, g.capacity * ENTRY_WORDS),
        at('b', b, g.cols * n),
        at('c', c, g.rows * n),
        s,
      );
    },

    allocF64(length) {
      return zeroed('allocF64', Float64Array, length);
    },

    batchNormForward(rows, x, s, xc, xn, y) {
      const n = size('rows', rows) * s.cols;
      const { gamma, beta, work, runningMean, runningVar } = batchNormAt(s);
      wasm.bn_forward(
        rows,
        s.cols,
        at('x', x, n),
        gamma,
        beta,
        s.eps,
        s.momentum,
        at('xc', xc, n),
        at('xn', xn, n),
        at('y', y, n),
        work,
        runningMean,
        runningVar,
      );
    },

    batchNormBackward(rows, dout, s, xc, xn, dx) {
      const n = size('rows', rows) * s.cols;
      const { gamma, work, gammaGrad, betaGrad } = batchNormAt(s);
      wasm.bn_backward(
        rows,
        s.cols,
        at('dout', dout, n),
        at('xc', xc, n),
        at('xn', xn, n),
        gamma,
        work,
        at('dx', dx, n),
        gammaGrad,
        betaGrad,
      );
    },

    batchNormInference(rows, x, s, y) {
      const n = size('rows', rows) * s.cols;
      const { gamma, beta, work, runningMean, runningVar } = batchNormAt(s);
      wasm.bn_inference(rows, s.cols, at('x', x, n), gamma, beta, s.eps, runningMean, runningVar, at('y', y, n), work);
    },

    allocBytes(length) {
      return zeroed('allocBytes', Uint8Array, length);
    },

    unitFromBytes(n, bytes, out) {
      size('n', n);
      wasm.unit_from_bytes(n, at('bytes', bytes, n), at('out', out, n));
    },

    sumSquares(n, x) {
      size('n', n);
      return wasm.sum_squares(n, at('x', x, n));
    },

    addBias(rows, cols, x, bias, relu) {
      wasm.add_bias(size('rows', rows), size('cols', cols), at('x', x, rows * cols), at('bias', bias, cols), relu ? 1 : 0);
    },

    reluBackward(n, dout, y, dx) {
      size('n', n);
      wasm.relu_backward(n, at('dout', dout, n), at('y', y, n), at('dx', dx, n));
    },

    mul(n, a, b, out) {
      size('n', n);
      wasm.mul(n, at('a', a, n), at('b', b, n), at('out', out, n));
    },

    scale(n, x, s, out = x) {
      wasm.scale(size('n', n), at('x', x, n), s, at('out', out, n));
    },

    axpy(n, alpha, x, y) {
      size('n', n);
      wasm.axpy(n, alpha, at('x', x, n), at('y', y, n));
    },

    colSums(rows, cols, x, out) {
      wasm.col_sums(size('rows', rows), size('cols', cols), at('x', x, rows * cols), at('out', out, cols));
    },

    softmax(rows, cols, x, y) {
      wasm.softmax(size('rows', rows), size('cols', cols), at('x', x, rows * cols), at('y', y, rows * cols));
    },

    exp(n, x, y) {
      size('n', n);
      wasm.exp(n, at('x', x, n), at('y', y, n));
    },

    sgd(n, p, g, lr) {
      size('n', n);
      wasm.sgd(n, at('p', p, n), at('g', g, n), lr);
    },

    momentum(n, p, g, v, lr, m) {
      size('n', n);
      wasm.momentum(n, at('p', p, n), at('g', g, n), at('v', v, n), lr, m);
    },

    nesterov(n, p, g, v, lr, m) {
      size('n', n);
      wasm.nesterov(n, at('p', p, n), at('g', g, n), at('v', v, n), lr, m, m * m, (1 + m) * lr);
    },

    adagrad(n, p, g, h, lr) {
      size('n', n);
      wasm.adagrad_rmsprop(n, at('p', p, n), at('g', g, n), at('h', h, n), lr, 1, 1);
    },

    rmsprop(n, p, g, h, lr, decay) {
      size('n', n);
      wasm.adagrad_rmsprop(n, at('p', p, n), at('g', g, n), at('h', h, n), lr, decay, 1 - decay);
    },

    adam(n, p, g, m, v, lrT, beta1, beta2, eps) {
      size('n', n);
      wasm.adam(n, at('p', p, n), at('g', g, n), at('m', m, n), at('v', v, n), lrT, 1 - beta1, 1 - beta2, eps);
    },
  };
}
