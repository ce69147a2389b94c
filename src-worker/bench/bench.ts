// `npm run bench` — speed and memory of the training engine on one thread, as medians, with the
// same workloads measured in the same run on the plain TypeScript kernels and on the book's numpy
// code (when python3 with numpy is available) as references.
//   W1   one training step of 784-100-100-100-100-10, ReLU, He, softmax cross-entropy, batch 128, SGD
//        (drawing the minibatch included, as in the book's loop)
//   W2   forward pass of that net over the 10,000 test images (the per-epoch test accuracy, on
//        images converted to float once per run, as the experiments do)
//   W3   one training step of 784-100×6-10, batch 100
//   W1/W2/W3 again with the first layer's dense GEMM (sparseInput off): the kernels' own speed,
//        against the multiply-add ceiling, without the sparse first layer's savings
//   gemm GFLOP/s of each GEMM of the W1 step
//   xray the X-ray's cost on the chapter's X-rayed networks (xray-bench.ts): what K = XRAY_EVERY costs
// `npm run bench -- --json` prints one JSON object on stdout; otherwise a table.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { defaultMnistDir, loadMnist, MNIST_FILES, type Mnist } from '../data/mnist.ts';
import { createKernels, defaultKernelKind } from '../engine/kernels/create-kernels.ts';
import type { KernelKind } from '../engine/kernels/kernels.ts';
import { MultiLayerNet } from '../engine/multi-layer-net.ts';
import { createOptimizer } from '../engine/optimizers.ts';
import { deriveRng } from '../../src-shared/rng.ts';
import { gatherBatch, nonZeroPixels } from '../data/mnist-batches.ts';
import { BatchSampler, EvalSet, firstN } from '../experiments/training.ts';
import { GROUP_ROWS, planRowGroups } from '../engine/kernels/row-groups.ts';
import { benchGemm } from './gemm-bench.ts';
import { benchXray, xrayTable, type XrayBenchRow } from './xray-bench.ts';

interface Timing {
  medianMs: number;
}

export interface BenchResult {
  kernel: KernelKind;
  W1: Timing;
  W2: Timing;
  W3: Timing;
  /** The same workloads with the first layer's dense GEMM (no sparse inputs). */
  denseFirstLayer: { W1: Timing; W2: Timing; W3: Timing };
  /** Share of non-zero pixels: what the sparse first layer multiplies (train: all 60,000 images; test: the 10,000). */
  /** Non-zero pixels of each set; `testGrouped`: the share of the test set's pixels its row groups multiply (W2 runs over those). */
  density: { train: number; test: number; testGrouped: number };
  gemm: Record<string, { gflops: number }>;
  reference: {
    ts: { W1: Timing; W2: Timing; W3: Timing };
    numpy: { version: string; W1: Timing; W2: Timing; W3: Timing } | null;
  };
  /** reference time / our time: above 1 means we are faster. */
  speedup: { vsTs: Record<'W1' | 'W2' | 'W3', number>; vsNumpy: Record<'W1' | 'W2' | 'W3', number> | null };
  xray: XrayBenchRow[];
  memory: { rssMB: number; heapUsedMB: number };
  machine: { node: string; cpus: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of `reps` timed calls after a warm-up that lets V8 tier the code up. */
function medianMs(fn: () => void, reps: number, warmup = Math.max(5, reps >> 2)): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { medianMs: median(times) };
}

function trainStepBench(
  mnist: Mnist,
  kind: KernelKind,
  hiddenSizes: number[],
  batchSize: number,
  reps: number,
  sparseInput = true,
): Timing {
  const net = new MultiLayerNet({
    inputSize: 784,
    hiddenSizes,
    outputSize: 10,
    weightInit: 'he',
    seed: 1,
    kernels: createKernels(kind),
    sparseInput,
  });
  const optimizer = createOptimizer('SGD', { lr: 0.01, kernels: net.kernels });
  const sampler = new BatchSampler(net, firstN(mnist.train, mnist.train.count), batchSize, deriveRng(1, 'batch'));
  const params = net.params();
  return medianMs(() => {
    sampler.next();
    net.gradient(sampler.input, sampler.t, batchSize);
    optimizer.step(params);
  }, reps);
}

function forwardBench(mnist: Mnist, kind: KernelKind, reps: number, sparseInput = true): Timing {
  const net = new MultiLayerNet({
    inputSize: 784,
    hiddenSizes: [100, 100, 100, 100],
    outputSize: 10,
    weightInit: 'he',
    seed: 1,
    kernels: createKernels(kind),
    sparseInput,
  });
  const all = firstN(mnist.test, mnist.test.count);
  if (sparseInput) {
    // As the experiments measure test accuracy every epoch: the images kept once, as their non-zero pixels.
    const testSet = new EvalSet(net, all);
    return medianMs(() => testSet.accuracy(net), reps, 3);
  }
  // The dense first layer: the images converted to float once, forwarded in chunks.
  const x = net.kernels.alloc(all.indices.length * 784);
  gatherBatch(mnist.test, all.indices, x, new Int32Array(all.indices.length));
  const chunk = net.evalChunkRows;
  return medianMs(
    () => {
      for (let start = 0; start < all.indices.length; start += chunk)
        net.predict(x.subarray(start * 784, (start + chunk) * 784), chunk, false);
    },
    reps,
    3,
  );
}

function numpyReference(): BenchResult['reference']['numpy'] {
  const dir = defaultMnistDir();
  const env = { ...process.env };
  // Set on some machines for old OpenBLAS builds; they slow a current numpy (see the env notes).
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const result = spawnSync(
    'python3',
    [join(import.meta.dirname, 'numpy_reference.py'), join(dir, MNIST_FILES.trainImages), join(dir, MNIST_FILES.trainLabels)],
    { encoding: 'utf8', env, timeout: 300_000 },
  );
  if (result.status !== 0) return null;
  try {
    const parsed = JSON.parse(result.stdout.trim().split('\n').pop()!);
    return { version: parsed.numpy, W1: parsed.W1, W2: parsed.W2, W3: parsed.W3 };
  } catch {
    return null;
  }
}

/** Pixels the test set's row groups hold: GROUP_ROWS values per entry, the zeros of a group's union included. */
function groupedPixels(set: Mnist['test']): number {
  const plan = planRowGroups(set.count, 784, (row) => set.images.subarray(row * 784, (row + 1) * 784));
  return plan.columns.length * GROUP_ROWS;
}

const ratio = (reference: Timing, ours: Timing) => reference.medianMs / ours.medianMs;

export function runBench(options: { numpy?: boolean; log?: (line: string) => void } = {}): BenchResult {
  const log = options.log ?? (() => {});
  const mnist = loadMnist();
  const kind = defaultKernelKind();
  log(`kernels: ${kind}`);
  const W1 = trainStepBench(mnist, kind, [100, 100, 100, 100], 128, 400);
  const W2 = forwardBench(mnist, kind, 21);
  const W3 = trainStepBench(mnist, kind, [100, 100, 100, 100, 100, 100], 100, 400);
  log('measuring the same with a dense first layer');
  const denseFirstLayer = {
    W1: trainStepBench(mnist, kind, [100, 100, 100, 100], 128, 400, false),
    W2: forwardBench(mnist, kind, 21, false),
    W3: trainStepBench(mnist, kind, [100, 100, 100, 100, 100, 100], 100, 400, false),
  };
  const density = {
    train: nonZeroPixels(mnist.train, firstN(mnist.train, mnist.train.count).indices) / (mnist.train.count * 784),
    test: nonZeroPixels(mnist.test, firstN(mnist.test, mnist.test.count).indices) / (mnist.test.count * 784),
    testGrouped: groupedPixels(mnist.test) / (mnist.test.count * 784),
  };
  log('measuring GEMM throughput');
  const gemm = benchGemm(createKernels(kind));
  log('measuring the X-ray overhead');
  const xray = benchXray(mnist);
  log('measuring the TypeScript reference kernels');
  const ts = {
    W1: trainStepBench(mnist, 'ts', [100, 100, 100, 100], 128, 30),
    W2: forwardBench(mnist, 'ts', 3),
    W3: trainStepBench(mnist, 'ts', [100, 100, 100, 100, 100, 100], 100, 30),
  };
  let numpy: BenchResult['reference']['numpy'] = null;
  if (options.numpy !== false) {
    log('measuring the book’s numpy code');
    numpy = numpyReference();
  }
  const memory = process.memoryUsage();
  return {
    kernel: kind,
    W1,
    W2,
    W3,
    denseFirstLayer,
    density,
    gemm,
    reference: { ts, numpy },
    speedup: {
      vsTs: { W1: ratio(ts.W1, W1), W2: ratio(ts.W2, W2), W3: ratio(ts.W3, W3) },
      vsNumpy: numpy ? { W1: ratio(numpy.W1, W1), W2: ratio(numpy.W2, W2), W3: ratio(numpy.W3, W3) } : null,
    },
    xray,
    memory: { rssMB: memory.rss / 2 ** 20, heapUsedMB: memory.heapUsed / 2 ** 20 },
    machine: { node: process.version, cpus: navigator.hardwareConcurrency },
  };
}

export function printTable(r: BenchResult): void {
  const ms = (t: Timing | undefined) => (t ? `${t.medianMs.toFixed(2)} ms` : '—');
  const x = (v: number | undefined) => (v === undefined ? '—' : `${v.toFixed(1)}×`);
  console.log(`DL Lab bench — ${r.kernel} kernels, one thread, Node ${r.machine.node}, ${r.machine.cpus} cores`);
  console.log('');
  console.log('            ours        TS ref      numpy (book)  vs TS   vs numpy   target');
  const rows: [keyof BenchResult['speedup']['vsTs'], string][] = [
    ['W1', '≤ 1.6 ms'],
    ['W2', '≤ 45 ms'],
    ['W3', '≤ 1.6 ms'],
  ];
  for (const [key, target] of rows) {
    console.log(
      `  ${key}   ${ms(r[key]).padStart(10)}  ${ms(r.reference.ts[key]).padStart(10)}  ${ms(r.reference.numpy?.[key]).padStart(12)}  ${x(r.speedup.vsTs[key]).padStart(6)}  ${x(r.speedup.vsNumpy?.[key]).padStart(8)}   ${target}`,
    );
  }
  const dense = r.denseFirstLayer;
  console.log(
    `  with a dense first layer: W1 ${ms(dense.W1)}, W2 ${ms(dense.W2)}, W3 ${ms(dense.W3)}` +
      ` (non-zero pixels: ${(100 * r.density.train).toFixed(1)}% of the training set, ${(100 * r.density.test).toFixed(1)}% of the test set, ${(100 * r.density.testGrouped).toFixed(1)}% in its row groups)`,
  );
  console.log('');
  console.log('  GEMM of the W1 step (m×k×n)     GFLOP/s   target ≥ 40');
  for (const [shape, { gflops }] of Object.entries(r.gemm)) console.log(`    ${shape.padEnd(28)} ${gflops.toFixed(1).padStart(7)}`);
  console.log('');
  console.log(xrayTable(r.xray).replace(/^/gm, '  '));
  console.log('');
  console.log(`  memory: rss ${r.memory.rssMB.toFixed(0)} MB, heap ${r.memory.heapUsedMB.toFixed(0)} MB`);
  if (!r.reference.numpy) console.log('  (numpy reference skipped: python3 with numpy not found)');
}

if (import.meta.main) {
  const json = process.argv.includes('--json');
  const result = runBench({ numpy: !process.argv.includes('--no-numpy'), log: (line) => process.stderr.write(`${line}\n`) });
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else printTable(result);
}
