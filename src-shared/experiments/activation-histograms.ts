// 6.2 — weight scale vs the distribution of activations (the book's weight_init_activation_histogram.py):
// 1000×100 standard-normal inputs through 5 layers of 100 units, W = randn(100,100)·scale, no bias,
// and a 30-bin histogram of each layer's activations.
import { same, type Text } from '../i18n/text.ts';
import { problem } from '../params/problems.ts';
import type { Activation, InitName } from '../vocabulary.ts';
import type { ExperimentSpec, RunPlan } from './spec.ts';

interface Preset {
  activation: Activation;
  init: InitName;
  /** The std when `init` is 'std'. */
  scale: number;
  label: Text;
}

/** The book's figures 6-10 to 6-14: an activation with a weight scale. */
export const PRESETS = {
  'sigmoid-1': {
    activation: 'sigmoid',
    init: 'std',
    scale: 1,
    label: { ko: '시그모이드 · 표준편차 1', en: 'Sigmoid · std 1', ja: 'シグモイド · 標準偏差1', zh: 'sigmoid · 标准差1' },
  },
  'sigmoid-0.01': {
    activation: 'sigmoid',
    init: 'std',
    scale: 0.01,
    label: { ko: '시그모이드 · 표준편차 0.01', en: 'Sigmoid · std 0.01', ja: 'シグモイド · 標準偏差0.01', zh: 'sigmoid · 标准差0.01' },
  },
  'sigmoid-xavier': {
    activation: 'sigmoid',
    init: 'xavier',
    scale: 0,
    label: { ko: '시그모이드 · Xavier', en: 'Sigmoid · Xavier', ja: 'シグモイド · Xavier', zh: 'sigmoid · Xavier' },
  },
  'tanh-xavier': { activation: 'tanh', init: 'xavier', scale: 0, label: same('tanh · Xavier') },
  'relu-0.01': {
    activation: 'relu',
    init: 'std',
    scale: 0.01,
    label: { ko: 'ReLU · 표준편차 0.01', en: 'ReLU · std 0.01', ja: 'ReLU · 標準偏差0.01', zh: 'ReLU · 标准差0.01' },
  },
  'relu-xavier': { activation: 'relu', init: 'xavier', scale: 0, label: same('ReLU · Xavier') },
  'relu-he': { activation: 'relu', init: 'he', scale: 0, label: same('ReLU · He') },
} as const satisfies Record<string, Preset>;
export type PresetId = keyof typeof PRESETS;
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

/** Samples × units above this would take too long in the single-threaded float64 loop. */
export const MAX_HISTOGRAM_VALUES = 20_000_000;
/** Hidden layers a run may have: one histogram curve each, `layer1` … `layer10`. */
export const MAX_HISTOGRAM_LAYERS = 10;

export const activationHistograms: ExperimentSpec = {
  id: 'activation-histograms',
  section: '6.2',
  title: {
    ko: '가중치 초깃값과 활성화값 분포',
    en: 'Weight scale and activation distributions',
    ja: '重みのスケールとアクティベーション分布',
    zh: '权重尺度与激活值分布',
  },
  summary: {
    ko: '가중치의 표준편차에 따라 각 층의 활성화값 분포가 어떻게 달라지는지 히스토그램으로 봅니다.',
    en: 'How the standard deviation of the weights shapes the distribution of each layer’s activations.',
    ja: '重みの標準偏差が各層のアクティベーションの分布をどう変えるか。',
    zh: '权重的标准差如何影响各层激活值的分布。',
  },
  usesMnist: false,
  unit: { ko: '층', en: 'layers', ja: '層', zh: '层' },
  curves: Object.fromEntries(Array.from({ length: MAX_HISTOGRAM_LAYERS }, (_, i) => [`layer${i + 1}`, 'bin'])),
  params: [
    {
      name: 'presets',
      kind: 'choice-list',
      default: PRESET_IDS,
      options: PRESET_IDS.map((value) => ({ value, label: PRESETS[value].label })),
      minLength: 1,
      label: { ko: '조합', en: 'Presets', ja: 'プリセット', zh: '预设' },
      help: {
        ko: '활성화 함수 × 가중치 스케일 조합 (책의 그림들).',
        en: 'Activation × weight scale combinations (the book’s figures).',
        ja: '活性化関数 × 重みのスケールの組み合わせ（本の図）。',
        zh: '激活函数 × 权重尺度的组合（书中的图）。',
      },
    },
    {
      name: 'range',
      kind: 'choice',
      default: 'book',
      options: [
        { value: 'book', label: { ko: '책과 같이 (0, 1)', en: 'As in the book (0, 1)', ja: '本と同じ (0, 1)', zh: '与书相同 (0, 1)' } },
        { value: 'full', label: { ko: '전체 범위', en: 'Full range', ja: '全範囲', zh: '全部范围' } },
      ],
      label: { ko: '히스토그램 범위', en: 'Histogram range', ja: 'ヒストグラムの範囲', zh: '直方图范围' },
      help: {
        ko: '책처럼 (0, 1), 또는 tanh의 음수 쪽과 1보다 큰 ReLU 값까지 모두 보이는 전체 범위.',
        en: 'As in the book (0, 1), or the full range, which also shows tanh’s negative half and ReLU values above 1.',
        ja: '本と同じ (0, 1)、または全範囲（tanhの負の半分や1を超えるReLUの値も見えます）。',
        zh: '与书相同的 (0, 1)，或全部范围（还能看到tanh的负半部分和大于1的ReLU值）。',
      },
    },
    {
      name: 'samples',
      kind: 'number',
      default: 1000,
      min: 1,
      max: 100_000,
      integer: true,
      label: { ko: '입력 표본 수', en: 'Input samples', ja: '入力サンプル数', zh: '输入样本数' },
      help: {
        ko: '표준정규분포에서 뽑은 입력 행의 수.',
        en: 'Rows of standard-normal input.',
        ja: '標準正規分布の入力の行数。',
        zh: '标准正态分布输入的行数。',
      },
    },
    {
      name: 'nodes',
      kind: 'number',
      default: 100,
      min: 1,
      max: 4096,
      integer: true,
      label: { ko: '층당 노드 수', en: 'Units per layer', ja: '層ごとのニューロン数', zh: '每层神经元数' },
      help: {
        ko: '각 은닉층의 뉴런 수.',
        en: 'Neurons in every layer.',
        ja: 'どの層もこの数のニューロンです。',
        zh: '每一层的神经元个数。',
      },
    },
    {
      name: 'layers',
      kind: 'number',
      default: 5,
      min: 1,
      max: MAX_HISTOGRAM_LAYERS,
      integer: true,
      label: { ko: '층 수', en: 'Layers', ja: '層の数', zh: '层数' },
      help: { ko: '은닉층의 개수.', en: 'Number of hidden layers.', ja: '隠れ層の数。', zh: '隐藏层的数量。' },
    },
    {
      name: 'bins',
      kind: 'number',
      default: 30,
      min: 2,
      max: 200,
      integer: true,
      label: { ko: '구간 수', en: 'Bins', ja: 'ビンの数', zh: '区间数' },
      help: { ko: '히스토그램 구간의 수.', en: 'Histogram bins.', ja: 'ヒストグラムのビンの数。', zh: '直方图的区间数。' },
    },
  ],
  check: (params) =>
    (params.samples as number) * (params.nodes as number) > MAX_HISTOGRAM_VALUES
      ? [problem('samples', 'too-many-inputs', { limit: MAX_HISTOGRAM_VALUES })]
      : [],
  plan(params): RunPlan[] {
    return (params.presets as PresetId[]).map((id) => {
      const preset: Preset = PRESETS[id];
      return {
        label: preset.label.en,
        params: {
          preset: id,
          activation: preset.activation,
          init: preset.init,
          ...(preset.init === 'std' ? { weightScale: preset.scale } : {}),
        },
      };
    });
  },
  units: (params) => params.layers as number,
};
