// What is wrong with a request, as data: `{ field, code, params }`. The validator and the
// experiments' cross-field checks produce these; the form shows them under the field in the user's
// language, the CLI and the service's error messages print them in English. The words live here,
// once, for every language.
import { INTL_LOCALE, type Lang, type Text } from '../i18n/text.ts';

export type ProblemParams = Readonly<Record<string, string | number | boolean | null>>;

export interface Problem {
  /** The parameter or request field it is about (`lr`, `seed`, `repeats`…); null for the request as a whole. */
  field: string | null;
  code: ProblemCode;
  params: ProblemParams;
}

type Words = (p: ProblemParams, lang: Lang) => Text;

const n = (value: unknown, lang: Lang): string =>
  typeof value === 'number' ? (Math.abs(value) >= 10_000 ? value.toLocaleString(INTL_LOCALE[lang]) : String(value)) : String(value);

/** "Value 3: " before a problem of one entry of a list. */
const item = (p: ProblemParams): Text =>
  typeof p.index === 'number' ? { ko: `${p.index}번째 값: `, en: `Value ${p.index}: ` } : { ko: '', en: '' };

const prefixed = (p: ProblemParams, text: Text): Text => {
  const at = item(p);
  return { ko: at.ko + text.ko, en: at.en + text.en };
};

const WORDS = {
  // ---- one value against its spec ----
  'not-a-number': (p) => prefixed(p, { ko: '숫자를 입력하세요.', en: 'Enter a number.' }),
  'not-whole': (p) => prefixed(p, { ko: '정수를 입력하세요.', en: 'Enter a whole number.' }),
  'below-min': (p, l) => prefixed(p, { ko: `${n(p.min, l)} 이상이어야 합니다.`, en: `Must be at least ${n(p.min, l)}.` }),
  'not-above-min': (p, l) => prefixed(p, { ko: `${n(p.min, l)}보다 커야 합니다.`, en: `Must be greater than ${n(p.min, l)}.` }),
  'above-max': (p, l) => prefixed(p, { ko: `${n(p.max, l)} 이하여야 합니다.`, en: `Must be at most ${n(p.max, l)}.` }),
  'not-boolean': () => ({ ko: '참이나 거짓이어야 합니다.', en: 'Must be true or false.' }),
  'not-an-option': (p) => ({ ko: `다음 중 하나여야 합니다: ${p.options}.`, en: `Must be one of ${p.options}.` }),
  'not-a-list': () => ({ ko: '쉼표로 구분한 목록이어야 합니다.', en: 'Must be a comma-separated list.' }),
  'list-length': (p, l) =>
    p.min === p.max
      ? { ko: `값 ${n(p.min, l)}개를 쉼표로 구분해 입력하세요.`, en: `Enter ${n(p.min, l)} values separated by commas.` }
      : {
          ko: `값 ${n(p.min, l)}–${n(p.max, l)}개를 쉼표로 구분해 입력하세요${p.example ? ` (예: ${p.example})` : ''}.`,
          en: `Enter ${n(p.min, l)}–${n(p.max, l)} values separated by commas${p.example ? ` (e.g. ${p.example})` : ''}.`,
        },
  'too-few-options': (p) =>
    p.min === 1
      ? { ko: '하나 이상 고르세요.', en: 'Choose at least one.' }
      : { ko: `${p.min}개 이상 고르세요.`, en: `Choose at least ${p.min}.` },
  'unknown-options': (p) => ({ ko: `목록에 없는 항목입니다: ${p.got}.`, en: `Not in the list: ${p.got}.` }),
  'duplicate-option': () => ({ ko: '같은 항목을 두 번 골랐습니다.', en: 'An entry is chosen twice.' }),
  // ---- the request ----
  'not-an-object': () => ({ ko: '매개변수는 이름 → 값의 객체여야 합니다.', en: 'Parameters must be an object of name → value.' }),
  'unknown-param': (p) => ({ ko: `알 수 없는 매개변수입니다 (있는 것: ${p.known}).`, en: `Unknown parameter (known: ${p.known}).` }),
  'unknown-experiment': (p) => ({ ko: `알 수 없는 실험입니다 (있는 것: ${p.known}).`, en: `Unknown experiment (known: ${p.known}).` }),
  'bad-seed': () => ({ ko: '0 이상의 정수를 입력하거나 비워 두세요.', en: 'Enter a whole number ≥ 0, or leave it blank.' }),
  'bad-name': (p) => ({ ko: `이름은 ${p.max}자 이하의 글이어야 합니다.`, en: `A name is text of at most ${p.max} characters.` }),
  'bad-repeats': (p) => ({ ko: `1부터 ${p.max}까지의 정수를 입력하세요.`, en: `Enter a whole number from 1 to ${p.max}.` }),
  // ---- the experiments' cross-field checks ----
  'batch-larger-than-train': (p, l) =>
    p.split
      ? {
          ko: `미니배치(${n(p.batch, l)})가 검증 데이터를 뗀 훈련 데이터(${n(p.train, l)}개)보다 큽니다.`,
          en: `The batch (${n(p.batch, l)}) is larger than the training samples left after the validation split (${n(p.train, l)}).`,
        }
      : {
          ko: `미니배치(${n(p.batch, l)})가 훈련 데이터(${n(p.train, l)}개)보다 큽니다.`,
          en: `The batch (${n(p.batch, l)}) is larger than the training set (${n(p.train, l)} samples).`,
        },
  'range-reversed': () => ({ ko: '최대 지수가 최소 지수보다 작습니다.', en: 'The max exponent is below the min exponent.' }),
  'no-validation-sample': () => ({ ko: '검증 데이터가 하나도 남지 않습니다.', en: 'This leaves no validation sample.' }),
  'no-training-sample': () => ({ ko: '훈련 데이터가 하나도 남지 않습니다.', en: 'This leaves no training sample.' }),
  'too-many-inputs': (p, l) => ({
    ko: `입력 표본 수 × 층당 노드 수가 ${n(p.limit, l)} 이하여야 합니다.`,
    en: `Samples × units per layer must be at most ${n(p.limit, l)}.`,
  }),
  'too-much-memory': (p, l) => ({
    ko: `이 크기의 신경망 하나에 메모리가 약 ${n(p.need, l)} MiB 필요합니다. 작업 스레드 하나가 쓸 수 있는 것은 ${n(p.limit, l)} MiB입니다 (은닉층이나 미니배치를 줄이세요).`,
    en: `A network of this size needs about ${n(p.need, l)} MiB; a worker can use ${n(p.limit, l)} MiB (use smaller hidden layers or batches).`,
  }),
  'too-many-weights': (p, l) => ({
    ko: `가중치가 ${n(p.weights, l)}개로 수치 미분으로 확인하기에 너무 큽니다 (${n(p.limit, l)}개 이하).`,
    en: `${n(p.weights, l)} weights is too large for a numerical gradient check (keep it under ${n(p.limit, l)}).`,
  }),
} satisfies Record<string, Words>;

export type ProblemCode = keyof typeof WORDS;

export function problem(field: string | null, code: ProblemCode, params: ProblemParams = {}): Problem {
  return { field, code, params };
}

/** The sentence shown under the field, in `lang`. */
export function problemText(p: Problem, lang: Lang): string {
  return WORDS[p.code](p.params, lang)[lang];
}

/** One line for a terminal or a log: `batchSize: Must be at least 1 (got 0).` */
export function problemLine(p: Problem, lang: Lang = 'en'): string {
  const text = problemText(p, lang);
  const got = p.params.got;
  const withGot =
    got === undefined
      ? text
      : `${text.replace(/\.$/, '')} (${lang === 'ko' ? '입력' : 'got'} ${typeof got === 'string' ? got : String(got)}).`;
  return p.field ? `${p.field}: ${withGot}` : withGot;
}

/** How a value that crossed a process boundary is named in a problem (never a whole object dumped). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
