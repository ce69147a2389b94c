// Keeps a line chart's datasets in step with growing curves WITHOUT rebuilding them: each series
// is matched to its dataset by key; new points are pushed (one push per update), the last `tail`
// points are rewritten in place (a centred smoothing revises them), and only a replaced or shorter
// source array rebuilds its dataset. Data is chart.js's internal format ({x, y}, parsing: false).
import type { Chart, ChartDataset, Point } from './setup.ts';

export interface Series {
  /** Stable identity of the dataset (e.g. `${runId}:raw`). */
  key: string;
  label: string;
  /** y per point; NaN is a gap. Read, never written. */
  values: ArrayLike<number>;
  /** x per point; default x0 + i·xStep. */
  xs?: ArrayLike<number>;
  x0?: number;
  xStep?: number;
  /** Trailing points that may change when more arrive (0 for raw curves). */
  tail?: number;
  color: string;
  width?: number;
  dash?: number[];
  /** Point radius (0: line only). */
  radius?: number;
  /** Draw order: lower on top. */
  order?: number;
  /** Line drawn between points (default true). */
  line?: boolean;
}

interface State {
  dataset: ChartDataset<'line', Point[]>;
  /** Our array of points: what decimation reads as `_data` (dataset.data may be the decimated copy). */
  data: Point[];
  source: ArrayLike<number> | null;
  style: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyChart = Chart<any, any, any>;
const states = new WeakMap<AnyChart, Map<string, State>>();

const LIMIT = 1e12;
/** chart.js cannot draw ±Infinity or astronomically large values: they become gaps or clamp. */
export function drawable(v: number): number {
  if (Number.isNaN(v)) return NaN;
  return v > LIMIT ? LIMIT : v < -LIMIT ? -LIMIT : v;
}

/** Applies `series` to `chart`; returns whether anything changed ('restyle' when styles did). */
export function syncSeries(chart: AnyChart, series: readonly Series[]): boolean | 'restyle' {
  let byKey = states.get(chart);
  if (!byKey) states.set(chart, (byKey = new Map()));
  let changed = false;
  let restyle = false;
  const next = new Map<string, State>();
  const datasets: ChartDataset<'line', Point[]>[] = [];
  for (const s of series) {
    let state = byKey.get(s.key);
    if (!state) {
      const data: Point[] = [];
      state = { dataset: { label: s.label, data } as ChartDataset<'line', Point[]>, data, source: null, style: '' };
      changed = true;
    }
    next.set(s.key, state);
    datasets.push(state.dataset);
    if (syncPoints(state, s)) changed = true;
    if (syncStyle(state, s)) restyle = true;
  }
  const current = chart.data.datasets as unknown[];
  if (current.length !== datasets.length || datasets.some((d, i) => current[i] !== d)) {
    chart.data.datasets = datasets;
    changed = true;
  }
  states.set(chart, next);
  return restyle ? 'restyle' : changed;
}

function syncPoints(state: State, s: Series): boolean {
  const n = s.values.length;
  const x0 = s.x0 ?? 0;
  const step = s.xStep ?? 1;
  const xAt = (i: number) => (s.xs ? s.xs[i] : x0 + i * step);
  if (state.source !== s.values || n < state.data.length) {
    // New source (or it shrank): rebuild this dataset's array once.
    const data: Point[] = new Array(n);
    for (let i = 0; i < n; i++) data[i] = { x: xAt(i), y: drawable(s.values[i]) };
    state.data = data;
    state.dataset.data = data;
    state.source = s.values;
    return true;
  }
  const m = state.data.length;
  if (n === m && !s.tail) return false;
  let changed = false;
  for (let i = Math.max(0, m - (s.tail ?? 0)); i < m; i++) {
    const y = drawable(s.values[i]);
    const p = state.data[i];
    if (!Object.is(p.y, y)) {
      p.y = y;
      changed = true;
    }
  }
  if (n > m) {
    const added: Point[] = new Array(n - m);
    for (let i = m; i < n; i++) added[i - m] = { x: xAt(i), y: drawable(s.values[i]) };
    // One push: chart.js hooks push() on its data array and inserts the new elements in one go.
    state.data.push(...added);
    changed = true;
  }
  return changed;
}

function syncStyle(state: State, s: Series): boolean {
  const signature = `${s.label}|${s.color}|${s.width ?? 1.5}|${s.dash?.join(',') ?? ''}|${s.radius ?? 0}|${s.order ?? 0}|${s.line ?? true}`;
  if (signature === state.style) return false;
  state.style = signature;
  const d = state.dataset as ChartDataset<'line', Point[]> & Record<string, unknown>;
  d.label = s.label;
  d.borderColor = s.color;
  d.backgroundColor = s.color;
  d.borderWidth = s.width ?? 1.5;
  d.borderDash = s.dash ?? [];
  d.pointRadius = s.radius ?? 0;
  d.pointHoverRadius = (s.radius ?? 0) + 2;
  d.pointHitRadius = 4;
  d.order = s.order ?? 0;
  d.showLine = s.line ?? true;
  d.spanGaps = false;
  d.tension = 0;
  return true;
}
