// The parameter form of one experiment: what the user typed, parsed with the same `parseParamText`
// and checked with the same `validateParams` the lab service runs, plus the experiment's cross-field
// checks (checks.ts), so that Run is only enabled for a request the service will accept. Messages
// are localized here; the service's own English text is the fallback for anything unforeseen.
import type { ExperimentInfo, ParamValues, Text } from '../../src-main/api.ts';
import { defaultsOf, validateParams } from '../../src-worker/experiments/params.ts';
import { crossProblems } from './checks.ts';
import { formatValue } from './format.ts';
import { T } from './messages.ts';
import { fieldProblem, isRelevant, OPTIMIZER_LR, parse, parseSeed, rawOf, type RawValue } from './validation.ts';

export { OPTIMIZER_LR, type RawValue } from './validation.ts';

/** The service's bound on `repeats` (lab-service.ts MAX_REPEATS). */
export const MAX_REPEATS = 20;

/** 1–MAX_REPEATS from the field's text (blank is 1), or null. */
export function parseRepeats(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 1;
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= MAX_REPEATS ? n : null;
}

export interface FormCheck {
  /** Localized problem per field name (only fields that are shown). */
  fields: Record<string, Text>;
  /** Problems that belong to no single field (the service's own wording). */
  general: string[];
  seed: Text | null;
  repeats: Text | null;
  /** The values a start request would carry (defaults for hidden fields typed wrong). */
  values: ParamValues;
  ok: boolean;
}

export class ParamForm {
  readonly info: ExperimentInfo;
  raw = $state<Record<string, RawValue>>({});
  seedText = $state('');
  /** How many times to run the job, with seeds seed, seed+1, … (1–MAX_REPEATS). */
  repeatsText = $state('1');
  /** The job whose parameters were last copied in, if any. */
  filledFrom = $state<number | null>(null);
  /** Set by "Edit and run": the stored job the form was filled from, until the user runs or resets. */
  editingFrom = $state<number | null>(null);
  #lastValid: ParamValues;

  constructor(info: ExperimentInfo) {
    this.info = info;
    this.#lastValid = defaultsOf(info.params);
    this.reset();
  }

  reset(): void {
    const defaults = defaultsOf(this.info.params);
    this.raw = Object.fromEntries(this.info.params.map((spec) => [spec.name, rawOf(spec, defaults[spec.name])]));
    this.seedText = '';
    this.repeatsText = '1';
    this.filledFrom = null;
    this.editingFrom = null;
  }

  /** Copies a stored job's parameters (and seed) into the form. */
  fill(params: Record<string, unknown>, seed: number | null, jobId: number | null): void {
    const defaults = defaultsOf(this.info.params);
    this.raw = Object.fromEntries(
      this.info.params.map((spec) => [spec.name, rawOf(spec, spec.name in params ? params[spec.name] : defaults[spec.name])]),
    );
    this.seedText = seed === null ? '' : String(seed);
    // A stored job's params carry `repeats` when it ran more than once.
    this.repeatsText = typeof params.repeats === 'number' ? String(params.repeats) : '1';
    this.filledFrom = jobId;
  }

  relevant(name: string): boolean {
    return isRelevant(this.info.id, name, this.raw);
  }

  check: FormCheck = $derived.by(() => {
    const specs = this.info.params;
    const defaults = defaultsOf(specs);
    const fields: Record<string, Text> = {};
    const values: ParamValues = {};
    for (const spec of specs) {
      const raw = this.raw[spec.name] ?? rawOf(spec, defaults[spec.name]);
      const value = parse(spec, raw);
      const problem = fieldProblem(spec, value);
      if (!isRelevant(this.info.id, spec.name, this.raw)) {
        values[spec.name] = problem ? defaults[spec.name] : value;
        continue;
      }
      values[spec.name] = value;
      if (problem) fields[spec.name] = problem;
    }
    if (Object.keys(fields).length === 0) {
      for (const cross of crossProblems(this.info.id, values)) fields[cross.field] ??= cross.text;
    }
    // The service's own validation, on exactly what would be sent: the last word on "valid".
    const server = validateParams(specs, values, (v) => crossProblems(this.info.id, v));
    const general = !server.ok && Object.keys(fields).length === 0 ? server.errors : [];
    const seedParsed = parseSeed(this.seedText);
    const seed: Text | null = seedParsed.ok ? null : T.seedProblem;
    const repeats: Text | null = parseRepeats(this.repeatsText) === null ? T.repeatsProblem : null;
    return { fields, general, seed, repeats, values, ok: server.ok && Object.keys(fields).length === 0 && seed === null && repeats === null };
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

  /** Parameters that differ from the book's defaults, for the job list. */
  static differences(info: ExperimentInfo, params: Record<string, unknown>): string[] {
    const defaults = defaultsOf(info.params);
    const out: string[] = [];
    for (const spec of info.params) {
      if (!(spec.name in params)) continue;
      if (OPTIMIZER_LR.test(spec.name) && Array.isArray(params.optimizers) && !params.optimizers.includes(spec.name.slice(2))) continue;
      const a = formatValue(params[spec.name]);
      if (a !== formatValue(defaults[spec.name])) out.push(`${spec.name}=${a}`);
    }
    return out;
  }
}
