// What the inspector asks of trained networks, computed by the training engine itself: each
// network's predictions on the 10,000 test images (confusion matrix, mistakes with their top-3
// probabilities, most confident first) and every network's softmax for a drawn digit.
import { MNIST_CLASSES } from '../../src-shared/network.ts';
import { gatherRange } from '../data/mnist-batches.ts';
import type { MnistSet } from '../data/mnist-types.ts';
import type { MultiLayerNet } from '../engine/multi-layer-net.ts';
import { MISTAKES_SENT, type NetworkVerdict } from '../inspect-protocol.ts';

const C = MNIST_CLASSES;

/** Row-wise softmax of scores (rows×10) into `out`, after subtracting each row's max (as SoftmaxWithLoss). */
function softmaxRows(scores: Float32Array, rows: number, out: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    let max = -Infinity;
    for (let j = 0; j < C; j++) max = Math.max(max, scores[o + j]);
    let sum = 0;
    for (let j = 0; j < C; j++) sum += out[o + j] = Math.exp(scores[o + j] - max);
    for (let j = 0; j < C; j++) out[o + j] /= sum;
  }
}

/** The three most probable classes of one row: [c1, p1, c2, p2, c3, p3]. */
function top3(probs: Float32Array, o: number): number[] {
  const order = Array.from({ length: C }, (_, j) => j).sort((a, b) => probs[o + b] - probs[o + a] || a - b);
  return order.slice(0, 3).flatMap((c) => [c, probs[o + c]]);
}

/** One network on a whole labelled set, in inference mode (no dropout, BatchNorm's running statistics). */
export function verdictOn(net: MultiLayerNet, runId: number, set: MnistSet): NetworkVerdict {
  const chunk = net.evalChunkRows;
  const confusion = new Int32Array(C * C);
  const predicted = new Uint8Array(set.count);
  const probs = new Float32Array(chunk * C);
  const labels = new Int32Array(chunk);
  const wrong: { index: number; confidence: number; top: number[] }[] = [];
  for (let start = 0; start < set.count; start += chunk) {
    const rows = Math.min(chunk, set.count - start);
    const x = net.inputBuffer(rows);
    gatherRange(set, start, rows, x, labels);
    softmaxRows(net.predict(x, rows, false), rows, probs);
    for (let r = 0; r < rows; r++) {
      const o = r * C;
      let best = 0; // the first maximum wins, as np.argmax and the accuracy the runs record
      for (let j = 1; j < C; j++) if (probs[o + j] > probs[o + best]) best = j;
      const index = start + r;
      predicted[index] = best;
      confusion[labels[r] * C + best]++;
      if (best !== labels[r]) wrong.push({ index, confidence: probs[o + best], top: top3(probs, o) });
    }
  }
  wrong.sort((a, b) => b.confidence - a.confidence || a.index - b.index);
  const sent = wrong.slice(0, MISTAKES_SENT);
  return {
    runId,
    confusion,
    predicted,
    mistakes: Int32Array.from(sent, (m) => m.index),
    mistakeTop: Float32Array.from(sent.flatMap((m) => m.top)),
    mistakeCount: wrong.length,
  };
}

/** Every network's softmax for one 784-value input, 10 per network in order. */
export function predictAll(nets: readonly MultiLayerNet[], pixels: Float32Array): Float32Array {
  const out = new Float32Array(nets.length * C);
  const probs = new Float32Array(C);
  nets.forEach((net, n) => {
    const x = net.inputBuffer(1);
    x.set(pixels);
    softmaxRows(net.predict(x, 1, false), 1, probs);
    out.set(probs, n * C);
  });
  return out;
}
