// The renderer words the specs' own range checks in Korean and English (validation.ts), so that Run
// is disabled exactly when the lab service would refuse the request. This test holds that wording's
// logic to validateParams. No browser: plain Node in the Playwright runner.
import { test, expect } from '@playwright/test';
import { EXPERIMENT_LIST } from '../src-worker/experiments/catalog.ts';
import { validateParams, type ParamValue } from '../src-worker/experiments/params.ts';
import { fieldProblem } from '../src-renderer/lib/validation.ts';

/** Values around each spec's limits, plus a few wrong types. */
function probes(spec: (typeof EXPERIMENT_LIST)[number]['params'][number]): unknown[] {
  switch (spec.kind) {
    case 'number':
      return [spec.min, spec.max, spec.min - 1, spec.max + 1, (spec.min + spec.max) / 2, spec.min + 0.5, NaN, Infinity, 'x', spec.default];
    case 'number-list':
      return [[], [spec.min], [spec.max + 1], [1.5], Array(spec.maxLength + 1).fill(spec.min), [NaN], [...spec.default]];
    case 'choice':
      return [...spec.options, 'nope'];
    case 'choice-list':
      return [[], [spec.options[0]], [...spec.options], ['nope']];
    case 'boolean':
      return [true, false];
  }
}

test.describe('Parameter checks: renderer and lab service agree', () => {
  test('flags a single value exactly when validateParams does', () => {
    for (const experiment of EXPERIMENT_LIST) {
      for (const spec of experiment.params) {
        for (const value of probes(spec)) {
          const service = validateParams([spec], { [spec.name]: value });
          const form = fieldProblem(spec, value as ParamValue);
          expect(form === null, `${experiment.id}.${spec.name} = ${JSON.stringify(value)}`).toBe(service.ok);
        }
      }
    }
  });
});
