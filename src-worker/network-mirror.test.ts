import { describe, expect, it } from 'vitest';
import { MultiLayerNet } from './engine/multi-layer-net.ts';
import { mirrorLayout, readMirror, writeMirror } from './network-mirror.ts';

describe('a network mirrored in shared memory', () => {
  it('gives a copy every parameter and the float64 running statistics bit for bit', () => {
    const config = { inputSize: 784, hiddenSizes: [30, 20], outputSize: 10, useBatchnorm: true } as const;
    const net = new MultiLayerNet({ ...config, seed: 3 });
    // Running statistics that float32 could not hold (a snapshot would round them).
    net.batchNorms.forEach((bn, i) => {
      bn.runningMean.forEach((_, j) => (bn.runningMean[j] = 0.1 + j / 3 + i));
      bn.runningVar.forEach((_, j) => (bn.runningVar[j] = 1 / (7 + j)));
    });
    const layout = mirrorLayout(net.snapshot().config);
    const buffer = new SharedArrayBuffer(layout.bytes);
    writeMirror(layout, net.tensorViews(), buffer);
    const copy = new MultiLayerNet({ ...config, seed: 4 });
    readMirror(layout, buffer, copy.tensorViews());
    const original = net.tensorViews();
    const copied = copy.tensorViews();
    expect([...copied.keys()].sort()).toEqual([...original.keys()].sort());
    for (const [name, values] of original) expect(copied.get(name), name).toEqual(values);
    expect(copy.batchNorms[0].runningVar[1]).toBe(1 / 8);
    // 2 × (30 + 20) float64 statistics, then W, b, gamma, beta as float32.
    const params = 784 * 30 + 30 + 2 * 30 + 30 * 20 + 20 + 2 * 20 + 20 * 10 + 10;
    expect(layout.bytes).toBe(8 * 2 * 50 + 4 * params);
  });

  it('refuses a network of another architecture', () => {
    const net = new MultiLayerNet({ inputSize: 784, hiddenSizes: [30], outputSize: 10, seed: 3 });
    const other = new MultiLayerNet({ inputSize: 784, hiddenSizes: [31], outputSize: 10, seed: 3 });
    const layout = mirrorLayout(net.snapshot().config);
    const buffer = new SharedArrayBuffer(layout.bytes);
    expect(() => readMirror(layout, buffer, other.tensorViews())).toThrow(/no 23520 float32 values for W1/);
  });
});
