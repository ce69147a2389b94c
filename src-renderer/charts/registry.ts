// Each experiment's charts, by id: a typed registry, so a new experiment without charts is a compile
// error instead of an "unknown experiment" on screen.
import type { Component } from 'svelte';
import type { ExperimentId } from '../../src-shared/experiments/spec.ts';
import type { JobView } from '../lib/job-view.svelte.ts';
import ActivationHistograms from './ActivationHistograms.svelte';
import BatchnormGrid from './BatchnormGrid.svelte';
import GradientCheck from './GradientCheck.svelte';
import HyperparameterSearch from './HyperparameterSearch.svelte';
import LossCompare from './LossCompare.svelte';
import OptimizerPaths from './OptimizerPaths.svelte';
import TrainTestAccuracy from './TrainTestAccuracy.svelte';

/** What every experiment's charts are given: the job shown (live or stored, or none yet) and the form's valid values. */
export interface ChartProps<E extends ExperimentId = ExperimentId> {
  experiment: E;
  job: JobView | null;
  params: Record<string, unknown>;
}

export const CHARTS: { readonly [E in ExperimentId]: Component<ChartProps<E>> } = {
  'optimizer-paths': OptimizerPaths,
  'optimizer-compare': LossCompare,
  'activation-histograms': ActivationHistograms,
  'weight-init-compare': LossCompare,
  'batchnorm-compare': BatchnormGrid,
  'overfit-weight-decay': TrainTestAccuracy,
  dropout: TrainTestAccuracy,
  'hyperparameter-search': HyperparameterSearch,
  'gradient-check': GradientCheck,
};

/** Experiments whose charts are computed in the page from the form (the 2-D paths): editing the form after a stored job shows the new result at once. */
export const DRAWN_FROM_FORM: ReadonlySet<ExperimentId> = new Set(['optimizer-paths']);
