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
  let tasks = pending.get(chart);
  if (!tasks) pending.set(chart, (tasks = new Map()));
  tasks.set(key, task);
  if (!frame) frame = requestAnimationFrame(flush);
}

/** Drops a chart's pending work (it is being destroyed). */
export function forget(chart: Chart | AnyChart): void {
  pending.delete(chart);
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
  for (const [chart, tasks] of work) {
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
  const ms = performance.now() - start;
  chartStats.flushes++;
  chartStats.lastCharts = updated;
  chartStats.lastMs = ms;
  chartStats.maxMs = Math.max(chartStats.maxMs, ms);
  chartStats.totalMs += ms;
  chartStats.recent.push(ms);
  if (chartStats.recent.length > 500) chartStats.recent.shift();
}
