// The experiments' cross-field checks (`check` in src-worker/experiments/*.ts), repeated here with
// Korean and English wording: the experiment modules themselves pull in the training engine and
// MNIST loader (node:fs), which do not belong in the renderer bundle. Each problem names the field
// it is shown under. Keep in step with the modules; the service validates again on start.
import type { ParamValues, Text } from '../../src-main/api.ts';

export interface CrossProblem {
  field: string;
  text: Text;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
const fmt = (v: number): string => new Intl.NumberFormat('en-US').format(v);

function batchFits(values: ParamValues, trainSize: number, what: Text): CrossProblem[] {
  const batch = num(values.batchSize);
  return batch > trainSize
    ? [{ field: 'batchSize', text: { ko: `미니배치(${fmt(batch)})가 ${what.ko}(${fmt(trainSize)}개)보다 큽니다.`, en: `The batch (${fmt(batch)}) is larger than ${what.en} (${fmt(trainSize)} samples).` } }]
    : [];
}

const trainingSet: Text = { ko: '훈련 데이터', en: 'the training set' };

export function crossProblems(experiment: string, values: ParamValues): CrossProblem[] {
  switch (experiment) {
    case 'activation-histograms':
      return num(values.samples) * num(values.nodes) > 20_000_000
        ? [{ field: 'samples', text: { ko: '입력 표본 수 × 층당 노드 수가 20,000,000 이하여야 합니다.', en: 'Samples × units per layer must stay below 20,000,000.' } }]
        : [];
    case 'batchnorm-compare':
    case 'overfit-weight-decay':
    case 'dropout':
      return batchFits(values, num(values.trainSize), trainingSet);
    case 'gradient-check': {
      const sizes = Array.isArray(values.hiddenSizes) ? (values.hiddenSizes as number[]) : [];
      const weights = sizes.reduce((sum, size, i) => sum + size * (i === 0 ? 784 : sizes[i - 1]), 0);
      return weights > 200_000
        ? [{ field: 'hiddenSizes', text: { ko: `가중치가 ${fmt(weights)}개로 수치 미분으로 확인하기에 너무 큽니다 (200,000개 이하).`, en: `${fmt(weights)} weights is too large for a numerical gradient check (keep it under 200,000).` } }]
        : [];
    }
    case 'hyperparameter-search': {
      const problems: CrossProblem[] = [];
      if (num(values.lrMinExp) > num(values.lrMaxExp)) {
        problems.push({ field: 'lrMaxExp', text: { ko: '최대 지수가 최소 지수보다 작습니다.', en: 'The max exponent is below the min exponent.' } });
      }
      if (num(values.weightDecayMinExp) > num(values.weightDecayMaxExp)) {
        problems.push({ field: 'weightDecayMaxExp', text: { ko: '최대 지수가 최소 지수보다 작습니다.', en: 'The max exponent is below the min exponent.' } });
      }
      // splitSizes(): validation = floor(trainSize · rate), the rest trains.
      const trainSize = num(values.trainSize);
      const validation = Math.floor(trainSize * num(values.validationRate));
      const train = trainSize - validation;
      if (validation < 1) {
        problems.push({ field: 'validationRate', text: { ko: '검증 데이터가 하나도 남지 않습니다.', en: 'This leaves no validation sample.' } });
      }
      if (train < 1) {
        problems.push({ field: 'validationRate', text: { ko: '훈련 데이터가 하나도 남지 않습니다.', en: 'This leaves no training sample.' } });
      } else {
        problems.push(...batchFits(values, train, { ko: '검증 데이터를 뗀 훈련 데이터', en: 'the training samples left after the validation split' }));
      }
      return problems;
    }
    default:
      return [];
  }
}
