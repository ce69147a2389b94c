// The experiments' own cross-field checks (each module's `check`, in Korean and English), so that
// Run is disabled exactly when the lab service would refuse the request. The experiment modules are
// pure (no Node), so the renderer runs the very same code the service does.
import type { ParamValues } from '../../src-main/api.ts';
import { EXPERIMENTS } from '../../src-worker/experiments/catalog.ts';
import type { ExperimentId, ParamProblem } from '../../src-worker/experiments/experiment.ts';

export type CrossProblem = ParamProblem;

export function crossProblems(experiment: string, values: ParamValues): CrossProblem[] {
  return EXPERIMENTS[experiment as ExperimentId]?.check?.(values) ?? [];
}
