// Test-only: an experiment's spec with its params validated the way the lab service validates them.
import type { Problem } from '../params/problems.ts';
import type { ParamValues } from '../params/spec.ts';
import { validateParams } from '../params/validate.ts';
import { EXPERIMENTS } from './catalog.ts';
import type { ExperimentId } from './spec.ts';

export function specUnderTest(id: ExperimentId) {
  const spec = EXPERIMENTS[id];
  /** Params as the service would run them (defaults filled in); throws listing the problems if invalid. */
  const valid = (input: Record<string, unknown> = {}): ParamValues => {
    const result = validateParams(spec.params, input, spec.check);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.value;
  };
  /** Every problem the service would report for this input (none when valid). */
  const problemsOf = (input: Record<string, unknown>): Problem[] => {
    const result = validateParams(spec.params, input, spec.check);
    return result.ok ? [] : result.problems;
  };
  return { spec, valid, problemsOf };
}
