import { describe, it, expect } from 'vitest';
import { loadMnist } from '../data/mnist.ts';
import { MultiLayerNet } from '../engine/multi-layer-net.ts';
import { accuracyOn, EvalSet, firstN } from './training.ts';

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
