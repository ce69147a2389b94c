// What the X-ray costs (src-shared/xray.ts): the chapter's X-rayed networks trained through the
// experiments' own trainLoop with and without the sampler, interleaved and repeated so that a busy
// neighbour on a shared machine hits both alike; medians. Prints, per network, the time of one
// step, the cost of one sample, the overhead at K = XRAY_EVERY and the smallest K that stays
// within 5 %. Standalone: `node --experimental-strip-types src-worker/bench/xray-bench.ts`;
// `npm run bench` includes its table.
import { loadMnist, type Mnist } from '../data/mnist.ts';
import { threadKernels } from '../engine/kernels/create-kernels.ts';
import { MultiLayerNet, type Activation } from '../engine/multi-layer-net.ts';
import { createOptimizer } from '../engine/optimizers.ts';
import { deriveRng } from '../../src-shared/rng.ts';
import { XRAY_EVERY } from '../../src-shared/xray.ts';
import type { RunContext } from '../experiments/runner.ts';
import { BatchSampler, firstN, trainLoop } from '../experiments/training.ts';
import { XraySampler } from '../experiments/xray-sampler.ts';

export interface XrayBenchCase {
  name: string;
  hiddenSizes: number[];
  batchSize: number;
  activation?: Activation;
  useBatchnorm?: boolean;
  useDropout?: boolean;
  trainSize: number;
}

/** The X-rayed experiments' networks at the book's defaults. */
export const XRAY_CASES: XrayBenchCase[] = [
  { name: 'optimizer/weight-init 784-100×4-10, batch 128', hiddenSizes: [100, 100, 100, 100], batchSize: 128, trainSize: 60_000 },
  { name: 'weight-init, sigmoid', hiddenSizes: [100, 100, 100, 100], batchSize: 128, trainSize: 60_000, activation: 'sigmoid' },
  {
    name: 'batch norm 784-100×5-10 (BN), batch 100',
    hiddenSizes: [100, 100, 100, 100, 100],
    batchSize: 100,
    trainSize: 1000,
    useBatchnorm: true,
  },
  { name: 'overfitting 784-100×6-10, batch 100', hiddenSizes: [100, 100, 100, 100, 100, 100], batchSize: 100, trainSize: 300 },
  {
    name: 'dropout 784-100×6-10 (0.2), batch 100',
    hiddenSizes: [100, 100, 100, 100, 100, 100],
    batchSize: 100,
    trainSize: 300,
    useDropout: true,
  },
];

export interface XrayBenchRow {
  name: string;
  stepMs: number;
  sampleMs: number;
  /** Overhead of the X-ray at K = XRAY_EVERY, in % of training time. */
  overheadPct: number;
  /** Smallest K with overhead ≤ 5 %. */
  kFor5Pct: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const quietContext = (): RunContext => ({
  params: {},
  seed: 1,
  runIndex: 0,
  run: { label: 'bench', params: {} },
  mnist: null,
  emit() {},
  setCurve() {},
  advance() {},
  cancelled: () => false,
});

/** Milliseconds of `iterations` steps of the case, with the sampler every `every` iterations or without it. */
function timeTraining(mnist: Mnist, c: XrayBenchCase, iterations: number, every: number | null): number {
  const kernels = threadKernels();
  kernels.reset();
  const net = new MultiLayerNet({
    inputSize: 784,
    outputSize: 10,
    hiddenSizes: c.hiddenSizes,
    activation: c.activation ?? 'relu',
    weightInit: c.activation === 'sigmoid' ? 'xavier' : 'he',
    useBatchnorm: c.useBatchnorm,
    useDropout: c.useDropout,
    dropoutRatio: 0.2,
    seed: 1,
    kernels,
  });
  const sampler = new BatchSampler(net, firstN(mnist.train, c.trainSize), c.batchSize, deriveRng(1, 'batch'));
  const optimizer = createOptimizer('SGD', { lr: 0.01, kernels });
  const xray = every === null ? undefined : new XraySampler(net, iterations, () => {}, every);
  const t0 = performance.now();
  trainLoop(quietContext(), { net, optimizer, sampler, iterations, recordLoss: true, xray });
  return performance.now() - t0;
}

export function benchXray(mnist: Mnist, options: { iterations?: number; reps?: number } = {}): XrayBenchRow[] {
  const iterations = options.iterations ?? 300;
  const reps = options.reps ?? 15;
  return XRAY_CASES.map((c) => {
    timeTraining(mnist, c, 50, 1); // warm-up: V8 tiers both paths up
    const steps: number[] = [];
    const samples: number[] = [];
    const overheads: number[] = [];
    for (let r = 0; r < reps; r++) {
      // Back to back, so that a busy neighbour on a shared machine slows all three alike: the ratios
      // of a repetition are compared, and their medians kept.
      const plain = timeTraining(mnist, c, iterations, null);
      const everyK = timeTraining(mnist, c, iterations, XRAY_EVERY);
      const every1 = timeTraining(mnist, c, iterations, 1);
      steps.push(plain / iterations);
      samples.push(Math.max(0, (every1 - plain) / iterations)); // every step sampled: the cost of one sample
      overheads.push(((everyK - plain) / plain) * 100);
    }
    const stepMs = median(steps);
    const sampleMs = median(samples);
    return { name: c.name, stepMs, sampleMs, overheadPct: median(overheads), kFor5Pct: Math.max(1, Math.ceil(sampleMs / (0.05 * stepMs))) };
  });
}

export function xrayTable(rows: XrayBenchRow[]): string {
  const lines = [`X-ray overhead (K = ${XRAY_EVERY}; medians of back-to-back runs with and without it)`];
  lines.push('  network                                        step ms  sample ms  overhead @K  K for ≤5 %');
  for (const r of rows) {
    lines.push(
      `  ${r.name.padEnd(46)} ${r.stepMs.toFixed(3).padStart(7)}  ${r.sampleMs.toFixed(3).padStart(9)}  ${`${r.overheadPct.toFixed(1)} %`.padStart(11)}  ${String(r.kFor5Pct).padStart(10)}`,
    );
  }
  return lines.join('\n');
}

if (import.meta.main) {
  const mnist = loadMnist();
  const json = process.argv.includes('--json');
  const rows = benchXray(mnist);
  console.log(json ? JSON.stringify(rows) : xrayTable(rows));
}
