// The numeric kernels every layer and optimizer calls. Two implementations sit behind this one
// interface: `ts-kernels.ts`, a plain readable reference, and `wasm-kernels.ts`, WebAssembly SIMD128
// on Float32Array views of one WebAssembly.Memory (no copies per call). Tests compare the two.
//
// Conventions: row-major matrices; every array argument must come from this context's `alloc`
// (the WASM kernels read them in place through their byteOffset); sizes are element counts.

export type KernelKind = 'wasm-relaxed' | 'wasm-simd' | 'ts';

/**
 * A matrix kept as its non-zero entries, row by row (compressed sparse rows), in a kernel
 * context's memory: row i's entries are e in [start[i], start[i + 1]), entry e is column
 * index[e] with value value[e], indices increasing within a row. Made by `allocSparse` and filled
 * only by `toSparse` or `transposeSparse` (the kernels trust its indices).
 */
export interface SparseRows {
  /** The most rows it can hold, and its number of columns. */
  readonly maxRows: number;
  readonly cols: number;
  /** Rows held since the last fill. */
  rows: number;
  /** maxRows + 1 offsets. */
  readonly start: Int32Array;
  /** Room for this many entries; toSparse and sparseFromBytes also need 16 of slack beyond the last. */
  readonly capacity: number;
  readonly index: Int32Array;
  readonly value: Float32Array;
}

/**
 * Rows kept in groups of GROUP_ROWS (row-groups.ts), each group as the union of its rows'
 * non-zero columns: entry e of a group is one of those columns, word[7e], with the group's
 * GROUP_ROWS values in it, value[7e + 1 + r] for row r of the group (0 where that row has none,
 * and for the rows past `rows` in a short last group). Columns increase within a group. Group i's
 * entries are e in [start[i], start[i + 1]); `word` and `value` view the same memory. Made by
 * `allocGroups`, filled by `fillRowGroups` (row-groups.ts) — the kernels trust its columns.
 * An evaluation set of images, grouped by similar strokes, multiplies through a dense
 * micro-kernel with every W load serving GROUP_ROWS rows (docs/ARCHITECTURE.md, "Row groups").
 */
export interface RowGroups {
  /** The most groups it can hold, and its number of columns. */
  readonly maxGroups: number;
  readonly cols: number;
  /** Rows held (ceil(rows / GROUP_ROWS) groups). */
  rows: number;
  /** maxGroups + 1 offsets. */
  readonly start: Int32Array;
  /** Room for this many entries (7 words each). */
  readonly capacity: number;
  readonly word: Int32Array;
  readonly value: Float32Array;
}

/**
 * One batch-norm layer's per-feature state in a kernel context (the book's BatchNormalization):
 * gamma, beta and their gradients (float32 params), the running statistics and four columns of
 * float64 work — the forward's std in work[0, cols), kept for the backward, then scratch.
 */
export interface BatchNormState {
  readonly cols: number;
  readonly eps: number;
  readonly momentum: number;
  readonly gamma: Float32Array;
  readonly beta: Float32Array;
  readonly gammaGrad: Float32Array;
  readonly betaGrad: Float32Array;
  readonly runningMean: Float64Array;
  readonly runningVar: Float64Array;
  /** 4·cols floats. */
  readonly work: Float64Array;
}

export interface Kernels {
  readonly kind: KernelKind;

  /** A zero-filled Float32Array of `length` floats inside this context's memory, 16-byte aligned. */
  alloc(length: number): Float32Array;

  /**
   * Forgets every allocation so that the memory is used again from the start (a worker trains run
   * after run in one context instead of leaving a memory per network to the garbage collector).
   * Arrays allocated before must not be used afterwards.
   */
  reset(): void;

  /** Bytes handed out by `alloc` (and kernel scratch) since the last reset: what a run needs of this context's memory. */
  allocatedBytes(): number;

  /**
   * C (m×n) = op(A) · op(B), or C += op(A) · op(B) when `accumulate`.
   * op(A) is m×k: A is stored m×k, or k×m when `transA`. op(B) is k×n: B is k×n, or n×k when `transB`.
   */
  gemm(
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    transA: boolean,
    b: Float32Array,
    transB: boolean,
    c: Float32Array,
    accumulate: boolean,
  ): void;

  /**
   * Room for a sparse matrix of up to `maxRows` rows of `cols` columns in this context's memory,
   * with `capacity` entries (default: every element of a maxRows×cols matrix, and the slack).
   */
  allocSparse(maxRows: number, cols: number, capacity?: number): SparseRows;

  /**
   * s = the non-zero entries of x (rows×cols, dense; rows <= s.maxRows, cols = s.cols). Returns
   * their count, or -1 when they do not fit s.capacity with 16 entries of slack (s then holds no
   * rows): a capacity below rows × cols is a density limit, above which a caller takes the dense path.
   */
  toSparse(rows: number, x: Float32Array, s: SparseRows): number;

  /**
   * s = the non-zero entries of a rows×cols matrix of bytes, with values byte / 255 in float32:
   * toSparse of unitFromBytes's floats, without making them. Returns their count, or -1 as toSparse.
   */
  sparseFromBytes(rows: number, bytes: Uint8Array, s: SparseRows): number;

  /** t = sᵀ (t.maxRows >= s.cols, t.cols = s.maxRows): t holds s.cols rows. */
  transposeSparse(s: SparseRows, t: SparseRows): void;

  /**
   * C (s.rows×n) = S · B, or C += S · B when `accumulate`; B is dense s.cols×n. Every element is
   * one multiply-add chain over its row's entries in index order: where the dense GEMM runs the
   * same chain over every p (its 8-column panels), the two agree bit for bit.
   */
  sparseGemm(n: number, s: SparseRows, b: Float32Array, c: Float32Array, accumulate: boolean): void;

  /** Room for up to `maxGroups` row groups of `cols` columns with `capacity` entries in this context's memory. */
  allocGroups(maxGroups: number, cols: number, capacity: number): RowGroups;

  /**
   * C (g.rows×n) = G · B, B dense g.cols×n, C's rows in the groups' order. Every element is one
   * multiply-add chain over its group's columns in increasing order: the row's own non-zero
   * entries, as in sparseGemm, with a 0·B term between them for each column only its neighbours
   * have — which leaves the sum unchanged while B is finite (a non-finite weight reaches the whole
   * group, as in the dense GEMM).
   */
  groupedGemm(n: number, g: RowGroups, b: Float32Array, c: Float32Array): void;

  /** A zero-filled Float64Array of `length` inside this context's memory (batch norm's statistics). */
  allocF64(length: number): Float64Array;

  /**
   * Batch norm in training over x (rows×cols), the book's forward with float64 statistics: mu and
   * the biased var over the rows, xc = x − mu, std = √(var + eps) (kept in s.work), xn = xc / std,
   * y = gamma·xn + beta; running = momentum·running + (1 − momentum)·batch. Every kernel computes
   * it operation for operation alike, so its results are the same bit for bit.
   */
  batchNormForward(rows: number, x: Float32Array, s: BatchNormState, xc: Float32Array, xn: Float32Array, y: Float32Array): void;

  /** Its backward from that forward's xc, xn and std: s.gammaGrad, s.betaGrad and dx. */
  batchNormBackward(rows: number, dout: Float32Array, s: BatchNormState, xc: Float32Array, xn: Float32Array, dx: Float32Array): void;

  /** Batch norm in inference: y = gamma·(x − runningMean) / √(runningVar + eps) + beta. */
  batchNormInference(rows: number, x: Float32Array, s: BatchNormState, y: Float32Array): void;

  /** A zero-filled Uint8Array of `length` bytes inside this context's memory (MNIST pixels on their way in). */
  allocBytes(length: number): Uint8Array;

  /** out[i] = bytes[i] / 255 as float32: numpy's x.astype(np.float32) / 255 (the book's normalize=True). */
  unitFromBytes(n: number, bytes: Uint8Array, out: Float32Array): void;

  /** Σ x[i]² over n floats, summed in float64 (the weight-decay term). */
  sumSquares(n: number, x: Float32Array): number;

  /** x (rows×cols) += bias (cols) on every row; then x = max(0, x) when `relu`. In place. */
  addBias(rows: number, cols: number, x: Float32Array, bias: Float32Array, relu: boolean): void;

  /** dx[i] = y[i] > 0 ? dout[i] : 0 (ReLU backward from its output). dx may alias dout. */
  reluBackward(n: number, dout: Float32Array, y: Float32Array, dx: Float32Array): void;

  /** out[i] = a[i] * b[i]. out may alias a or b (dropout masks). */
  mul(n: number, a: Float32Array, b: Float32Array, out: Float32Array): void;

  /** out[i] = x[i] * s; out defaults to x (in place). */
  scale(n: number, x: Float32Array, s: number, out?: Float32Array): void;

  /** y[i] += alpha * x[i] (weight decay: dW += λ·W). */
  axpy(n: number, alpha: number, x: Float32Array, y: Float32Array): void;

  /** out[j] = Σ_i x[i, j] over the rows of x (rows×cols): bias gradients. */
  colSums(rows: number, cols: number, x: Float32Array, out: Float32Array): void;

  /** Row-wise softmax of x (rows×cols) into y, after subtracting each row's max. y may alias x. */
  softmax(rows: number, cols: number, x: Float32Array, y: Float32Array): void;

  // Optimizer updates, the book's formulas (docs/EXPERIMENTS.md), element-wise over n parameters.
  /** p -= lr·g */
  sgd(n: number, p: Float32Array, g: Float32Array, lr: number): void;
  /** v = m·v - lr·g; p += v */
  momentum(n: number, p: Float32Array, g: Float32Array, v: Float32Array, lr: number, m: number): void;
  /** p += m·m·v; p -= (1+m)·lr·g; v = m·v - lr·g */
  nesterov(n: number, p: Float32Array, g: Float32Array, v: Float32Array, lr: number, m: number): void;
  /** h += g·g; p -= lr·g/(sqrt(h)+1e-7) */
  adagrad(n: number, p: Float32Array, g: Float32Array, h: Float32Array, lr: number): void;
  /** h = d·h + (1-d)·g·g; p -= lr·g/(sqrt(h)+1e-7) */
  rmsprop(n: number, p: Float32Array, g: Float32Array, h: Float32Array, lr: number, decay: number): void;
  /** m += (1-β1)(g-m); v += (1-β2)(g²-v); p -= lrT·m/(sqrt(v)+eps). lrT is computed by the caller. */
  adam(
    n: number,
    p: Float32Array,
    g: Float32Array,
    m: Float32Array,
    v: Float32Array,
    lrT: number,
    beta1: number,
    beta2: number,
    eps: number,
  ): void;
}
