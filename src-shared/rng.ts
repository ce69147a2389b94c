// Seeded randomness: xoshiro128** (Blackman & Vigna) on 32-bit integer math, seeded through
// splitmix64. One job seed gives independent named streams (init, batch, dropout, search), so a run
// replays bit for bit and networks that are compared can share their minibatches, as the book's do.

const MASK64 = (1n << 64n) - 1n;
const GOLDEN64 = 0x9e3779b97f4a7c15n;
const TWO_POW_M24 = 1 / 16777216; // 2^-24
const TWO_POW_M53 = 1 / 9007199254740992; // 2^-53

/** The streams every job draws from. */
export interface RngStreams {
  /** Initial weights. */
  init: Rng;
  /** Minibatch indices (`np.random.choice(train_size, batch_size)`). */
  batch: Rng;
  /** Dropout masks. */
  dropout: Rng;
  /** Hyperparameter search draws and dataset shuffles. */
  search: Rng;
}

export type RngState = [number, number, number, number];

/** Anything indexable and writable: plain arrays and typed arrays. */
export interface MutableArrayLike<E> {
  readonly length: number;
  [index: number]: E;
}

/** splitmix64 step: advances `state` and returns [newState, output]. */
function splitmix64(state: bigint): [bigint, bigint] {
  const next = (state + GOLDEN64) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [next, z ^ (z >> 31n)];
}

/** FNV-1a, 64-bit, over the UTF-16 code units of a stream name. */
function hashName(name: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < name.length; i++) {
    h ^= BigInt(name.charCodeAt(i));
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`rng seed must be a safe integer, got ${seed}`);
  }
}

export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** The second value of the last Box–Muller pair, or NaN when there is none. */
  private spare = Number.NaN;

  /** A generator for `seed` (any safe integer, negative ones included) and an optional stream name. */
  constructor(seed: number, stream = '') {
    checkSeed(seed);
    // Mix the seed once, then the stream name, so nearby seeds and names give unrelated states.
    const [, mixedSeed] = splitmix64(BigInt.asUintN(64, BigInt(seed)));
    const [afterA, a] = splitmix64(mixedSeed ^ hashName(stream));
    const [, b] = splitmix64(afterA);
    this.s0 = Number(a & 0xffffffffn) | 0;
    this.s1 = Number(a >> 32n) | 0;
    this.s2 = Number(b & 0xffffffffn) | 0;
    this.s3 = Number(b >> 32n) | 0;
    // xoshiro must not start from the all-zero state (2^-128 odds, but cheap to rule out).
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    // result = rotl(s1 * 5, 7) * 9
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /**
   * A uniform float in [0, 1) with 24 random bits: every value is exactly representable in float32,
   * so storing it in a Float32Array never rounds it up to 1.
   */
  nextFloat(): number {
    return (this.nextUint32() >>> 8) * TWO_POW_M24;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  nextDouble(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** A uniform double in [lo, hi) (e.g. the search's `10 ** uniform(-8, -4)`). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.nextDouble();
  }

  /** A uniform integer in [0, n), without modulo bias (rejection of the short last range). */
  nextInt(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
      throw new RangeError(`nextInt(n) needs an integer 1 <= n <= 2^32, got ${n}`);
    }
    // Values below `limit` would make some residues more likely than others: redraw them.
    const limit = (4294967296 - n) % n;
    for (;;) {
      const r = this.nextUint32();
      if (r >= limit) return r % n;
    }
  }

  /** A standard normal draw (Box–Muller on 53-bit uniforms; the pair's second value is kept). */
  normal(): number {
    const spare = this.spare;
    if (spare === spare) {
      this.spare = Number.NaN;
      return spare;
    }
    const u1 = 1 - this.nextDouble(); // (0, 1]: log(u1) is finite
    const u2 = this.nextDouble();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** out[i] = nextFloat() for i < n. */
  fillUniform(out: Float32Array, n = out.length): Float32Array {
    for (let i = 0; i < n; i++) out[i] = (this.nextUint32() >>> 8) * TWO_POW_M24;
    return out;
  }

  /**
   * out[i] = nextFloat() > threshold ? 1 : 0 for i < n — a dropout keep-mask, drawing exactly the
   * numbers `fillUniform` would. Hot (one draw per unit per step): the generator is inlined and the
   * comparison done branch-free on the 24-bit integer (u·2^-24 > r ⇔ u > floor(r·2^24)).
   */
  fillKeepMask(out: Float32Array, threshold: number, n = out.length): Float32Array {
    const limit = Math.floor(Math.min(Math.max(threshold, -1), 1) * 16777216);
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < n; i++) {
      const r = Math.imul(s1, 5);
      const u24 = Math.imul((r << 7) | (r >>> 25), 9) >>> 8;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      // 1 when u24 > limit: limit - u24 is negative exactly then, and both fit in 25 bits
      out[i] = (limit - u24) >>> 31;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /** out[i] = mean + std·normal() for i < n (`std * np.random.randn(...)`), rounded to float32 once. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, std = 1, mean = 0, n = out.length): T {
    for (let i = 0; i < n; i++) out[i] = mean + std * this.normal();
    return out;
  }

  /** out[i] = nextInt(n) for i < count: minibatch indices drawn with replacement. */
  fillInts<T extends Int32Array | Uint32Array>(out: T, n: number, count = out.length): T {
    for (let i = 0; i < count; i++) out[i] = this.nextInt(n);
    return out;
  }

  /** Shuffles `array` in place (Fisher–Yates, from the end). */
  shuffle<E>(array: MutableArrayLike<E>): void {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
  }

  /** A random permutation of 0..n-1 (`np.random.permutation(n)`). */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    this.shuffle(out);
    return out;
  }

  /** The generator's state, to checkpoint a run. (A pending Box–Muller spare is dropped.) */
  getState(): RngState {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** Restores a state from `getState()`. */
  setState(state: RngState): void {
    if ((state[0] | state[1] | state[2] | state[3]) === 0) throw new RangeError('all-zero xoshiro state');
    this.s0 = state[0] | 0;
    this.s1 = state[1] | 0;
    this.s2 = state[2] | 0;
    this.s3 = state[3] | 0;
    this.spare = Number.NaN;
  }

  /** An independent copy that continues from the same point. */
  clone(): Rng {
    const copy = new Rng(0);
    copy.s0 = this.s0;
    copy.s1 = this.s1;
    copy.s2 = this.s2;
    copy.s3 = this.s3;
    copy.spare = this.spare;
    return copy;
  }
}

/** A generator for the named stream `stream` of the job seed `seed`. */
export function deriveRng(seed: number, stream: string): Rng {
  return new Rng(seed, stream);
}

/** The four independent streams of one job seed. Same seed → same numbers, every run. */
export function streamsFromSeed(seed: number): RngStreams {
  return {
    init: deriveRng(seed, 'init'),
    batch: deriveRng(seed, 'batch'),
    dropout: deriveRng(seed, 'dropout'),
    search: deriveRng(seed, 'search'),
  };
}
