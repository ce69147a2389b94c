// What is wrong with a request, as data: `{ field, code, params }`. The validator and the
// experiments' cross-field checks produce these; the form shows them under the field in the user's
// language, the CLI and the service's error messages print them in English. The words live here,
// once, for every language.
import { INTL_LOCALE, LANGS, same, type Lang, type Text } from '../i18n/text.ts';

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
  typeof p.index === 'number'
    ? { ko: `${p.index}번째 값: `, en: `Value ${p.index}: `, ja: `${p.index}番目の値: `, zh: `第${p.index}个值：` }
    : same('');

const prefixed = (p: ProblemParams, text: Text): Text => {
  const at = item(p);
  return Object.fromEntries(LANGS.map((lang) => [lang, at[lang] + text[lang]])) as Text;
};

const WORDS = {
  // ---- one value against its spec ----
  'not-a-number': (p) =>
    prefixed(p, { ko: '숫자를 입력하세요.', en: 'Enter a number.', ja: '数値を入力してください。', zh: '请输入数字。' }),
  'not-whole': (p) =>
    prefixed(p, { ko: '정수를 입력하세요.', en: 'Enter a whole number.', ja: '整数を入力してください。', zh: '请输入整数。' }),
  'below-min': (p, l) =>
    prefixed(p, {
      ko: `${n(p.min, l)} 이상이어야 합니다.`,
      en: `Must be at least ${n(p.min, l)}.`,
      ja: `${n(p.min, l)} 以上にしてください。`,
      zh: `必须至少为 ${n(p.min, l)}。`,
    }),
  'not-above-min': (p, l) =>
    prefixed(p, {
      ko: `${n(p.min, l)}보다 커야 합니다.`,
      en: `Must be greater than ${n(p.min, l)}.`,
      ja: `${n(p.min, l)} より大きくしてください。`,
      zh: `必须大于 ${n(p.min, l)}。`,
    }),
  'above-max': (p, l) =>
    prefixed(p, {
      ko: `${n(p.max, l)} 이하여야 합니다.`,
      en: `Must be at most ${n(p.max, l)}.`,
      ja: `${n(p.max, l)} 以下にしてください。`,
      zh: `必须至多为 ${n(p.max, l)}。`,
    }),
  'not-boolean': () => ({
    ko: '참이나 거짓이어야 합니다.',
    en: 'Must be true or false.',
    ja: '真か偽にしてください。',
    zh: '必须为真或假。',
  }),
  'not-an-option': (p) => ({
    ko: `다음 중 하나여야 합니다: ${p.options}.`,
    en: `Must be one of ${p.options}.`,
    ja: `次のいずれかにしてください: ${p.options}。`,
    zh: `必须是以下之一：${p.options}。`,
  }),
  'not-a-list': () => ({
    ko: '쉼표로 구분한 목록이어야 합니다.',
    en: 'Must be a comma-separated list.',
    ja: 'カンマ区切りのリストにしてください。',
    zh: '必须是用逗号分隔的列表。',
  }),
  'list-length': (p, l) =>
    p.min === p.max
      ? {
          ko: `값 ${n(p.min, l)}개를 쉼표로 구분해 입력하세요.`,
          en: `Enter ${n(p.min, l)} values separated by commas.`,
          ja: `${n(p.min, l)} 個の値をカンマ区切りで入力してください。`,
          zh: `请输入 ${n(p.min, l)} 个用逗号分隔的值。`,
        }
      : {
          ko: `값 ${n(p.min, l)}–${n(p.max, l)}개를 쉼표로 구분해 입력하세요${p.example ? ` (예: ${p.example})` : ''}.`,
          en: `Enter ${n(p.min, l)}–${n(p.max, l)} values separated by commas${p.example ? ` (e.g. ${p.example})` : ''}.`,
          ja: `${n(p.min, l)}–${n(p.max, l)} 個の値をカンマ区切りで入力してください${p.example ? `（例：${p.example}）` : ''}。`,
          zh: `请输入 ${n(p.min, l)}–${n(p.max, l)} 个用逗号分隔的值${p.example ? `（例如 ${p.example}）` : ''}。`,
        },
  'too-few-options': (p) =>
    p.min === 1
      ? { ko: '하나 이상 고르세요.', en: 'Choose at least one.', ja: '1つ以上選んでください。', zh: '请至少选择一个。' }
      : {
          ko: `${p.min}개 이상 고르세요.`,
          en: `Choose at least ${p.min}.`,
          ja: `${p.min}個以上選んでください。`,
          zh: `请至少选择${p.min}个。`,
        },
  'unknown-options': (p) => ({
    ko: `목록에 없는 항목입니다: ${p.got}.`,
    en: `Not in the list: ${p.got}.`,
    ja: `リストにない項目です: ${p.got}。`,
    zh: `不在列表中：${p.got}。`,
  }),
  'duplicate-option': () => ({
    ko: '같은 항목을 두 번 골랐습니다.',
    en: 'An entry is chosen twice.',
    ja: '同じ項目を2回選んでいます。',
    zh: '同一项被选择了两次。',
  }),
  // ---- the request ----
  'not-an-object': () => ({
    ko: '매개변수는 이름 → 값의 객체여야 합니다.',
    en: 'Parameters must be an object of name → value.',
    ja: 'パラメータは 名前 → 値 のオブジェクトにしてください。',
    zh: '参数必须是 名称 → 值 的对象。',
  }),
  'unknown-param': (p) => ({
    ko: `알 수 없는 매개변수입니다 (있는 것: ${p.known}).`,
    en: `Unknown parameter (known: ${p.known}).`,
    ja: `不明なパラメータです（あるもの: ${p.known}）。`,
    zh: `未知参数（已有：${p.known}）。`,
  }),
  'unknown-experiment': (p) => ({
    ko: `알 수 없는 실험입니다 (있는 것: ${p.known}).`,
    en: `Unknown experiment (known: ${p.known}).`,
    ja: `不明な実験です（あるもの: ${p.known}）。`,
    zh: `未知实验（已有：${p.known}）。`,
  }),
  'bad-seed': () => ({
    ko: '0 이상의 정수를 입력하거나 비워 두세요.',
    en: 'Enter a whole number ≥ 0, or leave it blank.',
    ja: '0以上の整数を入力するか、空欄にしてください。',
    zh: '请输入 ≥ 0 的整数，或留空。',
  }),
  'bad-name': (p) => ({
    ko: `이름은 ${p.max}자 이하의 글이어야 합니다.`,
    en: `A name is text of at most ${p.max} characters.`,
    ja: `名前は${p.max}文字以下のテキストにしてください。`,
    zh: `名称必须是不超过${p.max}个字符的文本。`,
  }),
  'bad-repeats': (p) => ({
    ko: `1부터 ${p.max}까지의 정수를 입력하세요.`,
    en: `Enter a whole number from 1 to ${p.max}.`,
    ja: `1から${p.max}までの整数を入力してください。`,
    zh: `请输入1到${p.max}的整数。`,
  }),
  // ---- the experiments' cross-field checks ----
  'batch-larger-than-train': (p, l) =>
    p.split
      ? {
          ko: `미니배치(${n(p.batch, l)})가 검증 데이터를 뗀 훈련 데이터(${n(p.train, l)}개)보다 큽니다.`,
          en: `The batch (${n(p.batch, l)}) is larger than the training samples left after the validation split (${n(p.train, l)}).`,
          ja: `ミニバッチ（${n(p.batch, l)}）が、検証データを分けた後の訓練データ（${n(p.train, l)}）より大きいです。`,
          zh: `mini-batch（${n(p.batch, l)}）大于分出验证数据后剩余的训练数据（${n(p.train, l)}）。`,
        }
      : {
          ko: `미니배치(${n(p.batch, l)})가 훈련 데이터(${n(p.train, l)}개)보다 큽니다.`,
          en: `The batch (${n(p.batch, l)}) is larger than the training set (${n(p.train, l)} samples).`,
          ja: `ミニバッチ（${n(p.batch, l)}）が訓練データ（${n(p.train, l)}枚）より大きいです。`,
          zh: `mini-batch（${n(p.batch, l)}）大于训练数据（${n(p.train, l)}个样本）。`,
        },
  'range-reversed': () => ({
    ko: '최대 지수가 최소 지수보다 작습니다.',
    en: 'The max exponent is below the min exponent.',
    ja: '指数の最大が最小より小さいです。',
    zh: '指数的最大值小于最小值。',
  }),
  'no-validation-sample': () => ({
    ko: '검증 데이터가 하나도 남지 않습니다.',
    en: 'This leaves no validation sample.',
    ja: '検証データが1つも残りません。',
    zh: '一个验证样本也不剩。',
  }),
  'no-training-sample': () => ({
    ko: '훈련 데이터가 하나도 남지 않습니다.',
    en: 'This leaves no training sample.',
    ja: '訓練データが1つも残りません。',
    zh: '一个训练样本也不剩。',
  }),
  'too-many-inputs': (p, l) => ({
    ko: `입력 표본 수 × 층당 노드 수가 ${n(p.limit, l)} 이하여야 합니다.`,
    en: `Samples × units per layer must be at most ${n(p.limit, l)}.`,
    ja: `サンプル数 × 層ごとのニューロン数は ${n(p.limit, l)} 以下にしてください。`,
    zh: `样本数 × 每层神经元数必须不超过 ${n(p.limit, l)}。`,
  }),
  'too-much-memory': (p, l) => ({
    ko: `이 크기의 신경망 하나에 메모리가 약 ${n(p.need, l)} MiB 필요합니다. 작업 스레드 하나가 쓸 수 있는 것은 ${n(p.limit, l)} MiB입니다 (은닉층이나 미니배치를 줄이세요).`,
    en: `A network of this size needs about ${n(p.need, l)} MiB; a worker can use ${n(p.limit, l)} MiB (use smaller hidden layers or batches).`,
    ja: `この大きさのネットワークには約 ${n(p.need, l)} MiB のメモリが必要ですが、ワーカー1つが使えるのは ${n(p.limit, l)} MiB です（隠れ層かミニバッチを小さくしてください）。`,
    zh: `这种大小的网络需要约 ${n(p.need, l)} MiB内存；一个工作线程最多可用 ${n(p.limit, l)} MiB（请减小隐藏层或mini-batch）。`,
  }),
  'too-many-weights': (p, l) => ({
    ko: `가중치가 ${n(p.weights, l)}개로 수치 미분으로 확인하기에 너무 큽니다 (${n(p.limit, l)}개 이하).`,
    en: `${n(p.weights, l)} weights is too large for a numerical gradient check (keep it under ${n(p.limit, l)}).`,
    ja: `重みが${n(p.weights, l)}個あり、数値微分による勾配確認には大きすぎます（${n(p.limit, l)}個未満にしてください）。`,
    zh: `${n(p.weights, l)}个权重对数值梯度确认来说太多了（请保持在${n(p.limit, l)}个以下）。`,
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

const GOT_WORDS: Text = { ko: '입력', en: 'got', ja: '入力', zh: '输入' };

/** One line for a terminal or a log: `batchSize: Must be at least 1 (got 0).` */
export function problemLine(p: Problem, lang: Lang = 'en'): string {
  const text = problemText(p, lang);
  const got = p.params.got;
  const withGot =
    got === undefined ? text : `${text.replace(/\.$/, '')} (${GOT_WORDS[lang]} ${typeof got === 'string' ? got : String(got)}).`;
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
