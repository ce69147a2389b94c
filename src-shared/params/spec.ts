// The shapes of an experiment's knobs: type, range, the book's default, words in every language,
// and when a knob matters at all. Data only — these objects travel to the renderer, the CLI's
// `lab list` and the docs unchanged — checked by the one validator in validate.ts.
import type { Text } from '../i18n/text.ts';

/** A knob that matters only given another one: a learning rate of an optimizer that is compared. */
export type Relevance =
  /** …when the choice-list `param` includes `value`. */
  | { param: string; includes: string }
  /** …when the choice or boolean `param` equals `value`. */
  | { param: string; equals: string | boolean };

interface Base {
  name: string;
  label: Text;
  help: Text;
  relevantWhen?: Relevance;
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

/** One option of a choice, with its words: the stored value never changes, the label may. */
export interface ChoiceOption {
  value: string;
  label: Text;
}

export interface ChoiceParam extends Base {
  kind: 'choice';
  default: string;
  options: readonly ChoiceOption[];
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
  options: readonly ChoiceOption[];
  minLength: number;
}

export type ParamSpec = NumberParam | ChoiceParam | BooleanParam | NumberListParam | ChoiceListParam;
export type ParamValue = number | string | boolean | number[] | string[];
export type ParamValues = Record<string, ParamValue>;

export const optionValues = (spec: ChoiceParam | ChoiceListParam): string[] => spec.options.map((option) => option.value);

export function defaultsOf(specs: readonly ParamSpec[]): ParamValues {
  const values: ParamValues = {};
  for (const spec of specs) values[spec.name] = Array.isArray(spec.default) ? [...spec.default] : (spec.default as ParamValue);
  return values;
}

/** Whether a knob matters given the others' values (a hidden knob keeps its default). */
export function isRelevant(spec: ParamSpec, values: Readonly<Record<string, unknown>>): boolean {
  const when = spec.relevantWhen;
  if (!when) return true;
  const other = values[when.param];
  return 'includes' in when ? Array.isArray(other) && other.includes(when.includes) : other === when.equals;
}
