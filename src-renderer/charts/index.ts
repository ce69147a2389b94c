// The charts of DL Lab's experiments. The shell renders
//   <ExperimentCharts experiment={id} job={jobView | null} params={formValues} />
// and nothing else; the rest is exported for tests and for reuse.
export { default as ExperimentCharts } from './ExperimentCharts.svelte';
export { default as LineChart } from './LineChart.svelte';
export { chartAttachment } from './chart-attachment.svelte.ts';
export { chartStats, flush as flushCharts } from './scheduler.ts';
export { theme } from './theme.svelte.ts';
export type { Series } from './line-sync.ts';

/** Experiments with charts (the ids of src-worker/experiments). */
export const CHARTED_EXPERIMENTS = [
  'optimizer-paths',
  'activation-histograms',
  'optimizer-compare',
  'weight-init-compare',
  'batchnorm-compare',
  'overfit-weight-decay',
  'dropout',
  'hyperparameter-search',
  'gradient-check',
] as const;
