// Every experiment's runner by id: a typed registry, so an experiment without its training is a
// compile error.
import type { ExperimentId } from '../../src-shared/experiments/spec.ts';
import { runActivationHistograms } from './activation-histograms.run.ts';
import { runBatchnormCompare } from './batchnorm-compare.run.ts';
import { runDropout } from './dropout.run.ts';
import { runGradientCheck } from './gradient-check.run.ts';
import { runHyperparameterSearch } from './hyperparameter-search.run.ts';
import { runOptimizerCompare } from './optimizer-compare.run.ts';
import { runOptimizerPaths } from './optimizer-paths.run.ts';
import { runOverfitWeightDecay } from './overfit-weight-decay.run.ts';
import type { Runner } from './runner.ts';
import { runWeightInitCompare } from './weight-init-compare.run.ts';

export const RUNNERS: Readonly<Record<ExperimentId, Runner>> = {
  'optimizer-paths': runOptimizerPaths,
  'optimizer-compare': runOptimizerCompare,
  'activation-histograms': runActivationHistograms,
  'weight-init-compare': runWeightInitCompare,
  'batchnorm-compare': runBatchnormCompare,
  'overfit-weight-decay': runOverfitWeightDecay,
  dropout: runDropout,
  'hyperparameter-search': runHyperparameterSearch,
  'gradient-check': runGradientCheck,
};
