// What a runner is: the training of one run of an experiment, in a worker thread. Its spec (knobs,
// checks, plan) is in src-shared/experiments; the worker finds the runner by id in runners.ts.
import type { RunPlan } from '../../src-shared/experiments/spec.ts';
import type { RunProblem } from '../../src-shared/outcome.ts';
import type { ParamValues } from '../../src-shared/params/spec.ts';
import type { RunParams } from '../../src-shared/experiments/spec.ts';
import type { NetworkSnapshot } from '../../src-shared/network.ts';
import type { XrayLayout } from '../../src-shared/xray.ts';
import type { Mnist } from '../data/mnist-types.ts';
import type { HelpLink } from './shared-evaluation.ts';

/** What a run sees in its worker. */
export interface RunContext {
  params: ParamValues;
  seed: number;
  /** Position of this run in its job: separates its random streams from its siblings'. */
  runIndex: number;
  run: RunPlan;
  /** Only where the spec `usesMnist`. */
  mnist: Mnist | null;
  /** Appends points to a curve. */
  emit(metric: string, ...values: number[]): void;
  /** Sets a whole curve at once (histograms). */
  setCurve(metric: string, values: ArrayLike<number>): void;
  /** Reports `n` more work units done. */
  advance(n?: number): void;
  /** True once the job was cancelled: return promptly, keeping what was computed. */
  cancelled(): boolean;
  /**
   * Takes an X-ray sample (src-shared/xray.ts) of the iteration; absent where nobody listens. The
   * sample array belongs to the receiver from then on.
   */
  xray?(layout: XrayLayout, iteration: number, sample: Float32Array): void;
  /** The help board, where the worker has one: cores main lends measure accuracy (shared-evaluation.ts). */
  help?: HelpLink;
}

export interface RunOutcome {
  status: 'done' | 'cancelled' | 'diverged';
  final: Record<string, number>;
  /** Why a run diverged, as data. */
  problem?: RunProblem;
  /** Run params only known after running (e.g. a histogram's bin edges), merged into the run's. */
  runParams?: RunParams;
  /** The trained network (an MNIST run that ended done or cancelled with finite weights), for the inspector. */
  network?: NetworkSnapshot;
}

/** Trains one run. Throwing marks the run failed. */
export type Runner = (ctx: RunContext) => RunOutcome;
