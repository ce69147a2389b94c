// A chart is an attachment: it creates the Chart ONCE when its canvas mounts (untracked, so no state
// read while building the config can re-create it), then one nested effect per "feed" tracks the
// reactive state that feed depends on and marks the chart dirty; the scheduler applies the feeds
// in the next animation frame and calls update('none'). Cleanup destroys the chart.
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';
import { locale } from '../lib/i18n.svelte.ts';
import { forget, markDirty, type ChartTask } from './scheduler.ts';
import { Chart } from './setup.ts';
import { theme, withAlpha } from './theme.svelte.ts';

/**
 * A feed runs inside an effect: it reads (and so tracks) the state it depends on, and returns the
 * task that brings the chart up to date. Keep the feed itself cheap; do the work in the task.
 */
export type Feed<C> = (chart: C) => ChartTask;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyChart = Chart<any, any, any>;

export function chartAttachment<C extends AnyChart>(
  create: (canvas: HTMLCanvasElement) => C,
  feeds: Record<string, Feed<C>>,
): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    theme.start();
    Chart.defaults.font.family = theme.font;
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
  };
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
