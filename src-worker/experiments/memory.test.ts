// The memory estimate the specs refuse oversized networks with (src-shared/experiments/memory.ts),
// against what the engine really allocates in a worker's kernel memory for the same network:
// building it, training steps with its optimizer, and accuracy on a converted evaluation set.
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_LIST } from '../../src-shared/experiments/catalog.ts';
import { KERNEL_MEMORY_BYTES, networkBytes, type NetworkSize } from '../../src-shared/experiments/memory.ts';
import { specUnderTest } from '../../src-shared/experiments/spec-test-helpers.ts';
import { defaultsOf } from '../../src-shared/params/spec.ts';
import { streamsFromSeed } from '../../src-shared/rng.ts';
import { loadMnist } from '../data/mnist.ts';
import { createKernels } from '../engine/kernels/create-kernels.ts';
import { MultiLayerNet } from '../engine/multi-layer-net.ts';
import { createOptimizer } from '../engine/optimizers.ts';
import { BatchSampler, EvalSet, firstN } from './training.ts';

const mnist = loadMnist();

function allocated(size: NetworkSize, options: { batchnorm: boolean; dropout: boolean }): number {
  const kernels = createKernels();
  const net = new MultiLayerNet({
    inputSize: 784,
    outputSize: 10,
    hiddenSizes: [...size.hiddenSizes],
    activation: 'relu',
    weightInit: 'he',
    weightDecayLambda: 0,
    useBatchnorm: options.batchnorm,
    useDropout: options.dropout,
    dropoutRatio: 0.2,
    rngs: streamsFromSeed(1),
    kernels,
  });
  const optimizer = createOptimizer(size.optimizer, { lr: 0.01, kernels });
  const sampler = new BatchSampler(net, firstN(mnist.train, 60_000), size.batchSize, streamsFromSeed(2).batch);
  for (let i = 0; i < 2; i++) {
    sampler.next();
    net.gradient(sampler.input, sampler.t, size.batchSize);
    optimizer.step(net.params());
  }
  const evalSet = new EvalSet(net, firstN(mnist.test, size.evalSamples ?? 0));
  if (evalSet.count > 0) evalSet.accuracy(net);
  else net.accuracyOf(1000, () => {}); // the chunked pass accuracyOnSet makes
  return kernels.allocatedBytes();
}

describe('the memory estimate of a network', () => {
  it.each([
    { hiddenSizes: [100, 100, 100, 100], batchSize: 128, optimizer: 'Adam' },
    { hiddenSizes: [100, 100, 100, 100, 100, 100], batchSize: 100, optimizer: 'SGD', evalSamples: 10_000, batchnorm: true, dropout: true },
    { hiddenSizes: [500], batchSize: 2000, optimizer: 'Adam', evalSamples: 1000 },
    { hiddenSizes: [1000, 1000], batchSize: 500, optimizer: 'Momentum', evalSamples: 300, dropout: true },
    { hiddenSizes: [20, 4000, 20], batchSize: 64, optimizer: 'RMSprop', batchnorm: true },
  ] as const)('covers what the engine allocates, erring high by less than half: %j', (size) => {
    const real = allocated(size as NetworkSize, { batchnorm: 'batchnorm' in size, dropout: 'dropout' in size });
    const estimate = networkBytes(size as NetworkSize);
    expect(estimate).toBeGreaterThanOrEqual(real);
    expect(estimate).toBeLessThan(1.5 * real);
  });

  it('lets every experiment run at the book’s defaults, and refuses hiddenSizes 4096×20 at batch 60,000 naming the memory', () => {
    for (const spec of EXPERIMENT_LIST) {
      expect(spec.check?.(defaultsOf(spec.params)) ?? [], spec.id).toEqual([]);
    }
    const { problemsOf } = specUnderTest('overfit-weight-decay');
    const [problem] = problemsOf({ hiddenSizes: Array(20).fill(4096), batchSize: 300 });
    expect(problem).toMatchObject({ field: 'hiddenSizes', code: 'too-much-memory', params: { limit: KERNEL_MEMORY_BYTES / 2 ** 20 } });
    expect(problem.params.need).toBeGreaterThan(1024);
    const big = specUnderTest('optimizer-compare').problemsOf({ hiddenSizes: Array(20).fill(4096), batchSize: 60_000 });
    expect(big.map((p) => p.code)).toEqual(['too-much-memory']);
  });
});
