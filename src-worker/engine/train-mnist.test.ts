// End to end on real MNIST: the engine learns, and a seeded run replays bit for bit.
import { describe, expect, it } from 'vitest';
import { firstSamples, gatherBatch, gatherRange, loadMnist, type MnistSet } from '../data/mnist.ts';
import { createKernels } from './kernels/create-kernels.ts';
import type { Kernels } from './kernels/kernels.ts';
import { MultiLayerNet } from './multi-layer-net.ts';
import { createOptimizer } from './optimizers.ts';
import { streamsFromSeed } from '../../src-shared/rng.ts';
import { trainStep } from './test-helpers.ts';

interface Run {
  losses: number[];
  accuracies: number[];
}

/** 784-50-10, Adam, batch 100 drawn with replacement from the batch stream, 10 iterations per epoch. */
function train(set: MnistSet, seed: number, epochs: number, kernels?: Kernels): Run {
  const streams = streamsFromSeed(seed);
  const net = new MultiLayerNet({ inputSize: 784, hiddenSizes: [50], outputSize: 10, rngs: streams, kernels });
  const optimizer = createOptimizer('Adam', { kernels: net.kernels });
  const batchSize = 100;
  const iterationsPerEpoch = set.count / batchSize;
  const x = net.inputBuffer(batchSize);
  const t = net.labelBuffer(batchSize);
  const indices = new Int32Array(batchSize);
  const losses: number[] = [];
  const accuracies: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < iterationsPerEpoch; i++) {
      // batch_mask = np.random.choice(train_size, batch_size)
      streams.batch.fillInts(indices, set.count);
      gatherBatch(set, indices, x, t);
      losses.push(trainStep(net, optimizer, x, t, batchSize));
    }
    accuracies.push(net.accuracyOf(set.count, (start, rows, xChunk, tChunk) => gatherRange(set, start, rows, xChunk, tChunk)));
  }
  return { losses, accuracies };
}

describe('training on MNIST', () => {
  const train1000 = firstSamples(loadMnist().train, 1000);

  it('a 784-50-10 net with Adam passes 85% training accuracy on 1000 images within 5 epochs', () => {
    const run = train(train1000, 1, 5);
    expect(run.losses.length).toBe(50);
    expect(run.losses[0]).toBeGreaterThan(1.5); // about ln 10 at the start
    expect(Math.max(...run.accuracies)).toBeGreaterThan(0.85);
  });

  it('replays the same loss curve, bit for bit, from the same seed', () => {
    const a = train(train1000, 7, 2);
    const b = train(train1000, 7, 2);
    expect(b.losses).toEqual(a.losses);
    expect(b.accuracies).toEqual(a.accuracies);
    expect(train(train1000, 8, 1).losses).not.toEqual(a.losses.slice(0, 10));
  });

  it('trains the same on the TS reference kernels as on the default (fastest) ones', () => {
    const reference = train(train1000, 3, 1, createKernels('ts'));
    const fast = train(train1000, 3, 1, createKernels());
    // Summation order differs between kernels, so float32 rounding does; the curves must agree closely.
    fast.losses.forEach((loss, i) => expect(Math.abs(loss - reference.losses[i]), `iteration ${i}`).toBeLessThan(1e-4));
    expect(Math.abs(fast.accuracies[0] - reference.accuracies[0])).toBeLessThanOrEqual(0.002);
  });
});
