// Ranking of the hyperparameter search's trials by validation accuracy, as the book's
// hyperparameter_optimization.py prints it:
//   Best-1(val acc:0.83) | lr:0.0092, weight decay:3.1e-07
import { pyFloat } from './format.ts';

export interface TrialSource {
  runId: number;
  label: string;
  params: Record<string, unknown>;
  curves: Record<string, number[]>;
  final: Record<string, number>;
  status: string;
}

export interface Trial {
  runId: number;
  label: string;
  lr: number;
  weightDecay: number;
  /** Final validation accuracy, or the last one so far while training; NaN before the first epoch. */
  val: number;
  train: number;
  /** Epochs recorded so far. */
  epochs: number;
  totalEpochs: number;
  status: string;
  /** 1-based rank among the trials with at least one epoch; 0 if none yet. */
  rank: number;
  source: TrialSource;
}

const lastOf = (values: number[] | undefined): number => (values?.length ? values[values.length - 1] : NaN);

/** The trials that have a validation accuracy, best first (ties: earlier trial first). */
export function rankTrials(runs: readonly TrialSource[], totalEpochs: number): Trial[] {
  const trials: Trial[] = [];
  for (const run of runs) {
    const epochs = run.curves.valAcc?.length ?? 0;
    if (epochs === 0) continue;
    const final = run.final.valAcc;
    trials.push({
      runId: run.runId,
      label: run.label,
      lr: Number(run.params.lr),
      weightDecay: Number(run.params.weightDecay),
      val: run.status === 'done' && Number.isFinite(final) ? final : lastOf(run.curves.valAcc),
      train: lastOf(run.curves.trainAcc),
      epochs,
      totalEpochs,
      status: run.status,
      rank: 0,
      source: run,
    });
  }
  const key = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  trials.sort((a, b) => key(b.val) - key(a.val) || a.runId - b.runId);
  trials.forEach((trial, i) => (trial.rank = i + 1));
  return trials;
}

/** The book's line: "Best-1(val acc:0.83) | lr:0.0092, weight decay:3.1e-07". */
export function bookLine(trial: Trial): string {
  return `Best-${trial.rank}(val acc:${pyFloat(trial.val, 4)}) | lr:${pyFloat(trial.lr)}, weight decay:${pyFloat(trial.weightDecay)}`;
}
