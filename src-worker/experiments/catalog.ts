// Every experiment of the chapter, by id, in the chapter's order.
import { activationHistograms } from './activation-histograms.ts';
import { batchnormCompare } from './batchnorm-compare.ts';
import { dropout } from './dropout.ts';
import type { Experiment, ExperimentId } from './experiment.ts';
import { gradientCheck } from './gradient-check.ts';
import { hyperparameterSearch } from './hyperparameter-search.ts';
import { optimizerCompare } from './optimizer-compare.ts';
import { optimizerPaths } from './optimizer-paths.ts';
import { overfitWeightDecay } from './overfit-weight-decay.ts';
import { weightInitCompare } from './weight-init-compare.ts';

export const EXPERIMENT_LIST: readonly Experiment[] = [
  optimizerPaths,
  optimizerCompare,
  activationHistograms,
  weightInitCompare,
  batchnormCompare,
  overfitWeightDecay,
  dropout,
  hyperparameterSearch,
  gradientCheck,
];

export const EXPERIMENTS = Object.fromEntries(EXPERIMENT_LIST.map((e) => [e.id, e])) as Record<ExperimentId, Experiment>;
