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
