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
  /** 1-based rank among the finished trials (done or diverged); 0 for a trial that did not finish. */
  rank: number;
  source: TrialSource;
}

/** A trial that trained all its epochs (done) or ended for good (diverged): only these are ranked. */
export const isFinishedTrial = (status: string): boolean => status === 'done' || status === 'diverged';

const lastOf = (values: number[] | undefined): number => (values?.length ? values[values.length - 1] : NaN);

/**
 * The trials that have a validation accuracy: the finished ones ranked, best first (ties: earlier
 * trial first), then the unfinished ones (running, cancelled, failed…), unranked, by their last
 * accuracy — a half-trained trial is never ranked against finished ones.
 */
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
  const finished = (trial: Trial) => (isFinishedTrial(trial.status) ? 0 : 1);
  trials.sort((a, b) => finished(a) - finished(b) || key(b.val) - key(a.val) || a.runId - b.runId);
  let rank = 0;
  for (const trial of trials) trial.rank = isFinishedTrial(trial.status) ? ++rank : 0;
  return trials;
}

/** An unranked trial's line, in the book's shape: "—(val acc:0.41 at epoch 3/50) | lr:…, weight decay:…". */
export function unfinishedLine(trial: Trial): string {
  return `—(val acc:${pyFloat(trial.val, 4)} at epoch ${trial.epochs}/${trial.totalEpochs}) | lr:${pyFloat(trial.lr)}, weight decay:${pyFloat(trial.weightDecay)}`;
}

/** The exponents of the search's ranges (its form fields). */
export interface SearchRanges {
  lrMinExp: number;
  lrMaxExp: number;
  weightDecayMinExp: number;
  weightDecayMaxExp: number;
}

/** The exponent fields' limits (the spec's `exponent` knobs). */
const EXP_MIN = -12;
const EXP_MAX = 2;

/**
 * The book's next step (6.5.3): narrow the ranges to where the best trials lie and search again.
 * The best 20% of the finished trials (the book's best 20 of 100; at least 1, at most 20), their
 * log10 lr and weight decay spans, widened by 0.1 and rounded outward to 0.1. Null when no trial
 * finished.
 */
export function narrowedRanges(ranked: readonly Trial[]): SearchRanges | null {
  const finished = ranked.filter((trial) => trial.rank > 0 && Number.isFinite(trial.val));
  if (finished.length === 0) return null;
  const best = finished.slice(0, Math.max(1, Math.min(20, Math.round(finished.length * 0.2))));
  const span = (values: number[]): [number, number] => {
    const logs = values.map((v) => Math.log10(v));
    const lo = Math.max(EXP_MIN, Math.floor((Math.min(...logs) - 0.1) * 10) / 10);
    const hi = Math.min(EXP_MAX, Math.ceil((Math.max(...logs) + 0.1) * 10) / 10);
    return [Number(lo.toFixed(1)), Number(hi.toFixed(1))];
  };
  const [lrMinExp, lrMaxExp] = span(best.map((trial) => trial.lr));
  const [weightDecayMinExp, weightDecayMaxExp] = span(best.map((trial) => trial.weightDecay));
  return { lrMinExp, lrMaxExp, weightDecayMinExp, weightDecayMaxExp };
}

/** The book's line: "Best-1(val acc:0.83) | lr:0.0092, weight decay:3.1e-07". */
export function bookLine(trial: Trial): string {
  return `Best-${trial.rank}(val acc:${pyFloat(trial.val, 4)}) | lr:${pyFloat(trial.lr)}, weight decay:${pyFloat(trial.weightDecay)}`;
}
