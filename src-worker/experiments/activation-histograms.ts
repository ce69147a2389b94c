// 6.2 — weight scale vs the distribution of activations (the book's weight_init_activation_histogram.py):
// 1000×100 standard-normal inputs through 5 layers of 100 units, W = randn(100,100)·scale, no bias,
// and a 30-bin histogram of each layer's activations.
import { deriveRng } from '../engine/rng.ts';
import type { Experiment, RunContext, RunOutcome, RunPlan } from './experiment.ts';
import type { ParamValues } from './params.ts';

export const PRESETS = {
  'sigmoid-1': { activation: 'sigmoid', init: 'std', scale: 1, label: 'sigmoid · std=1' },
  'sigmoid-0.01': { activation: 'sigmoid', init: 'std', scale: 0.01, label: 'sigmoid · std=0.01' },
  'sigmoid-xavier': { activation: 'sigmoid', init: 'xavier', scale: 0, label: 'sigmoid · Xavier' },
  'tanh-xavier': { activation: 'tanh', init: 'xavier', scale: 0, label: 'tanh · Xavier' },
  'relu-0.01': { activation: 'relu', init: 'std', scale: 0.01, label: 'ReLU · std=0.01' },
  'relu-xavier': { activation: 'relu', init: 'xavier', scale: 0, label: 'ReLU · Xavier' },
  'relu-he': { activation: 'relu', init: 'he', scale: 0, label: 'ReLU · He' },
} as const;
type PresetId = keyof typeof PRESETS;
const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

const activate: Record<string, (a: number) => number> = {
  sigmoid: (a) => 1 / (1 + Math.exp(-a)),
  tanh: Math.tanh,
  relu: (a) => (a > 0 ? a : 0),
};

/** Range of the histogram: the book's (0, 1), or the activation's whole range. */
function binRange(activation: string, range: string, maxValue: number): [number, number] {
  if (range === 'book') return [0, 1];
  if (activation === 'tanh') return [-1, 1];
  if (activation === 'relu') return [0, Math.max(maxValue, 1e-12)];
  return [0, 1];
}

export const activationHistograms: Experiment = {
  id: 'activation-histograms',
  section: '6.2',
  title: { ko: '가중치 초깃값과 활성화값 분포', en: 'Weight scale and activation distributions' },
  summary: {
    ko: '가중치의 표준편차에 따라 각 층의 활성화값 분포가 어떻게 달라지는지 히스토그램으로 봅니다.',
    en: 'How the standard deviation of the weights shapes the distribution of each layer’s activations.',
  },
  usesMnist: false,
  curves: { layer1: 'bin', layer2: 'bin', layer3: 'bin', layer4: 'bin', layer5: 'bin' },
  params: [
    {
      name: 'presets',
      kind: 'choice-list',
      default: PRESET_IDS,
      options: PRESET_IDS,
      minLength: 1,
      label: { ko: '조합', en: 'Presets' },
      help: { ko: '활성화 함수 × 가중치 스케일 조합 (책의 그림들).', en: 'Activation × weight scale combinations (the book’s figures).' },
    },
    {
      name: 'range',
      kind: 'choice',
      default: 'book',
      options: ['book', 'full'],
      label: { ko: '히스토그램 범위', en: 'Histogram range' },
      help: {
        ko: 'book: 책처럼 (0,1). full: tanh의 음수 쪽과 1보다 큰 ReLU 값까지 모두 보입니다.',
        en: 'book: (0,1) as in the book. full: also shows tanh’s negative half and ReLU values above 1.',
      },
    },
    { name: 'samples', kind: 'number', default: 1000, min: 1, max: 100_000, integer: true, label: { ko: '입력 표본 수', en: 'Input samples' }, help: { ko: '표준정규분포에서 뽑은 입력 행의 수.', en: 'Rows of standard-normal input.' } },
    { name: 'nodes', kind: 'number', default: 100, min: 1, max: 4096, integer: true, label: { ko: '층당 노드 수', en: 'Units per layer' }, help: { ko: '각 은닉층의 뉴런 수.', en: 'Neurons in every layer.' } },
    { name: 'layers', kind: 'number', default: 5, min: 1, max: 10, integer: true, label: { ko: '층 수', en: 'Layers' }, help: { ko: '은닉층의 개수.', en: 'Number of hidden layers.' } },
    { name: 'bins', kind: 'number', default: 30, min: 2, max: 200, integer: true, label: { ko: '구간 수', en: 'Bins' }, help: { ko: '히스토그램 구간의 수.', en: 'Histogram bins.' } },
  ],
  check: (params) =>
    (params.samples as number) * (params.nodes as number) > 20_000_000
      ? [{ field: 'samples', text: { ko: '입력 표본 수 × 층당 노드 수가 20,000,000 이하여야 합니다.', en: 'Samples × units per layer must stay below 20,000,000.' } }]
      : [],
  plan(params): RunPlan[] {
    return (params.presets as PresetId[]).map((id) => {
      const preset = PRESETS[id];
      return {
        label: preset.label,
        params: { preset: id, activation: preset.activation, init: preset.init, weightScale: preset.scale || undefined },
      };
    });
  },
  units: (params) => params.layers as number,
  run: runHistograms,
};

function runHistograms(ctx: RunContext): RunOutcome {
  const p = ctx.params as ParamValues & { samples: number; nodes: number; layers: number; bins: number; range: string };
  const preset = PRESETS[ctx.run.params.preset as PresetId];
  const rng = deriveRng(ctx.seed, `histograms/${ctx.runIndex}`);
  const n = p.nodes;
  const f = activate[preset.activation];
  const scale = preset.init === 'xavier' ? Math.sqrt(1 / n) : preset.init === 'he' ? Math.sqrt(2 / n) : preset.scale;
  // x = np.random.randn(1000, 100)
  let x: Float64Array = rng.fillNormal(new Float64Array(p.samples * n)) as Float64Array;
  const w = new Float64Array(n * n);
  const layers: Float64Array[] = [];
  let maxValue = 0;
  for (let layer = 0; layer < p.layers; layer++) {
    // w = np.random.randn(node_num, node_num) * scale; z = activation(x · w)
    rng.fillNormal(w, scale);
    const z = new Float64Array(p.samples * n);
    for (let i = 0; i < p.samples; i++) {
      for (let k = 0; k < n; k++) {
        const xik = x[i * n + k];
        if (xik === 0) continue;
        for (let j = 0; j < n; j++) z[i * n + j] += xik * w[k * n + j];
      }
    }
    for (let i = 0; i < z.length; i++) {
      z[i] = f(z[i]);
      if (z[i] > maxValue) maxValue = z[i];
    }
    layers.push(z);
    x = z;
    if (ctx.cancelled()) return { status: 'cancelled', final: {} };
    ctx.advance();
  }
  const [lo, hi] = binRange(preset.activation, p.range, maxValue);
  const final: Record<string, number> = {};
  layers.forEach((z, index) => {
    ctx.setCurve(`layer${index + 1}`, histogram(z, p.bins, lo, hi));
    final[`std${index + 1}`] = standardDeviation(z);
  });
  return { status: 'done', final, runParams: { binLo: lo, binHi: hi, bins: p.bins } };
}

/** Counts per bin over [lo, hi], like numpy's histogram: the last bin includes hi; values outside are dropped. */
export function histogram(values: ArrayLike<number>, bins: number, lo: number, hi: number): Float32Array {
  const counts = new Float32Array(bins);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo || v > hi) continue;
    counts[v === hi ? bins - 1 : Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  }
  return counts;
}

function standardDeviation(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) * (v - mean);
  return Math.sqrt(sq / values.length);
}
