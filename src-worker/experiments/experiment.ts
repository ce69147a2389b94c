// What an experiment module declares (its knobs and how a job splits into runs — used by main to
// validate and plan) and what it does in a worker (train one run, streaming its curves).
import type { Mnist } from '../data/mnist-types.ts';
import type { ParamSpec, ParamValues, Text } from './params.ts';

/** A problem that involves several fields, in both languages, shown under `field`. */
export interface ParamProblem {
  field: string;
  text: Text;
}

export type ExperimentId =
  | 'optimizer-paths'
  | 'activation-histograms'
  | 'optimizer-compare'
  | 'weight-init-compare'
  | 'batchnorm-compare'
  | 'overfit-weight-decay'
  | 'dropout'
  | 'hyperparameter-search'
  | 'gradient-check';

/** The x axis a curve is plotted against. */
export type XKind = 'iteration' | 'epoch' | 'step' | 'bin';

/** Run params that scripts and the UI rely on (besides whatever else the run used). */
export interface RunParams {
  optimizer?: string;
  lr?: number;
  init?: string;
  weightScale?: number;
  batchnorm?: boolean;
  weightDecay?: number;
  dropoutRatio?: number;
  [key: string]: unknown;
}

/** One network (or path, or histogram set) of a job, as planned in main. */
export interface RunPlan {
  label: string;
  params: RunParams;
}

export interface ExperimentDefinition {
  id: ExperimentId;
  /** The chapter's section, for the sidebar: 6.1 … 6.5, or 'check'. */
  section: '6.1' | '6.2' | '6.3' | '6.4' | '6.5' | 'check';
  title: Text;
  summary: Text;
  params: readonly ParamSpec[];
  /** The metrics its runs record, with their x axes. */
  curves: Readonly<Record<string, XKind>>;
  /** Whether it needs MNIST (the 2-D paths and the histograms don't). */
  usesMnist: boolean;
  /** Cross-field checks beyond each param's own range, each shown under the field it names. */
  check?(params: ParamValues): ParamProblem[];
  /** Splits a validated job into runs. Deterministic in (params, seed). */
  plan(params: ParamValues, seed: number): RunPlan[];
  /** Work units of one run, for progress and ETA (iterations, usually). */
  units(params: ParamValues, run: RunPlan): number;
}

/** What a run sees in its worker. */
export interface RunContext {
  params: ParamValues;
  seed: number;
  /** Position of this run in its job: separates its random streams from its siblings'. */
  runIndex: number;
  run: RunPlan;
  /** Only where `usesMnist`. */
  mnist: Mnist | null;
  /** Appends points to a curve. */
  emit(metric: string, ...values: number[]): void;
  /** Sets a whole curve at once (histograms). */
  setCurve(metric: string, values: ArrayLike<number>): void;
  /** Reports `n` more work units done. */
  advance(n?: number): void;
  /** True once the job was cancelled: return promptly, keeping what was computed. */
  cancelled(): boolean;
}

export interface RunOutcome {
  status: 'done' | 'cancelled' | 'diverged';
  final: Record<string, number>;
  /** Why a run diverged, for the user. */
  message?: string;
  /** Run params only known after running (e.g. a histogram's bin edges), merged into the run's. */
  runParams?: RunParams;
}

export interface Experiment extends ExperimentDefinition {
  /** Trains one run in a worker thread. Throwing marks the run failed. */
  run(ctx: RunContext): RunOutcome;
}
