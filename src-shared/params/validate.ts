// The one validator. Every value that arrives from outside — the CLI's --set, the renderer over IPC,
// the form as the user types — is checked here against the experiment's specs, and every problem is
// reported as data (problems.ts), one per field, so that the form and the service agree by
// construction.
import { describeValue, problem, type Problem } from './problems.ts';
import {
  defaultsOf,
  optionValues,
  type NumberListParam,
  type NumberParam,
  type ParamSpec,
  type ParamValue,
  type ParamValues,
} from './spec.ts';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

function numberProblem(spec: NumberParam | NumberListParam, value: unknown, index?: number): Problem | null {
  const at: Record<string, number> = index === undefined ? {} : { index };
  if (typeof value !== 'number' || !Number.isFinite(value)) return problem(spec.name, 'not-a-number', { ...at, got: describeValue(value) });
  if (spec.integer && !Number.isInteger(value)) return problem(spec.name, 'not-whole', { ...at, got: value });
  const exclusive = spec.kind === 'number' && spec.minExclusive === true;
  if (exclusive ? value <= spec.min : value < spec.min)
    return problem(spec.name, exclusive ? 'not-above-min' : 'below-min', { ...at, min: spec.min, got: value });
  if (value > spec.max) return problem(spec.name, 'above-max', { ...at, max: spec.max, got: value });
  return null;
}

/** The problem of one value against its own spec, or null. */
export function valueProblem(spec: ParamSpec, value: unknown): Problem | null {
  switch (spec.kind) {
    case 'number':
      return numberProblem(spec, value);
    case 'boolean':
      return typeof value === 'boolean' ? null : problem(spec.name, 'not-boolean', { got: describeValue(value) });
    case 'choice':
      return typeof value === 'string' && optionValues(spec).includes(value)
        ? null
        : problem(spec.name, 'not-an-option', { options: optionValues(spec).join(', '), got: describeValue(value) });
    case 'number-list': {
      if (!Array.isArray(value)) return problem(spec.name, 'not-a-list', { got: describeValue(value) });
      if (value.length < spec.minLength || value.length > spec.maxLength) {
        return problem(spec.name, 'list-length', {
          min: spec.minLength,
          max: spec.maxLength,
          got: value.length,
          example: spec.default.join(','),
        });
      }
      for (let i = 0; i < value.length; i++) {
        const p = numberProblem(spec, value[i], i + 1);
        if (p) return p;
      }
      return null;
    }
    case 'choice-list': {
      if (!Array.isArray(value)) return problem(spec.name, 'not-a-list', { got: describeValue(value) });
      if (value.length < spec.minLength) return problem(spec.name, 'too-few-options', { min: spec.minLength });
      const known = optionValues(spec);
      const unknown = value.filter((v) => typeof v !== 'string' || !known.includes(v));
      if (unknown.length) return problem(spec.name, 'unknown-options', { got: unknown.map(describeValue).join(', ') });
      if (new Set(value).size !== value.length) return problem(spec.name, 'duplicate-option');
      return null;
    }
  }
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/**
 * Checks `input` (anything that crossed a process boundary) against the specs: unknown names,
 * wrong types and out-of-range values are all reported, one problem each. Missing names take their
 * defaults. `check` adds the experiment's cross-field checks, run once every value is valid.
 */
export function validateParams(
  specs: readonly ParamSpec[],
  input: unknown,
  check?: (values: ParamValues) => readonly Problem[],
): Validation<ParamValues> {
  if (input === undefined || input === null) input = {};
  if (!isPlainObject(input)) return { ok: false, problems: [problem(null, 'not-an-object', { got: describeValue(input) })] };
  const problems: Problem[] = [];
  const known = new Set(specs.map((s) => s.name));
  // Own keys, including ones JSON.parse creates such as "__proto__": each one is named, none dropped.
  for (const name of Reflect.ownKeys(input)) {
    if (typeof name !== 'string' || !known.has(name))
      problems.push(problem(String(name), 'unknown-param', { known: [...known].join(', ') }));
  }
  const values = defaultsOf(specs);
  for (const spec of specs) {
    if (!Object.hasOwn(input, spec.name)) continue;
    const raw = input[spec.name];
    const p = valueProblem(spec, raw);
    if (p) problems.push(p);
    else values[spec.name] = structuredClone(raw) as ParamValue;
  }
  if (problems.length === 0 && check) problems.push(...check(values));
  return problems.length ? { ok: false, problems } : { ok: true, value: values };
}

export type Parsed = { ok: true; value: ParamValue } | { ok: false; problem: Problem };

/** A number as a person writes it in decimal (`0.01`, `1e-3`, `-7`), never hex, octal or binary. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const decimal = (text: string): number => (DECIMAL.test(text.trim()) ? Number(text.trim()) : NaN);

/**
 * Text typed for a knob (the CLI's `--set name=value`, a form field) → the value its spec wants.
 * Lists are `100,100` or `100*6` (the book's `[100]*6`); a repeat longer than the list may be is
 * refused before anything is expanded. The result still goes through the validator.
 */
export function parseParamText(spec: ParamSpec, text: string): Parsed {
  const trimmed = text.trim();
  switch (spec.kind) {
    case 'number':
      return { ok: true, value: trimmed === '' ? NaN : decimal(trimmed) };
    case 'boolean':
      if (/^(true|yes|on|1)$/i.test(trimmed)) return { ok: true, value: true };
      if (/^(false|no|off|0)$/i.test(trimmed)) return { ok: true, value: false };
      return { ok: false, problem: problem(spec.name, 'not-boolean', { got: describeValue(trimmed) }) };
    case 'choice':
      return { ok: true, value: optionValues(spec).find((o) => o.toLowerCase() === trimmed.toLowerCase()) ?? trimmed };
    case 'number-list': {
      const body = trimmed.replace(/^\[|\]$/g, '');
      const repeat = /^(.+)\*\s*(\d+)$/.exec(body);
      if (repeat) {
        const count = Number(repeat[2]);
        if (!Number.isSafeInteger(count) || count < spec.minLength || count > spec.maxLength) {
          return {
            ok: false,
            problem: problem(spec.name, 'list-length', {
              min: spec.minLength,
              max: spec.maxLength,
              got: repeat[2],
              example: spec.default.join(','),
            }),
          };
        }
        return { ok: true, value: Array.from({ length: count }, () => decimal(repeat[1].replace(/^\[|\]$/g, ''))) };
      }
      const parts = body === '' ? [] : body.split(',');
      if (parts.length > spec.maxLength) {
        return {
          ok: false,
          problem: problem(spec.name, 'list-length', {
            min: spec.minLength,
            max: spec.maxLength,
            got: parts.length,
            example: spec.default.join(','),
          }),
        };
      }
      return { ok: true, value: parts.map(decimal) };
    }
    case 'choice-list': {
      const known = optionValues(spec);
      const parts = trimmed === '' ? [] : trimmed.split(',');
      if (parts.length > known.length) return { ok: false, problem: problem(spec.name, 'duplicate-option') };
      return { ok: true, value: parts.map((s) => known.find((o) => o.toLowerCase() === s.trim().toLowerCase()) ?? s.trim()) };
    }
  }
}

/** A value as the form and the CLI write it (lists comma-separated, numbers short). */
export function formatParamValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatParamValue).join(',');
  if (typeof value === 'number') return Number.isFinite(value) ? String(+value.toPrecision(6)) : String(value);
  return String(value);
}
