// Backprop against numerical gradients (the book's gradient_check.py, on a MultiLayerNetExtend):
// per parameter, the mean absolute difference between the two. The book's BatchNorm check uses one
// sample, where every normalized value is 0 and the check proves nothing: we use ≥ 2 (default 10).
import { problem } from '../params/problems.ts';
import {
  activationParam,
  booleanParam,
  dropoutRatioParam,
  hiddenSizesParam,
  weightDecayParam,
  weightInitParam,
  weightStdParam,
} from './common-params.ts';
import type { ExperimentSpec } from './spec.ts';

/**
 * The verdict per parameter. Backprop runs in float32 (as in training), the numerical gradient in
 * float64 with h = 1e-4 on the loss backprop differentiates, so a correct backward pass differs
 * from it only by float32 rounding: a relative error ‖b − n‖/(‖b‖ + ‖n‖) of a few times float32's
 * unit roundoff 2⁻²⁴ ≈ 6·10⁻⁸, grown by sums of up to 784 terms (√784 · 6·10⁻⁸ ≈ 2·10⁻⁶); 10⁻⁵
 * leaves room for that. Elements whose ±h crosses a ReLU kink are left out (`kinks:`, src-worker/engine/gradient-check.ts). A wrong formula is far above it (a lost
 * factor 2 gives 1/3, a wrong sign 1). The book's ~10⁻¹⁰ mean differences need float64 backprop.
 */
export const RELATIVE_ERROR_LIMIT = 1e-5;
/**
 * Below this the numerical gradient is 0 (float64 noise at h = 1e-4 is ~10⁻¹²): nothing to check.
 * Backprop's must then be float32 noise too, below ZERO_BACKPROP_LIMIT, else it is wrong.
 */
export const ZERO_GRADIENT_LIMIT = 1e-9;
export const ZERO_BACKPROP_LIMIT = 1e-6;

export type GradientVerdict = 'pass' | 'fail' | 'zero' | 'unknown';

/** The verdict from a parameter's final values (`rel:`, `grad:`, `bgrad:`); 'unknown' for a job stored before they existed. */
export function gradientVerdict(final: Record<string, number>, name: string): GradientVerdict {
  const rel = final[`rel:${name}`];
  const numerical = final[`grad:${name}`];
  const backprop = final[`bgrad:${name}`];
  if (!Number.isFinite(rel) || !Number.isFinite(numerical) || !Number.isFinite(backprop)) return 'unknown';
  if (numerical < ZERO_GRADIENT_LIMIT) return backprop < ZERO_BACKPROP_LIMIT ? 'zero' : 'fail';
  return rel < RELATIVE_ERROR_LIMIT ? 'pass' : 'fail';
}

/** Numerical differentiation costs two forward passes per weight: keep the net small. */
export const MAX_CHECKED_WEIGHTS = 200_000;

export const gradientCheck: ExperimentSpec = {
  id: 'gradient-check',
  section: 'check',
  title: { ko: '기울기 확인', en: 'Gradient check', ja: '勾配確認', zh: '梯度确认' },
  summary: {
    ko: '오차역전파로 구한 기울기와 수치 미분(중심 차분)을 매개변수마다 비교합니다.',
    en: 'Backpropagation’s gradient against central differences, parameter by parameter.',
    ja: '誤差逆伝播法の勾配を中心差分とパラメータごとに比べます。',
    zh: '将误差反向传播法的梯度与中心差分逐个参数比较。',
  },
  usesMnist: true,
  unit: { ko: '확인', en: 'checks', ja: '確認', zh: '确认' },
  curves: {},
  params: [
    {
      name: 'samples',
      kind: 'number',
      default: 10,
      min: 2,
      max: 100,
      integer: true,
      label: { ko: '표본 수', en: 'Samples', ja: 'サンプル数', zh: '样本数' },
      help: {
        ko: 'MNIST 훈련 데이터 앞에서부터 쓸 개수 (배치 정규화 확인에는 2개 이상 필요).',
        en: 'First MNIST training images used (BatchNorm needs at least 2 for a meaningful check).',
        ja: '使うMNIST訓練画像の枚数（意味のある確認にはBatch Normに少なくとも2枚必要です）。',
        zh: '使用的MNIST训练图像张数（要让Batch Norm的确认有意义，至少需要2张）。',
      },
    },
    hiddenSizesParam([10, 10]),
    activationParam('relu'),
    weightInitParam('he'),
    weightStdParam(0.01, { param: 'weightInit', equals: 'std' }),
    booleanParam(
      'batchnorm',
      true,
      { ko: '배치 정규화', en: 'Batch normalization', ja: 'Batch Normalization', zh: 'Batch Normalization' },
      {
        ko: 'Affine → BatchNorm → 활성화.',
        en: 'Affine → BatchNorm → activation.',
        ja: 'Affine → Batch Norm → 活性化関数。',
        zh: 'Affine → Batch Norm → 激活函数。',
      },
    ),
    booleanParam(
      'dropout',
      false,
      { ko: '드롭아웃', en: 'Dropout', ja: 'Dropout', zh: 'Dropout' },
      {
        ko: '마스크를 고정하고 확인합니다.',
        en: 'Checked with its mask held fixed.',
        ja: 'マスクを固定して確認します。',
        zh: '在固定掩码的情况下确认。',
      },
    ),
    dropoutRatioParam(0.2, { param: 'dropout', equals: true }),
    weightDecayParam(0),
  ],
  check(params) {
    // Every Affine layer's weights, the 10-unit output layer's included: each costs two forward passes.
    const sizes = [784, ...(params.hiddenSizes as number[]), 10];
    const weights = sizes.slice(1).reduce((sum, n, i) => sum + n * sizes[i], 0);
    return weights > MAX_CHECKED_WEIGHTS ? [problem('hiddenSizes', 'too-many-weights', { weights, limit: MAX_CHECKED_WEIGHTS })] : [];
  },
  plan: (params) => [
    {
      label: `${params.batchnorm ? 'BN' : 'plain'}${params.dropout ? ' · dropout' : ''}`,
      params: {
        batchnorm: params.batchnorm as boolean,
        dropoutRatio: params.dropout ? (params.dropoutRatio as number) : 0,
        weightDecay: params.weightDecay as number,
        init: params.weightInit as string,
      },
    },
  ],
  units: () => 1,
};
