// 6.1 — the optimizers on the 2-D bowl f(x, y) = x²/20 + y² (the book's optimizer_compare_naive.py):
// each path is the positions recorded before every update, from the start point.
import type { NumberParam } from '../params/spec.ts';
import type { OptimizerName } from '../vocabulary.ts';
import { learningRateParams, lrParamName, optimizersParam } from './common-params.ts';
import type { ExperimentSpec } from './spec.ts';

/** The book's rates for the bowl (SGD 0.95, Momentum 0.1, AdaGrad 1.5, Adam 0.3); ours for the other two. */
export const PATH_LR: Readonly<Record<OptimizerName, number>> = {
  SGD: 0.95,
  Momentum: 0.1,
  Nesterov: 0.1,
  AdaGrad: 1.5,
  RMSprop: 0.1,
  Adam: 0.3,
};

/** The plotted region: x ∈ [-10, 10], y ∈ [-5, 5] (the book's meshgrid). */
export const BOWL_LIMITS = { x: 10, y: 5 } as const;

const coordinate = (name: 'startX' | 'startY', value: number, limit: number): NumberParam => ({
  name,
  kind: 'number',
  default: value,
  min: -limit,
  max: limit,
  label: {
    ko: `시작점 ${name === 'startX' ? 'x' : 'y'}`,
    en: `Start ${name === 'startX' ? 'x' : 'y'}`,
    ja: `開始点 ${name === 'startX' ? 'x' : 'y'}`,
    zh: `起点 ${name === 'startX' ? 'x' : 'y'}`,
  },
  help: {
    ko: `경로의 시작 좌표 (${-limit}…${limit}).`,
    en: `Start coordinate of the paths (${-limit}…${limit}).`,
    ja: `経路の開始座標（${-limit}…${limit}）。`,
    zh: `路径的起点坐标（${-limit}…${limit}）。`,
  },
});

export const optimizerPaths: ExperimentSpec = {
  id: 'optimizer-paths',
  section: '6.1',
  title: {
    ko: '2차원 함수에서 옵티마이저의 경로',
    en: 'Optimizer paths on a 2-D bowl',
    ja: '2次元のお椀での最適化手法の経路',
    zh: '二维“碗”上各优化方法的路径',
  },
  summary: {
    ko: 'f(x, y) = x²/20 + y²의 최솟값 (0, 0)을 향해 각 옵티마이저가 (-7, 2)에서 30번 움직인 경로.',
    en: 'Thirty steps of each optimizer from (-7, 2) towards the minimum (0, 0) of f(x, y) = x²/20 + y².',
    ja: '各最適化手法が (-7, 2) から f(x, y) = x²/20 + y² の最小値 (0, 0) へ向かう30ステップ。',
    zh: '各优化方法从 (-7, 2) 出发，朝 f(x, y) = x²/20 + y² 的最小值 (0, 0) 前进的30步。',
  },
  usesMnist: false,
  unit: { ko: '경로', en: 'paths', ja: '経路', zh: '路径' },
  curves: { x: 'step', y: 'step' },
  params: [
    optimizersParam(['SGD', 'Momentum', 'AdaGrad', 'Adam']),
    ...learningRateParams(PATH_LR),
    coordinate('startX', -7, BOWL_LIMITS.x),
    coordinate('startY', 2, BOWL_LIMITS.y),
    {
      name: 'steps',
      kind: 'number',
      default: 30,
      min: 1,
      max: 10_000,
      integer: true,
      label: { ko: '단계 수', en: 'Steps', ja: 'ステップ数', zh: '步数' },
      help: {
        ko: '기록할 위치의 수 (갱신 전 위치).',
        en: 'Positions recorded, each before its update.',
        ja: '記録する位置の数（各更新の前の位置）。',
        zh: '记录的位置数，每个位置在更新之前记录。',
      },
    },
  ],
  plan: (params) =>
    (params.optimizers as OptimizerName[]).map((optimizer) => ({
      label: optimizer,
      params: { optimizer, lr: params[lrParamName(optimizer)] as number },
    })),
  units: () => 1,
};
