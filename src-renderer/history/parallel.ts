// Parallel coordinates of a job's runs: one vertical axis per parameter that varies between them
// (numbers on a linear or log scale, flags and choices as categories), the final metric last; each
// run is a polyline across them. This file works out the axes and positions; the component draws.
import { largerIsBetter, valueText } from './compare.ts';

export interface PcRun {
  id: number;
  label: string;
  params: Record<string, unknown>;
  final: Record<string, number>;
  status: string;
}

export interface PcTick {
  /** 0 (bottom) … 1 (top). */
  at: number;
  text: string;
}

export interface PcAxis {
  key: string;
  kind: 'linear' | 'log' | 'category';
  /** For 'category': the values in axis order. */
  categories?: string[];
  min: number;
  max: number;
  ticks: PcTick[];
  /** Where a run sits on the axis, 0…1; null when it has no usable value. */
  position(value: unknown): number | null;
}

/** Drawn from a log-uniform range in the search, log-spaced in the BN grid: read on log axes. */
const LOG_PARAMS = new Set(['lr', 'weightDecay', 'weightScale', 'weightStd']);
/** Not hyperparameters: which repeat, which seed. */
const SKIP = new Set(['repeat', 'seed']);
const MAX_CATEGORIES = 12;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

function numericAxis(key: string, values: number[], forceLinear = false): PcAxis {
  let min = Math.min(...values);
  let max = Math.max(...values);
  const log = !forceLinear && min > 0 && (LOG_PARAMS.has(key) || max / min >= 1000);
  if (log) {
    // Whole decades: a search drawn from 10^U(-6, -2) reads against the range it was drawn from.
    const lo = Math.floor(Math.log10(min) + 1e-9);
    const hi = Math.max(lo + 1, Math.ceil(Math.log10(max) - 1e-9));
    min = 10 ** lo;
    max = 10 ** hi;
    const span = hi - lo || 1;
    const pos = (v: unknown) => (typeof v === 'number' && v > 0 && Number.isFinite(v) ? clamp01((Math.log10(v) - lo) / span) : null);
    const ticks: PcTick[] = [];
    for (let e = lo; e <= hi; e++) ticks.push({ at: (e - lo) / span, text: e === 0 ? '1' : e === 1 ? '10' : `1e${e}` });
    return { key, kind: 'log', min, max, ticks, position: pos };
  }
  if (min === max) {
    min -= 0.5;
    max += 0.5;
  }
  const span = max - min;
  const pos = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? clamp01((v - min) / span) : null);
  const ticks = niceTicks(min, max).map((t) => ({ at: pos(t)!, text: valueText(t) }));
  return { key, kind: 'linear', min, max, ticks, position: pos };
}

function categoryAxis(key: string, categories: string[]): PcAxis {
  const n = categories.length;
  const at = (i: number) => (n === 1 ? 0.5 : i / (n - 1));
  return {
    key,
    kind: 'category',
    categories,
    min: 0,
    max: n - 1,
    ticks: categories.map((text, i) => ({ at: at(i), text })),
    position: (v) => {
      const i = categories.indexOf(valueText(v));
      return i < 0 ? null : at(i);
    },
  };
}

/** About five round numbers spanning [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min;
  if (!(span > 0) || !Number.isFinite(span)) return [min];
  const raw = span / (count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** The parameter axes: params that vary between the runs (numbers, flags, choices of a few values). */
export function paramAxes(runs: readonly PcRun[]): PcAxis[] {
  const keys: string[] = [];
  for (const run of runs) for (const key of Object.keys(run.params)) if (!SKIP.has(key) && !keys.includes(key)) keys.push(key);
  const axes: PcAxis[] = [];
  for (const key of keys) {
    const values = runs.map((run) => run.params[key]).filter((v) => v !== undefined && v !== null);
    if (values.length < 2) continue;
    const distinct = new Set(values.map(valueText));
    if (distinct.size < 2) continue;
    if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      axes.push(numericAxis(key, values as number[]));
    } else if (distinct.size <= MAX_CATEGORIES && values.every((v) => typeof v !== 'object')) {
      const categories = [...distinct].sort((a, b) => (a === 'false' ? -1 : b === 'false' ? 1 : a.localeCompare(b)));
      axes.push(categoryAxis(key, categories));
    }
  }
  return axes;
}

/** The final metrics the runs report (finite in at least two runs), usual ones first. */
export function finalMetrics(runs: readonly PcRun[]): string[] {
  const counts = new Map<string, number>();
  for (const run of runs)
    for (const [key, v] of Object.entries(run.final)) if (Number.isFinite(v)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const PREFERRED = ['valAcc', 'testAcc', 'trainAcc', 'loss'];
  const usable = [...counts].filter(([, n]) => n >= 2).map(([key]) => key);
  return [...PREFERRED.filter((m) => usable.includes(m)), ...usable.filter((m) => !PREFERRED.includes(m)).sort()];
}

/** The metric axis, linear over the runs' finite values. */
export function metricAxis(runs: readonly PcRun[], metric: string): PcAxis | null {
  const values = runs.map((run) => run.final[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return null;
  return numericAxis(metric, values, true);
}

/**
 * Whether a job's runs make a useful parallel-coordinates view: enough runs, a numeric parameter
 * taking at least three values (a sweep or a search, not two optimizers repeated over seeds), a metric.
 */
export function worthParallel(runs: readonly PcRun[], minRuns = 6): boolean {
  if (runs.length < minRuns || finalMetrics(runs).length === 0) return false;
  return paramAxes(runs).some((axis) => axis.kind !== 'category' && new Set(runs.map((run) => valueText(run.params[axis.key]))).size >= 3);
}

export interface PcSummary {
  best: PcRun | null;
  worst: PcRun | null;
  /** Runs with a finite value of the metric. */
  measured: number;
}

/** The best and worst run by the metric (larger is better for accuracies, smaller otherwise). */
export function summarize(runs: readonly PcRun[], metric: string): PcSummary {
  // Only networks that trained to the end compete: a cancelled one's metric is from part-way.
  const measured = runs.filter((run) => Number.isFinite(run.final[metric]) && run.status === 'done');
  const better = largerIsBetter(metric) ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
  let best: PcRun | null = null;
  let worst: PcRun | null = null;
  for (const run of measured) {
    if (!best || better(run.final[metric], best.final[metric])) best = run;
    if (!worst || better(worst.final[metric], run.final[metric])) worst = run;
  }
  return { best, worst, measured: measured.length };
}
