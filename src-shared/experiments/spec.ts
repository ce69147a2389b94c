// What an experiment declares, wherever it runs: its knobs and their checks (the form and the
// service), how a job splits into runs (main plans, workers train), the curves its runs record and
// the words of its page. The training itself — the *runner* — lives in src-worker/experiments.
import type { Text } from '../i18n/text.ts';
import type { Problem } from '../params/problems.ts';
import type { ParamSpec, ParamValues } from '../params/spec.ts';
import type { XKind } from '../vocabulary.ts';

/** Stable ids: the CLI, the database, the UI routes and the registries use them. */
export const EXPERIMENT_IDS = [
  'optimizer-paths',
  'optimizer-compare',
  'activation-histograms',
  'weight-init-compare',
  'batchnorm-compare',
  'overfit-weight-decay',
  'dropout',
  'hyperparameter-search',
  'gradient-check',
] as const;
export type ExperimentId = (typeof EXPERIMENT_IDS)[number];

export const isExperimentId = (value: unknown): value is ExperimentId =>
  typeof value === 'string' && (EXPERIMENT_IDS as readonly string[]).includes(value);

/** The chapter's sections, in order, for the sidebar; 'check' is the gradient check. */
export const SECTION_IDS = ['6.1', '6.2', '6.3', '6.4', '6.5', 'check'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

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

export interface ExperimentSpec {
  id: ExperimentId;
  section: SectionId;
  title: Text;
  summary: Text;
  params: readonly ParamSpec[];
  /** The metrics its runs record, with their x axes. */
  curves: Readonly<Record<string, XKind>>;
  /** Whether it needs MNIST (the 2-D paths and the histograms don't). */
  usesMnist: boolean;
  /** What its progress counts ("iterations", "paths"…). */
  unit: Text;
  /** Cross-field checks beyond each param's own range, each naming the field it is shown under. */
  check?(params: ParamValues): Problem[];
  /** Splits a validated job into runs. Deterministic in (params, seed). */
  plan(params: ParamValues, seed: number): RunPlan[];
  /** Work units of one run, for progress and ETA (iterations, usually). */
  units(params: ParamValues, run: RunPlan): number;
  /**
   * When a run's ending is the experiment's lesson rather than a problem (the plain networks that
   * diverge at large weight scales in the BatchNorm comparison), what to say about it; else null.
   */
  expectedEnding?(run: { params: Record<string, unknown>; status: string }): Text | null;
}
