// The parameter form of one experiment: what the user typed, parsed and checked by the very code
// the lab service runs (src-shared/params), so that Run is enabled exactly for a request the service
// accepts. Problems stay data until the moment they are shown, in the user's language.
import type { ExperimentSpec } from '../../src-shared/experiments/spec.ts';
import { problem, type Problem } from '../../src-shared/params/problems.ts';
import { defaultsOf, isRelevant, optionValues, type ParamSpec, type ParamValue, type ParamValues } from '../../src-shared/params/spec.ts';
import { formatParamValue, parseParamText, validateParams, valueProblem } from '../../src-shared/params/validate.ts';
import { MAX_REPEATS, MAX_SEED } from '../../src-shared/vocabulary.ts';

/** What a control holds: text for numbers and lists, the option for a choice, the checked options, a flag. */
export type RawValue = string | boolean | string[];

export function rawOf(spec: ParamSpec, value: unknown): RawValue {
  switch (spec.kind) {
    case 'number':
    case 'number-list':
      return formatParamValue(value);
    case 'boolean':
      return value === true;
    case 'choice':
      return typeof value === 'string' ? value : spec.default;
    case 'choice-list':
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [...spec.default];
  }
}

/** A control's content as the value its spec wants, or the problem that stops it being one. */
function parse(spec: ParamSpec, raw: RawValue): { value: ParamValue; problem: Problem | null } {
  switch (spec.kind) {
    case 'number':
    case 'number-list': {
      const parsed = parseParamText(spec, String(raw));
      return parsed.ok
        ? { value: parsed.value, problem: valueProblem(spec, parsed.value) }
        : { value: spec.kind === 'number' ? NaN : [], problem: parsed.problem };
    }
    case 'boolean':
      return { value: raw === true, problem: null };
    case 'choice':
      return { value: String(raw), problem: valueProblem(spec, String(raw)) };
    case 'choice-list': {
      const checked = new Set(Array.isArray(raw) ? raw : []);
      const value = optionValues(spec).filter((option) => checked.has(option)); // the spec's order, whatever the click order
      return { value, problem: valueProblem(spec, value) };
    }
  }
}

/** A seed as typed: blank for a random one, else a whole number 0 … 2^53 − 1. */
export function parseSeed(text: string): { ok: true; seed: number | undefined } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, seed: undefined };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const seed = Number(trimmed);
  return Number.isSafeInteger(seed) && seed <= MAX_SEED ? { ok: true, seed } : { ok: false };
}

/** 1–MAX_REPEATS from the field's text (blank is 1), or null. */
export function parseRepeats(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 1;
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= MAX_REPEATS ? n : null;
}

export interface FormCheck {
  /** The problem of each field that is shown. */
  fields: Record<string, Problem>;
  /** Problems the service would raise that belong to no field on the form. */
  general: Problem[];
  seed: Problem | null;
  repeats: Problem | null;
  /** The values a start request would carry (defaults for hidden fields typed wrong). */
  values: ParamValues;
  ok: boolean;
}

export class ParamForm {
  readonly spec: ExperimentSpec;
  raw = $state<Record<string, RawValue>>({});
  seedText = $state('');
  /** How many times to run the job, with seeds seed, seed+1, … (1–MAX_REPEATS). */
  repeatsText = $state('1');
  /** The job whose parameters were last copied in, if any. */
  filledFrom = $state<number | null>(null);
  /** Set by "Edit and run": the stored job the form was filled from, until the user runs or resets. */
  editingFrom = $state<number | null>(null);
  #lastValid: ParamValues;

  constructor(spec: ExperimentSpec) {
    this.spec = spec;
    this.#lastValid = defaultsOf(spec.params);
    this.reset();
  }

  reset(): void {
    const defaults = defaultsOf(this.spec.params);
    this.raw = Object.fromEntries(this.spec.params.map((spec) => [spec.name, rawOf(spec, defaults[spec.name])]));
    this.seedText = '';
    this.repeatsText = '1';
    this.filledFrom = null;
    this.editingFrom = null;
  }

  /** Copies a stored job's parameters (and seed) into the form. */
  fill(params: Record<string, unknown>, seed: number | null, jobId: number | null): void {
    const defaults = defaultsOf(this.spec.params);
    this.raw = Object.fromEntries(
      this.spec.params.map((spec) => [spec.name, rawOf(spec, Object.hasOwn(params, spec.name) ? params[spec.name] : defaults[spec.name])]),
    );
    this.seedText = seed === null ? '' : String(seed);
    // A stored job's params carry `repeats` when it ran more than once.
    this.repeatsText = typeof params.repeats === 'number' ? String(params.repeats) : '1';
    this.filledFrom = jobId;
  }

  /** Whether a field matters given the others (its spec says when). */
  relevant(spec: ParamSpec): boolean {
    return isRelevant(spec, this.raw);
  }

  check: FormCheck = $derived.by(() => {
    const specs = this.spec.params;
    const defaults = defaultsOf(specs);
    const fields: Record<string, Problem> = {};
    const values: ParamValues = {};
    for (const spec of specs) {
      const { value, problem: p } = parse(spec, this.raw[spec.name] ?? rawOf(spec, defaults[spec.name]));
      if (!isRelevant(spec, this.raw)) {
        values[spec.name] = p ? defaults[spec.name] : value;
        continue;
      }
      values[spec.name] = value;
      if (p) fields[spec.name] = p;
    }
    if (Object.keys(fields).length === 0) {
      for (const cross of this.spec.check?.(values) ?? []) if (cross.field) fields[cross.field] ??= cross;
    }
    // The service's own validation, on exactly what would be sent: the last word on "valid".
    const server = validateParams(specs, values, this.spec.check);
    const general =
      !server.ok && Object.keys(fields).length === 0 ? server.problems.filter((p) => !p.field || !Object.hasOwn(fields, p.field)) : [];
    const seed = parseSeed(this.seedText).ok ? null : problem('seed', 'bad-seed');
    const repeats = parseRepeats(this.repeatsText) === null ? problem('repeats', 'bad-repeats', { max: MAX_REPEATS }) : null;
    return {
      fields,
      general,
      seed,
      repeats,
      values,
      ok: server.ok && Object.keys(fields).length === 0 && seed === null && repeats === null,
    };
  });

  /** The number of repeats typed (1 when the field is wrong: Run is disabled then anyway). */
  get repeats(): number {
    return parseRepeats(this.repeatsText) ?? 1;
  }

  /** The parameters to preview with: the current ones when valid, else the last valid ones. */
  preview: ParamValues = $derived.by(() => {
    const check = this.check;
    if (Object.keys(check.fields).length === 0 && check.general.length === 0) this.#lastValid = check.values;
    return this.#lastValid;
  });

  get seed(): number | undefined {
    const parsed = parseSeed(this.seedText);
    return parsed.ok ? parsed.seed : undefined;
  }

  /** Parameters that differ from the book's defaults and matter, for the job list: `name=value`. */
  static differences(spec: ExperimentSpec, params: Record<string, unknown>): { spec: ParamSpec; value: unknown }[] {
    const defaults = defaultsOf(spec.params);
    const out: { spec: ParamSpec; value: unknown }[] = [];
    for (const param of spec.params) {
      if (!Object.hasOwn(params, param.name) || !isRelevant(param, params)) continue;
      if (formatParamValue(params[param.name]) !== formatParamValue(defaults[param.name]))
        out.push({ spec: param, value: params[param.name] });
    }
    return out;
  }
}
