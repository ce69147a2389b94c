// The pure side of comparing runs: what a run's configuration is, which parameters differ between
// the runs compared (the only ones a legend needs), which runs share a configuration (their seeds
// differ, nothing else) and the mean ± std band of such a group. No DOM, no runes: unit-tested.
import { EXPERIMENTS } from '../../src-shared/experiments/catalog.ts';
import { optimizerOfLrParam } from '../../src-shared/experiments/common-params.ts';
import { isExperimentId } from '../../src-shared/experiments/spec.ts';
import type { Text } from '../../src-shared/i18n/text.ts';
import { emaCurve, smoothCurve } from '../../src-shared/smoothing.ts';

export type SmoothingMode = 'kaiser' | 'ema' | 'none';
/** EMA weight of the newest value (as the experiment charts use). */
export const EMA_ALPHA = 0.1;

/** What a comparison knows of a run (a stored run with its job's params, or a live one). */
export interface RunLike {
  id: number;
  jobId: number;
  experiment: string;
  label: string;
  /** The run's own params (the optimizer and lr it trained with, a trial's draw, `repeat`/`seed`…). */
  params: Record<string, unknown>;
  /** Its job's params. */
  jobParams: Record<string, unknown>;
}

/**
 * Job params that list the alternatives a job trains — one run each — rather than setting any one
 * run: the run's own params say which alternative it is (its optimizer and lr, its init, its draw).
 */
const PLAN_PARAMS = new Set([
  'optimizers',
  'inits',
  'presets',
  'scales',
  'lambdas',
  'trials',
  'compareWithout',
  'lrMinExp',
  'lrMaxExp',
  'weightDecayMinExp',
  'weightDecayMaxExp',
  'repeats',
]);
/** Which repeat over seeds a run is: not part of its configuration. */
const SEED_PARAMS = new Set(['repeat', 'seed']);

/** Everything that configures the run (its job's settings, then its own), without the seed. */
export function runConfig(run: RunLike): Record<string, unknown> {
  const config: Record<string, unknown> = { experiment: run.experiment };
  for (const [key, value] of Object.entries(run.jobParams)) {
    if (!PLAN_PARAMS.has(key) && optimizerOfLrParam(key) === undefined && !SEED_PARAMS.has(key) && value !== undefined) config[key] = value;
  }
  for (const [key, value] of Object.entries(run.params)) {
    if (!SEED_PARAMS.has(key) && value !== undefined) config[key] = value;
  }
  return config;
}

/** A parameter value, short: 0.01, 1.23e-4, 100,100, true, He. */
export function valueText(value: unknown): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return value.map(valueText).join(',');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) return value.toExponential(2).replace(/\.?0+e/, 'e');
    return String(Number(value.toPrecision(4)));
  }
  return String(value);
}

/** Stable text of a configuration (keys sorted), to compare and group by. */
function configKey(config: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(config)
      .sort()
      .map((key) => [key, config[key]]),
  );
}

/**
 * What a network trained with when its params do not say (the worker's defaults: training.ts
 * `buildNet`): a run without `weightDecay` trained with none, so it does not differ from `0`.
 */
const RUN_DEFAULTS: Record<string, unknown> = { activation: 'relu', init: 'he', weightDecay: 0, batchnorm: false, dropoutRatio: 0 };

/**
 * The run's configuration with the values it really trained with where its params are silent: its
 * experiment's defaults, then the worker's. A key with no effective value (a weight scale of an He
 * run: the scale follows from the layer's width) stays missing.
 */
export function effectiveConfig(run: RunLike): Record<string, unknown> {
  const config = runConfig(run);
  const specs = isExperimentId(run.experiment) ? EXPERIMENTS[run.experiment].params : [];
  for (const spec of specs) {
    if (!Object.hasOwn(config, spec.name) && !PLAN_PARAMS.has(spec.name) && optimizerOfLrParam(spec.name) === undefined)
      config[spec.name] = spec.default;
  }
  for (const [key, value] of Object.entries(RUN_DEFAULTS)) if (!Object.hasOwn(config, key)) config[key] = value;
  return config;
}

/**
 * The config keys whose effective values are not the same for all runs that have one, in a readable
 * order: the run's own params first, then the job's, `experiment` last. A key only some runs have
 * (a weight scale of std-initialised nets beside He ones) differs only where those values differ.
 */
export function differingKeys(runs: readonly RunLike[]): string[] {
  if (runs.length < 2) return [];
  const configs = runs.map(effectiveConfig);
  const keys: string[] = [];
  const seen = new Set<string>();
  const add = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const values = new Set(configs.filter((config) => config[key] !== undefined).map((config) => valueText(config[key])));
    if (values.size > 1) keys.push(key);
  };
  for (const run of runs) for (const key of Object.keys(run.params)) if (!SEED_PARAMS.has(key)) add(key);
  for (const config of configs) for (const key of Object.keys(config)) if (key !== 'experiment') add(key);
  add('experiment');
  // A key the label already says (optimizer=Adam for the run labelled Adam, init=std for "std=0.01")
  // adds nothing.
  return keys.filter((key) => !runs.every((run, i) => configs[i][key] === undefined || labelSays(run.label, configs[i][key])));
}

/** Whether a run's label already names this value ("Adam" says Adam, "std=0.01" says 0.01). */
function labelSays(label: string, value: unknown): boolean {
  const text = valueText(value).toLowerCase();
  return label
    .toLowerCase()
    .split(/[\s·=,()]+/)
    .includes(text);
}

/** `lr=0.01 · weightDecay=1e-5` — the run's values of `keys` (for logs and tests; the UI uses legendParts). */
export function paramsText(run: RunLike, keys: readonly string[]): string {
  const config = effectiveConfig(run);
  return keys.map((key) => `${key}=${valueText(config[key])}`).join(' · ');
}

/** Words of the params that runs carry themselves (the job's knobs take their words from their spec). */
const RUN_PARAM_LABELS: Record<string, Text> = {
  optimizer: { ko: '옵티마이저', en: 'optimizer', ja: '最適化手法', zh: '优化方法' },
  lr: { ko: '학습률', en: 'learning rate', ja: '学習係数', zh: '学习率' },
  init: { ko: '초깃값', en: 'initial weights', ja: '重みの初期値', zh: '权重初始值' },
  weightScale: { ko: '가중치 표준편차', en: 'weight std', ja: '重みの標準偏差', zh: '权重标准差' },
  batchnorm: { ko: '배치 정규화', en: 'batch norm', ja: 'Batch Norm', zh: 'Batch Norm' },
  weightDecay: { ko: '가중치 감소', en: 'weight decay', ja: '荷重減衰', zh: '权值衰减' },
  dropoutRatio: { ko: '드롭아웃 비율', en: 'dropout ratio', ja: 'Dropoutの比率', zh: 'Dropout比例' },
  activation: { ko: '활성화 함수', en: 'activation', ja: '活性化関数', zh: '激活函数' },
  preset: { ko: '설정', en: 'setting', ja: '設定', zh: '设置' },
  experiment: { ko: '실험', en: 'experiment', ja: '実験', zh: '实验' },
  seed: { ko: '시드', en: 'seed', ja: 'シード', zh: '种子' },
};

/** One parameter of a legend: its words (a Text to translate, or a name without words) and the value. */
export interface LegendPart {
  key: string;
  label: Text | string;
  value: Text | string;
}

/** A parameter's words: its spec's label in that experiment, the run params' own, or its name. */
export function paramLabel(experiment: string, key: string): Text | string {
  const specs = isExperimentId(experiment) ? EXPERIMENTS[experiment].params : [];
  return specs.find((spec) => spec.name === key)?.label ?? RUN_PARAM_LABELS[key] ?? key;
}

const YES_NO: Record<string, Text> = {
  true: { ko: '예', en: 'yes', ja: 'はい', zh: '是' },
  false: { ko: '아니요', en: 'no', ja: 'いいえ', zh: '否' },
};

/**
 * The run's values of `keys` as a legend shows them: each parameter by its label (its spec's words,
 * or the run params' own), the experiment by its title, choices by their option's words.
 */
export function legendParts(run: RunLike, keys: readonly string[]): LegendPart[] {
  const config = effectiveConfig(run);
  const specs = isExperimentId(run.experiment) ? EXPERIMENTS[run.experiment].params : [];
  return keys.map((key) => {
    const value = config[key];
    if (key === 'experiment') {
      const info = isExperimentId(String(value)) ? EXPERIMENTS[String(value) as keyof typeof EXPERIMENTS] : undefined;
      return { key, label: RUN_PARAM_LABELS.experiment, value: info ? info.title : valueText(value) };
    }
    const spec = specs.find((candidate) => candidate.name === key);
    const label = paramLabel(run.experiment, key);
    const option = spec && 'options' in spec ? spec.options?.find((o) => o.value === value) : undefined;
    const shown = option ? option.label : typeof value === 'boolean' ? YES_NO[String(value)] : valueText(value);
    return { key, label, value: shown };
  });
}

/** A group of runs that differ only by their seed. */
export interface RunGroup<R extends RunLike = RunLike> {
  key: string;
  runs: R[];
}

/** Runs grouped by label and configuration, in order of first appearance. */
export function groupRuns<R extends RunLike>(runs: readonly R[]): RunGroup<R>[] {
  const groups = new Map<string, RunGroup<R>>();
  for (const run of runs) {
    const key = `${run.label}\u0000${configKey(runConfig(run))}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, runs: [] }));
    group.runs.push(run);
  }
  return [...groups.values()];
}

/** The display smoothing of a curve (the book's Kaiser window, an EMA, or none); NaN stays a gap. */
export function smoothed(values: readonly number[], mode: SmoothingMode): number[] {
  if (mode === 'none' || values.length === 0) return [...values];
  // A diverged run ends in NaN/∞: smooth the finite part, keep the gap after it.
  let end = values.length;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      end = i;
      break;
    }
  }
  const head = values.slice(0, end);
  const out = mode === 'kaiser' ? smoothCurve(head) : emaCurve(head, EMA_ALPHA);
  for (let i = end; i < values.length; i++) out.push(NaN);
  return out;
}

export interface Band {
  mean: number[];
  /** mean − std and mean + std (std over the runs that have the point; 0 where only one does). */
  lower: number[];
  upper: number[];
  /** Runs with a finite value at each point. */
  count: number[];
}

/** Point-wise mean ± sample standard deviation (n − 1) over curves of any lengths; NaN skipped. */
export function meanStd(curves: readonly (readonly number[])[]): Band {
  const length = Math.max(0, ...curves.map((c) => c.length));
  const band: Band = { mean: new Array(length), lower: new Array(length), upper: new Array(length), count: new Array(length) };
  for (let i = 0; i < length; i++) {
    let n = 0;
    let sum = 0;
    for (const curve of curves) {
      const v = curve[i];
      if (v !== undefined && Number.isFinite(v)) {
        n++;
        sum += v;
      }
    }
    const mean = n ? sum / n : NaN;
    let squares = 0;
    for (const curve of curves) {
      const v = curve[i];
      if (v !== undefined && Number.isFinite(v)) squares += (v - mean) ** 2;
    }
    const std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    band.mean[i] = mean;
    band.lower[i] = mean - std;
    band.upper[i] = mean + std;
    band.count[i] = n;
  }
  return band;
}

/** The last finite value of a curve (NaN if none). */
export function lastFinite(values: readonly number[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return NaN;
}

/** Mean and sample std of some numbers (finite ones only). */
export function meanAndStd(values: readonly number[]): { mean: number; std: number; n: number } {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { mean: NaN, std: NaN, n };
  const mean = finite.reduce((a, b) => a + b, 0) / n;
  const std = n > 1 ? Math.sqrt(finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, std, n };
}

/** Metrics in a sensible order for pickers: accuracies and the loss first, then the rest A→Z. */
export function orderMetrics(metrics: Iterable<string>): string[] {
  const PREFERRED = ['loss', 'testAcc', 'valAcc', 'trainAcc'];
  const list = [...new Set(metrics)];
  return [...PREFERRED.filter((m) => list.includes(m)), ...list.filter((m) => !PREFERRED.includes(m)).sort()];
}

/** Whether a larger value of the metric is better (accuracies) or a smaller one (losses, errors, distances). */
export function largerIsBetter(metric: string): boolean {
  return /acc/i.test(metric);
}

/** Runs of a list grouped by their job, in the list's order (the run picker shows a job once, its networks under it). */
export function groupByJob<R extends { jobId: number }>(runs: readonly R[]): { jobId: number; runs: R[] }[] {
  const groups: { jobId: number; runs: R[] }[] = [];
  const byJob = new Map<number, { jobId: number; runs: R[] }>();
  for (const run of runs) {
    let group = byJob.get(run.jobId);
    if (!group) {
      byJob.set(run.jobId, (group = { jobId: run.jobId, runs: [] }));
      groups.push(group);
    }
    group.runs.push(run);
  }
  return groups;
}
