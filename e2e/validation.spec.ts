// The renderer repeats the experiments' cross-field checks (in Korean and English) and the specs'
// own range checks, so that Run is disabled exactly when the lab service would refuse the request.
// These tests hold the copies to the originals. No browser: plain Node in the Playwright runner
// (the renderer's modules are type-checked without Node types, the experiments need them).
import { test, expect } from '@playwright/test';
import { EXPERIMENT_LIST } from '../src-worker/experiments/catalog.ts';
import { defaultsOf, validateParams, type ParamValue, type ParamValues } from '../src-worker/experiments/params.ts';
import { crossProblems } from '../src-renderer/lib/checks.ts';
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

  test('repeats every experiment’s cross-field check', () => {
    const variations: Record<string, ParamValues[]> = {
      'activation-histograms': [{ samples: 100_000, nodes: 4096 }, { samples: 1000, nodes: 100 }, { samples: 20_000, nodes: 1000 }, { samples: 20_001, nodes: 1000 }],
      'batchnorm-compare': [{ batchSize: 1001 }, { batchSize: 1000 }, { trainSize: 50 }],
      'overfit-weight-decay': [{ batchSize: 301 }, { batchSize: 300 }],
      dropout: [{ batchSize: 301 }, { trainSize: 100, batchSize: 100 }],
      'gradient-check': [{ hiddenSizes: [255] }, { hiddenSizes: [256] }, { hiddenSizes: [200, 200] }, { hiddenSizes: [100, 2000] }],
      'hyperparameter-search': [
        { lrMinExp: -1, lrMaxExp: -2 },
        { weightDecayMinExp: 0, weightDecayMaxExp: -1 },
        { validationRate: 0.001 },
        { validationRate: 1 },
        { validationRate: 0.9, batchSize: 51 },
        { validationRate: 0.9, batchSize: 50 },
        { trainSize: 1, validationRate: 0.5 },
      ],
    };
    for (const experiment of EXPERIMENT_LIST) {
      for (const change of [{}, ...(variations[experiment.id] ?? [])]) {
        const values = { ...defaultsOf(experiment.params), ...change };
        const service = experiment.check?.(values) ?? [];
        const renderer = crossProblems(experiment.id, values);
        expect(renderer.length, `${experiment.id} ${JSON.stringify(change)}: ${service.join('; ')}`).toBe(service.length);
        for (const problem of renderer) {
          expect(experiment.params.some((p) => p.name === problem.field), `${problem.field} is a field of ${experiment.id}`).toBe(true);
          expect(problem.text.ko.length * problem.text.en.length).toBeGreaterThan(0);
        }
      }
    }
  });
});
