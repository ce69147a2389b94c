// A chart is an attachment: it creates the Chart ONCE when its canvas first comes near the viewport
// (untracked, so no state read while building the config can re-create it), then one nested effect per "feed" tracks the
// reactive state that feed depends on and marks the chart dirty; the scheduler applies the feeds
// in the next animation frame and calls update('none'). Cleanup destroys the chart.
import { flushSync, untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import { locale } from '../lib/i18n.svelte.ts';
import { FrameBudget, flushEverything, forget, markDirty, setBuildsPending, type ChartTask } from './scheduler.ts';
import { Chart } from './setup.ts';
import { theme, withAlpha } from './theme.svelte.ts';

/**
 * A feed runs inside an effect: it reads (and so tracks) the state it depends on, and returns the
 * task that brings the chart up to date. Keep the feed itself cheap; do the work in the task.
 */
export type Feed<C> = (chart: C) => ChartTask;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyChart = Chart<any, any, any>;

/** How far outside the viewport a chart is already built (px), so that scrolling finds it drawn. */
const NEAR = '400px';

export function chartAttachment<C extends AnyChart>(
  create: (canvas: HTMLCanvasElement) => C,
  feeds: Record<string, Feed<C>>,
): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    theme.start();
    Chart.defaults.font.family = theme.font;
    // Built when the canvas first comes near the viewport: a page with 20+ charts (the search's
    // grid, a job's record) opens without building the ones below the fold in the same task.
    let near = $state(typeof IntersectionObserver === 'undefined');
    const observer =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver(
            (entries) => {
              if (entries.some((entry) => entry.isIntersecting)) {
                observer?.disconnect();
                queueBuild(canvas, () => (near = true));
              }
            },
            { rootMargin: NEAR },
          );
    observer?.observe(canvas);
    // An export of every chart of a region builds the ones not scrolled to yet (ensureCharts).
    const build = () => {
      builds.delete(canvas);
      near = true;
    };
    canvas.addEventListener(BUILD_EVENT, build);
    $effect(() => {
      if (!near) return;
      const chart = untrack(() => create(canvas));
      // Colours of axes, grid and tooltip follow the theme; every chart gets this feed.
      $effect(() => {
        void theme.version;
        markDirty(chart, 'theme', () => applyTheme(chart));
      });
      for (const [key, feed] of Object.entries(feeds)) {
        $effect(() => {
          markDirty(chart, key, feed(chart));
        });
      }
      return () => {
        forget(chart);
        chart.destroy();
      };
    });
    return () => {
      observer?.disconnect();
      builds.delete(canvas);
      canvas.removeEventListener(BUILD_EVENT, build);
    };
  };
}

const BUILD_EVENT = 'dl-lab-build-chart';

// Charts that came into view are built a few per animation frame, not all in the observer's callback:
// the activation histograms' 35 charts built at once were a 250 ms task.
const buildBudget = new FrameBudget(10);
const builds = new Map<HTMLCanvasElement, () => void>();
let buildFrame = 0;
function queueBuild(canvas: HTMLCanvasElement, build: () => void): void {
  builds.set(canvas, build);
  setBuildsPending(true);
  if (!buildFrame) buildFrame = requestAnimationFrame(runBuilds);
}
function runBuilds(frameStart: number): void {
  buildFrame = 0;
  if (buildBudget.waits(frameStart)) {
    buildFrame = requestAnimationFrame(runBuilds);
    return;
  }
  for (const [canvas, build] of builds) {
    builds.delete(canvas);
    if (canvas.isConnected) {
      build();
      flushSync(); // the chart's effect runs now, inside this frame's budget
    }
    if (buildBudget.spent(frameStart)) break;
  }
  if (builds.size && !buildFrame) buildFrame = requestAnimationFrame(runBuilds);
  setBuildsPending(builds.size > 0);
}

/** Builds every chart of these canvases now and draws them (a PNG export of charts not yet scrolled to). */
export function ensureCharts(canvases: readonly HTMLCanvasElement[]): void {
  for (const canvas of canvases) canvas.dispatchEvent(new Event(BUILD_EVENT));
  flushSync();
  flushEverything();
}

interface LooseScale {
  ticks?: { color?: unknown };
  grid?: { color?: unknown };
  border?: { color?: unknown };
  title?: { color?: unknown };
}

/** Axis, grid and tooltip colours from the theme (datasets are coloured by their own feeds). */
export function applyTheme(chart: AnyChart): void {
  Chart.defaults.font.family = theme.font;
  const scales = (chart.options.scales ?? {}) as Record<string, LooseScale>;
  for (const scale of Object.values(scales)) {
    if (scale.ticks) scale.ticks.color = theme.muted;
    if (scale.grid) scale.grid.color = theme.grid;
    if (scale.border) scale.border.color = withAlpha(theme.muted, 0.6);
    if (scale.title) scale.title.color = theme.fg;
  }
  const tooltip = chart.options.plugins?.tooltip;
  if (tooltip) {
    tooltip.backgroundColor = withAlpha(theme.fg, 0.94);
    tooltip.titleColor = theme.bg;
    tooltip.bodyColor = theme.bg;
    tooltip.borderColor = theme.muted;
  }
}

/** The current language, read so that a feed re-runs when it changes. */
export function trackLang(): string {
  return locale.lang;
}
