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
  'sigmoid-1': { activation: 'sigmoid', init: 'std', scale: 1, label: { ko: '시그모이드 · 표준편차 1', en: 'Sigmoid · std 1' } },
  'sigmoid-0.01': {
    activation: 'sigmoid',
    init: 'std',
    scale: 0.01,
    label: { ko: '시그모이드 · 표준편차 0.01', en: 'Sigmoid · std 0.01' },
  },
  'sigmoid-xavier': { activation: 'sigmoid', init: 'xavier', scale: 0, label: { ko: '시그모이드 · Xavier', en: 'Sigmoid · Xavier' } },
  'tanh-xavier': { activation: 'tanh', init: 'xavier', scale: 0, label: same('tanh · Xavier') },
  'relu-0.01': { activation: 'relu', init: 'std', scale: 0.01, label: { ko: 'ReLU · 표준편차 0.01', en: 'ReLU · std 0.01' } },
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
  title: { ko: '가중치 초깃값과 활성화값 분포', en: 'Weight scale and activation distributions' },
  summary: {
    ko: '가중치의 표준편차에 따라 각 층의 활성화값 분포가 어떻게 달라지는지 히스토그램으로 봅니다.',
    en: 'How the standard deviation of the weights shapes the distribution of each layer’s activations.',
  },
  usesMnist: false,
  unit: { ko: '층', en: 'layers' },
  curves: Object.fromEntries(Array.from({ length: MAX_HISTOGRAM_LAYERS }, (_, i) => [`layer${i + 1}`, 'bin'])),
  params: [
    {
      name: 'presets',
      kind: 'choice-list',
      default: PRESET_IDS,
      options: PRESET_IDS.map((value) => ({ value, label: PRESETS[value].label })),
      minLength: 1,
      label: { ko: '조합', en: 'Presets' },
      help: { ko: '활성화 함수 × 가중치 스케일 조합 (책의 그림들).', en: 'Activation × weight scale combinations (the book’s figures).' },
    },
    {
      name: 'range',
      kind: 'choice',
      default: 'book',
      options: [
        { value: 'book', label: { ko: '책과 같이 (0, 1)', en: 'As in the book (0, 1)' } },
        { value: 'full', label: { ko: '전체 범위', en: 'Full range' } },
      ],
      label: { ko: '히스토그램 범위', en: 'Histogram range' },
      help: {
        ko: '책처럼 (0, 1), 또는 tanh의 음수 쪽과 1보다 큰 ReLU 값까지 모두 보이는 전체 범위.',
        en: 'As in the book (0, 1), or the full range, which also shows tanh’s negative half and ReLU values above 1.',
      },
    },
    {
      name: 'samples',
      kind: 'number',
      default: 1000,
      min: 1,
      max: 100_000,
      integer: true,
      label: { ko: '입력 표본 수', en: 'Input samples' },
      help: { ko: '표준정규분포에서 뽑은 입력 행의 수.', en: 'Rows of standard-normal input.' },
    },
    {
      name: 'nodes',
      kind: 'number',
      default: 100,
      min: 1,
      max: 4096,
      integer: true,
      label: { ko: '층당 노드 수', en: 'Units per layer' },
      help: { ko: '각 은닉층의 뉴런 수.', en: 'Neurons in every layer.' },
    },
    {
      name: 'layers',
      kind: 'number',
      default: 5,
      min: 1,
      max: MAX_HISTOGRAM_LAYERS,
      integer: true,
      label: { ko: '층 수', en: 'Layers' },
      help: { ko: '은닉층의 개수.', en: 'Number of hidden layers.' },
    },
    {
      name: 'bins',
      kind: 'number',
      default: 30,
      min: 2,
      max: 200,
      integer: true,
      label: { ko: '구간 수', en: 'Bins' },
      help: { ko: '히스토그램 구간의 수.', en: 'Histogram bins.' },
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
