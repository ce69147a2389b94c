// Parameter schemas: every experiment declares its knobs here — type, range, the book's default and a
// Korean and English label and help text — and every value that arrives from outside (the CLI's
// --set, the renderer over IPC) is validated against them before anything starts.

export interface Text {
  ko: string;
  en: string;
}

interface Base {
  name: string;
  label: Text;
  help: Text;
}

export interface NumberParam extends Base {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  /** min itself is not allowed (a learning rate of 0, say). */
  minExclusive?: boolean;
  integer?: boolean;
  /** Shown on a log scale in the UI. */
  log?: boolean;
}

export interface ChoiceParam extends Base {
  kind: 'choice';
  default: string;
  options: readonly string[];
}

export interface BooleanParam extends Base {
  kind: 'boolean';
  default: boolean;
}

/** A list of numbers, e.g. hidden layer sizes `100,100,100,100`. */
export interface NumberListParam extends Base {
  kind: 'number-list';
  default: readonly number[];
  min: number;
  max: number;
  integer?: boolean;
  minLength: number;
  maxLength: number;
}

/** A subset of options, e.g. which optimizers to compare. */
export interface ChoiceListParam extends Base {
  kind: 'choice-list';
  default: readonly string[];
  options: readonly string[];
  minLength: number;
}

export type ParamSpec = NumberParam | ChoiceParam | BooleanParam | NumberListParam | ChoiceListParam;
export type ParamValue = number | string | boolean | number[] | string[];
export type ParamValues = Record<string, ParamValue>;

export function defaultsOf(specs: readonly ParamSpec[]): ParamValues {
  const values: ParamValues = {};
  for (const spec of specs) {
    values[spec.name] = Array.isArray(spec.default) ? [...spec.default] : (spec.default as ParamValue);
  }
  return values;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

function checkNumber(spec: NumberParam | NumberListParam, value: unknown, where: string): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${where} must be a finite number (got ${describe(value)})`;
  if (spec.integer && !Number.isInteger(value)) return `${where} must be a whole number (got ${value})`;
  const minExclusive = spec.kind === 'number' && spec.minExclusive;
  if (minExclusive ? value <= spec.min : value < spec.min) {
    return `${where} must be ${minExclusive ? 'greater than' : 'at least'} ${spec.min} (got ${value})`;
  }
  if (value > spec.max) return `${where} must be at most ${spec.max} (got ${value})`;
  return null;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function checkOne(spec: ParamSpec, value: unknown): string | null {
  const name = spec.name;
  switch (spec.kind) {
    case 'number':
      return checkNumber(spec, value, name);
    case 'boolean':
      return typeof value === 'boolean' ? null : `${name} must be true or false (got ${describe(value)})`;
    case 'choice':
      return typeof value === 'string' && spec.options.includes(value)
        ? null
        : `${name} must be one of ${spec.options.join(', ')} (got ${describe(value)})`;
    case 'number-list': {
      if (!Array.isArray(value)) return `${name} must be a list of numbers (got ${describe(value)})`;
      if (value.length < spec.minLength || value.length > spec.maxLength) {
        return `${name} must have ${spec.minLength}–${spec.maxLength} entries (got ${value.length})`;
      }
      for (let i = 0; i < value.length; i++) {
        const problem = checkNumber(spec, value[i], `${name}[${i + 1}]`);
        if (problem) return problem;
      }
      return null;
    }
    case 'choice-list': {
      if (!Array.isArray(value)) return `${name} must be a list (got ${describe(value)})`;
      if (value.length < spec.minLength) return `${name} must name at least ${spec.minLength} of ${spec.options.join(', ')}`;
      const unknown = value.filter((v) => typeof v !== 'string' || !spec.options.includes(v));
      if (unknown.length) return `${name}: ${unknown.map(describe).join(', ')} not among ${spec.options.join(', ')}`;
      if (new Set(value).size !== value.length) return `${name} lists an entry twice`;
      return null;
    }
  }
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Checks `input` (anything that crossed a process boundary) against the specs: unknown names,
 * wrong types and out-of-range values are all reported, one message each. Missing names take
 * their defaults. `extra` adds cross-field checks (e.g. a batch larger than the training set).
 */
export function validateParams(
  specs: readonly ParamSpec[],
  input: unknown,
  extra?: (values: ParamValues) => readonly { text: Text }[],
): Validation<ParamValues> {
  if (input === undefined || input === null) input = {};
  if (!isPlainObject(input)) return { ok: false, errors: [`parameters must be an object of name → value (got ${describe(input)})`] };
  const errors: string[] = [];
  const known = new Set(specs.map((s) => s.name));
  for (const name of Object.keys(input)) {
    if (!known.has(name)) errors.push(`unknown parameter ${JSON.stringify(name)} (known: ${[...known].join(', ')})`);
  }
  const values = defaultsOf(specs);
  for (const spec of specs) {
    if (!(spec.name in input)) continue;
    const problem = checkOne(spec, input[spec.name]);
    if (problem) errors.push(problem);
    else values[spec.name] = structuredClone(input[spec.name]) as ParamValue;
  }
  if (errors.length === 0 && extra) errors.push(...extra(values).map((problem) => problem.text.en));
  return errors.length ? { ok: false, errors } : { ok: true, value: values };
}

/** Parses a command-line value (`--set name=value`) into the type its spec wants. */
export function parseParamText(spec: ParamSpec, text: string): ParamValue {
  const trimmed = text.trim();
  const number = (s: string) => (s.trim() === '' ? NaN : Number(s));
  switch (spec.kind) {
    case 'number':
      return number(trimmed);
    case 'boolean':
      if (/^(true|yes|on|1)$/i.test(trimmed)) return true;
      if (/^(false|no|off|0)$/i.test(trimmed)) return false;
      return trimmed; // validation reports it
    case 'choice':
      return spec.options.find((o) => o.toLowerCase() === trimmed.toLowerCase()) ?? trimmed;
    case 'number-list':
      return expandList(trimmed).map(number);
    case 'choice-list':
      return trimmed === ''
        ? []
        : trimmed.split(',').map((s) => spec.options.find((o) => o.toLowerCase() === s.trim().toLowerCase()) ?? s.trim());
  }
}

/** `100,100` or `100*6` (the book's `[100]*6`). */
function expandList(text: string): string[] {
  const repeat = /^(.+)\*(\d+)$/.exec(text);
  if (repeat) return Array.from({ length: Number(repeat[2]) }, () => repeat[1].replace(/^\[|\]$/g, ''));
  return text.replace(/^\[|\]$/g, '').split(',');
}

export function formatParamValue(value: ParamValue): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
