// Every experiment's spec, by id (a typed registry: adding an id to EXPERIMENT_IDS without a spec
// here is a compile error), and in the chapter's order.
import { activationHistograms } from './activation-histograms.ts';
import { batchnormCompare } from './batchnorm-compare.ts';
import { dropout } from './dropout.ts';
import { gradientCheck } from './gradient-check.ts';
import { hyperparameterSearch } from './hyperparameter-search.ts';
import { optimizerCompare } from './optimizer-compare.ts';
import { optimizerPaths } from './optimizer-paths.ts';
import { overfitWeightDecay } from './overfit-weight-decay.ts';
import { EXPERIMENT_IDS, type ExperimentId, type ExperimentSpec } from './spec.ts';
import { weightInitCompare } from './weight-init-compare.ts';

export const EXPERIMENTS: Readonly<Record<ExperimentId, ExperimentSpec>> = {
  'optimizer-paths': optimizerPaths,
  'optimizer-compare': optimizerCompare,
  'activation-histograms': activationHistograms,
  'weight-init-compare': weightInitCompare,
  'batchnorm-compare': batchnormCompare,
  'overfit-weight-decay': overfitWeightDecay,
  dropout,
  'hyperparameter-search': hyperparameterSearch,
  'gradient-check': gradientCheck,
};

/** In the chapter's order (EXPERIMENT_IDS). */
export const EXPERIMENT_LIST: readonly ExperimentSpec[] = EXPERIMENT_IDS.map((id) => EXPERIMENTS[id]);
