import { describe, it, expect } from 'vitest';
import { loadMnist } from '../data/mnist.ts';
import { MultiLayerNet } from '../engine/multi-layer-net.ts';
import { runOne } from './run-harness.ts';
import { accuracyOn, BatchSampler, EvalSet, explodedAt, firstN } from './training.ts';
import { Rng } from '../../src-shared/rng.ts';
import type { MnistSet } from '../data/mnist-types.ts';

describe('accuracy measured every epoch', () => {
  it('gives exactly the accuracy of the network’s own chunked evaluation, from float samples cached once', () => {
    const mnist = loadMnist();
    const net = new MultiLayerNet({ inputSize: 784, hiddenSizes: [30], outputSize: 10, seed: 5, evalChunkRows: 300 });
    const samples = firstN(mnist.test, 1234); // not a multiple of the chunk size
    const cached = new EvalSet(net, samples);
    expect(cached.accuracy(net)).toBe(accuracyOn(net, samples));
    expect(cached.accuracy(net)).toBeGreaterThan(0); // an untrained net still gets some right
  });

  it('counts the same answers measured in shares of equal work, by copies with other chunk sizes, as measured whole', () => {
    const mnist = loadMnist();
    const net = new MultiLayerNet({ inputSize: 784, hiddenSizes: [50, 20], outputSize: 10, seed: 9, evalChunkRows: 300 });
    const copy = MultiLayerNet.fromSnapshot(net.snapshot(), { evalChunkRows: 1000 });
    const set = new EvalSet(net, firstN(mnist.test, 10_000));
    const copySet = new EvalSet(copy, firstN(mnist.test, 10_000));
    const whole = set.correctIn(net, 0, set.groupCount);
    expect(whole).toBeGreaterThan(500); // a random network's answers vary: shares mixed up would not add up
    for (const parts of [2, 3, 7]) {
      const shares = set.split(Array.from({ length: parts }, () => 1 / parts));
      expect(shares[0].first).toBe(0);
      shares.forEach((s, i) => expect(s.first + s.groups).toBe(i + 1 < parts ? shares[i + 1].first : set.groupCount));
      const counts = shares.map((s, i) =>
        i % 2 === 0 ? set.correctIn(net, s.first, s.groups) : copySet.correctIn(copy, s.first, s.groups),
      );
      expect(counts.reduce((a, b) => a + b)).toBe(whole);
    }
    // The groups go from few pixels to many: the lighter first half of the work holds more groups.
    const [first, second] = set.split([0.5, 0.5]);
    expect(first.groups).toBeGreaterThan(second.groups);
  });
});

describe('shares of an evaluation set that drift from epoch to epoch', () => {
  it('are forwarded in a few row counts, so the network’s buffers stop growing', () => {
    const mnist = loadMnist();
    const net = new MultiLayerNet({ inputSize: 784, hiddenSizes: [50], outputSize: 10, seed: 2 });
    const set = new EvalSet(net, firstN(mnist.test, 10_000));
    const top = () => net.kernels.alloc(1).byteOffset; // the bump allocator's next free byte
    const measureShares = (fractions: number[]) => set.split(fractions).forEach((s) => set.correctIn(net, s.first, s.groups));
    for (let i = 0; i <= 40; i++) measureShares([0.3 + i / 200, 0.7 - i / 200]);
    const grown = top();
    for (let i = 0; i <= 40; i++) measureShares([0.3 + i / 200 + 1 / 400, 0.7 - i / 200 - 1 / 400]);
    expect(top() - grown).toBeLessThanOrEqual(64); // nothing new but the first probe
  });
});

describe('minibatches', () => {
  /** A set of `count` images whose every pixel has `byte`. */
  const flatSet = (count: number, byte: number): MnistSet => ({
    images: new Uint8Array(count * 784).fill(byte),
    labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
    count,
    rows: 28,
    cols: 28,
  });

  /** The first losses of SGD on `set`, the first layer sparse or dense. */
  function losses(set: MnistSet, sparseInput: boolean): { losses: number[]; sparseBatches: boolean } {
    const net = new MultiLayerNet({ inputSize: 784, hiddenSizes: [16], outputSize: 10, seed: 2, sparseInput });
    const sampler = new BatchSampler(net, firstN(set, set.count), 32, new Rng(4));
    const out: number[] = [];
    let sparseBatches = true;
    for (let i = 0; i < 4; i++) {
      sampler.next();
      sparseBatches &&= !(sampler.input instanceof Float32Array);
      out.push(net.gradient(sampler.input, sampler.t, 32));
    }
    return { losses: out, sparseBatches };
  }

  it('reach the sparse first layer as their non-zero pixels, and a batch denser than its limit as floats, with the dense results', () => {
    const mnist = loadMnist();
    const real = losses(firstN(mnist.train, 500).set, true);
    expect(real.sparseBatches).toBe(true);
    const dense = losses(flatSet(64, 200), true);
    expect(dense.sparseBatches).toBe(false); // every pixel non-zero: over SPARSE_MAX_DENSITY
    expect(dense.losses).toEqual(losses(flatSet(64, 200), false).losses);
  });
});

describe('a loss that explodes but stays finite', () => {
  const constant = (n: number, value: number) => new Float32Array(n).fill(value);

  it('marks a run diverged when its cross-entropy ends above twice uniform guessing at chance accuracy, from where it stayed up', () => {
    const ce = new Float32Array(200);
    for (let i = 0; i < 200; i++) ce[i] = i < 37 ? 2.3 - i / 100 : 13;
    expect(explodedAt(ce, constant(200, 0.1), 10)).toEqual({ code: 'diverged', iteration: 38, loss: 13 });
  });

  it('leaves alone a net that only fails to learn (ln 10, the std = 0.01 lesson), one that recovers, one that learns while its loss is high, and short runs', () => {
    expect(explodedAt(constant(2000, Math.log(10)), constant(2000, 0.1), 10)).toBeNull();
    const recovers = new Float32Array(300);
    for (let i = 0; i < 300; i++) recovers[i] = i < 150 ? 14 : 0.5;
    expect(explodedAt(recovers, constant(300, 0.9), 10)).toBeNull();
    expect(explodedAt(constant(300, 9), constant(300, 0.45), 10)).toBeNull();
    expect(explodedAt(constant(99, 15), constant(99, 0), 10)).toBeNull();
  });

  it('catches Adam at lr 100 on the book’s network, whose loss settles near 13 without ever being NaN', () => {
    const { outcome } = runOne('optimizer-compare', { optimizers: ['Adam'], lrAdam: 100, iterations: 300 }, 1, 0);
    expect(outcome.status).toBe('diverged');
    expect(outcome.problem).toMatchObject({ code: 'diverged' });
    const problem = outcome.problem as { loss: number; iteration: number };
    expect(problem.loss).toBeGreaterThan(2 * Math.log(10));
    expect(problem.iteration).toBeLessThan(300);
  });
});
