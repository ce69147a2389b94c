// The form's pure rules, shared by the form state (param-form.svelte.ts) and the parity tests
// (e2e/validation.spec.ts): how a control's content becomes a parameter value, the localized reason a
// value breaks its spec (the same checks validateParams makes), and which fields matter.
import type { ParamSpec, ParamValue, Text } from '../../src-main/api.ts';
import { parseParamText } from '../../src-worker/experiments/params.ts';
import { formatValue } from './format.ts';

/** `lrSGD`, `lrAdam`, …: the learning rate of one optimizer. */
export const OPTIMIZER_LR = /^lr(SGD|Momentum|Nesterov|AdaGrad|RMSprop|Adam)$/;

/** What a control holds: text for numbers and lists, the option for a choice, the checked options, a flag. */
export type RawValue = string | boolean | string[];

export function rawOf(spec: ParamSpec, value: unknown): RawValue {
  switch (spec.kind) {
    case 'number':
    case 'number-list':
      return formatValue(value);
    case 'boolean':
      return value === true;
    case 'choice':
      return typeof value === 'string' ? value : spec.default;
    case 'choice-list':
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [...spec.default];
  }
}

export function parse(spec: ParamSpec, raw: RawValue): ParamValue {
  switch (spec.kind) {
    case 'number':
    case 'number-list':
      return parseParamText(spec, String(raw));
    case 'boolean':
      return raw === true;
    case 'choice':
      return String(raw);
    case 'choice-list': {
      const checked = new Set(Array.isArray(raw) ? raw : []);
      return spec.options.filter((option) => checked.has(option)); // the spec's order, whatever the click order
    }
  }
}

const n = (value: number) => String(value);

function numberProblem(spec: { min: number; max: number; integer?: boolean; minExclusive?: boolean }, value: unknown): Text | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { ko: '숫자를 입력하세요.', en: 'Enter a number.' };
  if (spec.integer && !Number.isInteger(value)) return { ko: '정수를 입력하세요.', en: 'Enter a whole number.' };
  if (spec.minExclusive ? value <= spec.min : value < spec.min) {
    return spec.minExclusive
      ? { ko: `${n(spec.min)}보다 커야 합니다.`, en: `Must be greater than ${n(spec.min)}.` }
      : { ko: `${n(spec.min)} 이상이어야 합니다.`, en: `Must be at least ${n(spec.min)}.` };
  }
  if (value > spec.max) return { ko: `${n(spec.max)} 이하여야 합니다.`, en: `Must be at most ${n(spec.max)}.` };
  return null;
}

/** The localized reason a single value breaks its spec (mirrors validateParams' own checks). */
export function fieldProblem(spec: ParamSpec, value: ParamValue): Text | null {
  switch (spec.kind) {
    case 'number':
      return numberProblem(spec, value);
    case 'number-list': {
      const list = Array.isArray(value) ? value : [];
      if (list.length < spec.minLength || list.length > spec.maxLength) {
        return spec.minLength === spec.maxLength
          ? { ko: `값 ${spec.minLength}개를 쉼표로 구분해 입력하세요.`, en: `Enter ${spec.minLength} values separated by commas.` }
          : {
              ko: `값 ${spec.minLength}–${spec.maxLength}개를 쉼표로 구분해 입력하세요 (예: ${spec.default.join(',')}).`,
              en: `Enter ${spec.minLength}–${spec.maxLength} values separated by commas (e.g. ${spec.default.join(',')}).`,
            };
      }
      for (let i = 0; i < list.length; i++) {
        const problem = numberProblem(spec, list[i]);
        if (problem) return { ko: `${i + 1}번째 값: ${problem.ko}`, en: `Value ${i + 1}: ${problem.en}` };
      }
      return null;
    }
    case 'choice-list': {
      const list: unknown[] = Array.isArray(value) ? value : [];
      if (list.length < spec.minLength) {
        return spec.minLength === 1
          ? { ko: '하나 이상 고르세요.', en: 'Choose at least one.' }
          : { ko: `${spec.minLength}개 이상 고르세요.`, en: `Choose at least ${spec.minLength}.` };
      }
      if (list.some((v) => typeof v !== 'string' || !spec.options.includes(v)) || new Set(list).size !== list.length) {
        return { ko: '목록에 있는 항목을 한 번씩만 고르세요.', en: 'Choose entries of the list, each once.' };
      }
      return null;
    }
    case 'choice':
      return typeof value === 'string' && spec.options.includes(value) ? null : { ko: '목록에서 고르세요.', en: 'Choose one of the list.' };
    case 'boolean':
      return null;
  }
}

/** Fields that only matter given others (a learning rate of an optimizer that is not compared). */
export function isRelevant(experiment: string, name: string, raw: Record<string, RawValue>): boolean {
  const has = (list: string, item: string) => Array.isArray(raw[list]) && (raw[list] as string[]).includes(item);
  if ((experiment === 'optimizer-paths' || experiment === 'optimizer-compare') && OPTIMIZER_LR.test(name)) {
    return has('optimizers', name.slice(2));
  }
  if (experiment === 'weight-init-compare' && name === 'weightStd') return has('inits', 'std');
  if (experiment === 'gradient-check' && name === 'weightStd') return raw.weightInit === 'std';
  if (experiment === 'gradient-check' && name === 'dropoutRatio') return raw.dropout === true;
  return true;
}

export function parseSeed(text: string): { ok: true; seed: number | undefined } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, seed: undefined };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const seed = Number(trimmed);
  return Number.isSafeInteger(seed) ? { ok: true, seed } : { ok: false };
}
