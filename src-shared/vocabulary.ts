// The app's closed vocabularies, each written once: what a job or run can be, what a curve's x axis
// counts, the optimizers with the book's default learning rates, and the limits every door of the
// lab service enforces. The store's migrations copy the status lists as literal SQL on purpose (a
// released migration never changes); a test checks that the two agree.

export const JOB_STATUSES = ['queued', 'running', 'done', 'cancelled', 'failed', 'interrupted'] as const;
/** `diverged`: the loss became NaN/Inf or exploded; the curve up to that point is kept. */
export const RUN_STATUSES = ['queued', 'running', 'done', 'cancelled', 'failed', 'diverged', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses a run never leaves. */
export const TERMINAL_RUN_STATUSES = ['done', 'cancelled', 'failed', 'diverged', 'interrupted'] as const satisfies readonly RunStatus[];
export type TerminalRunStatus = (typeof TERMINAL_RUN_STATUSES)[number];
/** How a job can end; `interrupted` is normally set by the store when it finds a job left running. */
export const FINISHED_JOB_STATUSES = ['done', 'cancelled', 'failed', 'interrupted'] as const satisfies readonly JobStatus[];
export type FinishedJobStatus = (typeof FINISHED_JOB_STATUSES)[number];

export const isTerminalRunStatus = (status: RunStatus): status is TerminalRunStatus =>
  (TERMINAL_RUN_STATUSES as readonly string[]).includes(status);
export const isJobStatus = (value: unknown): value is JobStatus =>
  typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
export const isRunStatus = (value: unknown): value is RunStatus =>
  typeof value === 'string' && (RUN_STATUSES as readonly string[]).includes(value);

/** What a curve's x axis counts: training iterations, epochs, optimizer steps or histogram bins. */
export const X_KINDS = ['iteration', 'epoch', 'step', 'bin'] as const;
export type XKind = (typeof X_KINDS)[number];

/** The book's optimizers (common/optimizer.py), in the book's order. */
export const OPTIMIZERS = ['SGD', 'Momentum', 'Nesterov', 'AdaGrad', 'RMSprop', 'Adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
export const isOptimizerName = (value: unknown): value is OptimizerName =>
  typeof value === 'string' && (OPTIMIZERS as readonly string[]).includes(value);

/** The book's default learning rates (common/optimizer.py). */
export const DEFAULT_LR: Readonly<Record<OptimizerName, number>> = {
  SGD: 0.01,
  Momentum: 0.01,
  Nesterov: 0.01,
  AdaGrad: 0.01,
  RMSprop: 0.01,
  Adam: 0.001,
};

export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Weight initializations: He √(2/n), Xavier √(1/n), or a fixed standard deviation. */
export const INITS = ['he', 'xavier', 'std'] as const;
export type InitName = (typeof INITS)[number];

/** A job may be repeated with seeds s, s+1, … up to this many times. */
export const MAX_REPEATS = 20;
/** Worker threads a lab may start. */
export const MAX_WORKERS = 64;
/** Longest job name (after trimming). */
export const MAX_NAME_LENGTH = 200;
export const MAX_NOTES_LENGTH = 10_000;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
/** Seeds are whole numbers from 0 to this (2^53 − 1). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
