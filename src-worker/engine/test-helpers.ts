// Test-only helpers of the engine's tests.
import type { Labels } from './layers/softmax-with-loss.ts';
import type { MultiLayerNet } from './multi-layer-net.ts';
import type { Optimizer } from './optimizers.ts';

/**
 * One iteration as the experiments' training loop does it (src-worker/experiments/training.ts):
 * grads = network.gradient(x, t); optimizer.update(network.params, grads). Returns the loss of the
 * forward pass that produced the gradients.
 */
export function trainStep(net: MultiLayerNet, optimizer: Optimizer, x: Float32Array, t: Labels, rows: number): number {
  if (optimizer.kernels !== net.kernels) {
    throw new Error("the optimizer must run on the network's kernels: createOptimizer(name, { ...options, kernels: net.kernels })");
  }
  const loss = net.gradient(x, t, rows);
  optimizer.step(net.params());
  return loss;
}

/** A small seeded source of uniform numbers in [0, 1) (mulberry32), for the kernel tests' random inputs. */
export function uniformSource(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
