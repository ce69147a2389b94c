// Batches chart work per animation frame. Effects only MARK a chart dirty (with the function that
// brings it up to date); one requestAnimationFrame then runs every pending function and calls
// `update('none')` once per chart that changed. Several lab events inside one frame (or while the
// window is hidden) cost one update.
//
// A task that changed dataset STYLES (colours, widths) returns 'restyle': chart.js keeps the
// element options it shares between points/bars (`_sharedOptions`) and refreshes them only in a
// non-direct update mode, so those charts get `update()` — with `animation: false` it costs the
// same as 'none' and animates nothing.
import type { Chart } from './setup.ts';

/**
 * Brings a chart up to date; returns false when nothing changed (the update is skipped), 'restyle'
 * when dataset styles changed.
 */
export type ChartTask = () => boolean | 'restyle' | void;

interface AnyChart {
  update(mode?: 'none'): void;
}

const pending = new Map<AnyChart, Map<string, ChartTask>>();
let frame = 0;

// Charts scrolled far out of view keep their work until they come back: during a run, only the charts
// one can see are redrawn (the search's grid of 20 charts, a record's many figures).
const deferred = new Map<AnyChart, Map<string, ChartTask>>();
const hidden = new Set<Element>();
const canvasOf = (chart: AnyChart): HTMLCanvasElement | undefined => (chart as { canvas?: HTMLCanvasElement }).canvas ?? undefined;
let visibility: IntersectionObserver | null = null;
function watch(chart: AnyChart): void {
  const canvas = canvasOf(chart);
  if (!canvas || typeof IntersectionObserver === 'undefined') return;
  visibility ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) {
          hidden.add(entry.target);
          continue;
        }
        hidden.delete(entry.target);
        for (const [waiting, tasks] of deferred) {
          if (canvasOf(waiting) !== entry.target) continue;
          deferred.delete(waiting);
          for (const [key, task] of tasks) markDirty(waiting, key, task);
        }
      }
    },
    { rootMargin: '400px' },
  );
  visibility.observe(canvas);
}
const watched = new WeakSet<AnyChart>();

/** Timings of the flushes, for the dev harness and for anyone measuring. */
export const chartStats = {
  flushes: 0,
  /** Charts updated by the last flush. */
  lastCharts: 0,
  lastMs: 0,
  maxMs: 0,
  totalMs: 0,
  /** Durations of the last 500 flushes (ms). */
  recent: [] as number[],
  /** The slowest single chart update seen (ms), and its aria-label. */
  slowestChartMs: 0,
  slowestChart: '',
  reset(): void {
    this.flushes = this.lastCharts = this.lastMs = this.maxMs = this.totalMs = this.slowestChartMs = 0;
    this.slowestChart = '';
    this.recent.length = 0;
  },
};

export function markDirty(chart: Chart | AnyChart, key: string, task: ChartTask): void {
  if (!watched.has(chart)) {
    watched.add(chart);
    watch(chart);
  }
  let tasks = pending.get(chart);
  if (!tasks) pending.set(chart, (tasks = new Map()));
  tasks.set(key, task);
  if (!frame) frame = requestAnimationFrame(flushSliced);
  if (!busy.updates) markBusy();
}

/** Drops a chart's pending work (it is being destroyed). */
export function forget(chart: Chart | AnyChart): void {
  pending.delete(chart);
  deferred.delete(chart);
  const canvas = canvasOf(chart);
  if (canvas) {
    visibility?.unobserve(canvas);
    hidden.delete(canvas);
  }
}

/** Runs all pending work now, that of charts out of view too (a PNG export of every chart). */
export function flushEverything(): void {
  for (const [chart, tasks] of deferred) {
    const canvas = canvasOf(chart);
    if (canvas) hidden.delete(canvas);
    for (const [key, task] of tasks) markDirty(chart, key, task);
  }
  deferred.clear();
  flush();
}

// Anyone may ask for every chart drawn now, those out of view too: the e2e tests' `settle` before
// they read what the canvases drew (a chart off screen otherwise redraws its old options on a resize).
export const DRAW_EVERYTHING_EVENT = 'dl-lab-draw-charts';
if (typeof document !== 'undefined') document.addEventListener(DRAW_EVERYTHING_EVENT, () => flushEverything());

const busy = { updates: false, builds: false };
/**
 * `data-charts-busy` on the document while charts wait to be built or drawn (sliced over frames):
 * what a screenshot waits for.
 */
function markBusy(): void {
  busy.updates = pending.size > 0;
  const on = busy.updates || busy.builds;
  if (on !== document.documentElement.hasAttribute('data-charts-busy')) document.documentElement.toggleAttribute('data-charts-busy', on);
}

/** Whether charts wait to be built (chart-attachment's queue). */
export function setBuildsPending(on: boolean): void {
  busy.builds = on;
  markBusy();
}

/**
 * Chart work in animation frames, within a budget counted from each frame's START: the budget
 * includes what the frame did before the callback. The frame that lays out a newly shown run (30-50
 * ms on a cold page) then draws no chart, and the charts follow one frame later, instead of one task
 * doing both. A frame leaves its work to the next one at most once in a row, so busy frames cannot
 * starve the charts.
 */
export class FrameBudget {
  #waited = false;
  constructor(readonly ms: number) {}

  /** Whether this frame should leave all its work to the next one. */
  waits(frameStart: number): boolean {
    const wait = !this.#waited && this.spent(frameStart);
    this.#waited = wait;
    return wait;
  }

  spent(frameStart: number): boolean {
    return performance.now() - frameStart > this.ms;
  }
}

/** Chart updates one animation frame may run before the rest waits for the next (ms). */
const updates = new FrameBudget(12);
/** The running animation frame's start, or null outside one (a direct flush has no budget). */
let frameStart: number | null = null;

/** The animation frame's flush: within the frame's budget, the rest in the next frames. */
function flushSliced(start: number): void {
  frame = 0;
  if (updates.waits(start)) {
    frame = requestAnimationFrame(flushSliced);
    return;
  }
  frameStart = start;
  try {
    flush();
  } finally {
    frameStart = null;
  }
}

/** Runs all pending work now (also used by tests and the harness). */
export function flush(): void {
  if (frame) cancelAnimationFrame(frame);
  frame = 0;
  if (pending.size === 0) return;
  const start = performance.now();
  const work = [...pending];
  pending.clear();
  let updated = 0;
  for (const [index, [chart, tasks]] of work.entries()) {
    // One frame's budget: what is left waits for the next frame (a task over 50 ms freezes the page).
    if (frameStart !== null && updated > 0 && updates.spent(frameStart)) {
      for (const [later, laterTasks] of work.slice(index)) {
        const merged = pending.get(later) ?? new Map<string, ChartTask>();
        for (const [key, task] of laterTasks) if (!merged.has(key)) merged.set(key, task);
        pending.set(later, merged);
      }
      frame = requestAnimationFrame(flushSliced);
      break;
    }
    const canvas = canvasOf(chart);
    if (canvas && hidden.has(canvas)) {
      const waiting = deferred.get(chart) ?? new Map<string, ChartTask>();
      for (const [key, task] of tasks) waiting.set(key, task);
      deferred.set(chart, waiting);
      continue;
    }
    let changed = false;
    let restyle = false;
    for (const task of tasks.values()) {
      try {
        const result = task();
        if (result !== false) changed = true;
        if (result === 'restyle') restyle = true;
      } catch (error) {
        console.error('chart update failed', error);
      }
    }
    if (changed) {
      const t0 = performance.now();
      if (restyle) chart.update();
      else chart.update('none');
      const dt = performance.now() - t0;
      if (dt > chartStats.slowestChartMs) {
        chartStats.slowestChartMs = dt;
        chartStats.slowestChart = (chart as { canvas?: HTMLCanvasElement }).canvas?.getAttribute('aria-label')?.slice(0, 60) ?? '';
      }
      updated++;
    }
  }
  markBusy();
  const ms = performance.now() - start;
  chartStats.flushes++;
  chartStats.lastCharts = updated;
  chartStats.lastMs = ms;
  chartStats.maxMs = Math.max(chartStats.maxMs, ms);
  chartStats.totalMs += ms;
  chartStats.recent.push(ms);
  if (chartStats.recent.length > 500) chartStats.recent.shift();
}
