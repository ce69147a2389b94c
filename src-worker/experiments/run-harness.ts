// TEST-ONLY helper (imported by the *.run.test.ts files, never by the app): trains one run of an
// experiment in this process, the way src-worker/worker.ts does — params validated through the
// experiment's spec, the plan's run at `runIndex`, the thread's kernel memory reset first, MNIST
// (loaded once per test file and cached) only where the spec uses it — and collects what the runner
// reported: its curves (emitted points appended, set curves replaced), the work units it advanced,
// and its outcome. `cancelAfter` makes `cancelled()` true once that many units were advanced.
import { EXPERIMENTS } from '../../src-shared/experiments/catalog.ts';
import type { ExperimentId, ExperimentSpec, RunPlan } from '../../src-shared/experiments/spec.ts';
import { specUnderTest } from '../../src-shared/experiments/spec-test-helpers.ts';
import type { ParamValues } from '../../src-shared/params/spec.ts';
import type { XraySeries } from '../../src-shared/xray.ts';
import { loadMnist, type Mnist } from '../data/mnist.ts';
import { threadKernels } from '../engine/kernels/create-kernels.ts';
import type { RunContext, RunOutcome } from './runner.ts';
import { RUNNERS } from './runners.ts';

let mnist: Mnist | null = null;

/** The four MNIST files, read once per test file (each test file is its own process). */
export function cachedMnist(): Mnist {
  return (mnist ??= loadMnist());
}

/** `input` validated through the spec (defaults filled in, cross-field checks run); throws with the problems otherwise. */
export const validParams = (id: ExperimentId, input: Record<string, unknown> = {}): ParamValues => specUnderTest(id).valid(input);

export interface HarnessOptions {
  /** `cancelled()` turns true once this many units have been advanced (0: cancelled from the start). */
  cancelAfter?: number;
  /** Run this plan entry instead of the spec's plan at `runIndex`. */
  run?: RunPlan;
  /** MNIST to hand the runner instead of the cached files (e.g. one whose test set must not be read). */
  mnist?: Mnist;
  /** Take no X-ray samples (as a context without a listener). */
  noXray?: boolean;
}

export interface HarnessResult {
  outcome: RunOutcome;
  /** Every curve the runner reported: emitted points in order, or the last set curve. */
  curves: Record<string, number[]>;
  /** Sum of the runner's `advance(n)` calls. */
  advanced: number;
  /** How often `cancelled()` answered true. */
  cancelChecks: number;
  /** The X-ray samples the runner took, or null when it took none. */
  xray: XraySeries | null;
  spec: ExperimentSpec;
  params: ParamValues;
  run: RunPlan;
  plan: RunPlan[];
}

/** One run of experiment `id`, as a worker would train it. */
export function runOne(
  id: ExperimentId,
  input: Record<string, unknown> = {},
  seed = 1,
  runIndex = 0,
  options: HarnessOptions = {},
): HarnessResult {
  const spec = EXPERIMENTS[id];
  const params = validParams(id, input);
  const plan = spec.plan(params, seed);
  const run = options.run ?? plan[runIndex];
  if (!run) throw new Error(`${id}: the plan has ${plan.length} runs, no run ${runIndex}`);
  const curves: Record<string, number[]> = {};
  let advanced = 0;
  let cancelChecks = 0;
  let xray: XraySeries | null = null;
  const ctx: RunContext = {
    params,
    seed,
    runIndex,
    run,
    mnist: spec.usesMnist ? (options.mnist ?? cachedMnist()) : null,
    emit(metric, ...values) {
      (curves[metric] ??= []).push(...values);
    },
    setCurve(metric, values) {
      curves[metric] = Array.from(values);
    },
    advance(n = 1) {
      advanced += n;
    },
    cancelled() {
      const yes = options.cancelAfter !== undefined && advanced >= options.cancelAfter;
      if (yes) cancelChecks++;
      return yes;
    },
    ...(options.noXray
      ? {}
      : {
          xray(layout, iteration, sample) {
            xray ??= { layout, iterations: [], samples: [] };
            xray.iterations.push(iteration);
            xray.samples.push(sample);
          },
        }),
  };
  // As worker.ts: runs train one after another in this thread's kernel memory.
  threadKernels().reset();
  const outcome = RUNNERS[id](ctx);
  return { outcome, curves, advanced, cancelChecks, xray, spec, params, run, plan };
}
