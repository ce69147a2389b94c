import { describe, it, expect } from 'vitest';
import { loadMnist } from '../data/mnist.ts';
import { MultiLayerNet } from '../engine/multi-layer-net.ts';
import { runOne } from './run-harness.ts';
import { accuracyOn, EvalSet, explodedAt, firstN } from './training.ts';

describe('accuracy measured every epoch', () => {
  it('gives exactly the accuracy of the network’s own chunked evaluation, from float samples cached once', () => {
    const mnist = loadMnist();
    const net = new MultiLayerNet({ inputSize: 784, hiddenSizes: [30], outputSize: 10, seed: 5, evalChunkRows: 300 });
    const samples = firstN(mnist.test, 1234); // not a multiple of the chunk size
    const cached = new EvalSet(net, samples);
    expect(cached.accuracy(net)).toBe(accuracyOn(net, samples));
    expect(cached.accuracy(net)).toBeGreaterThan(0); // an untrained net still gets some right
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
