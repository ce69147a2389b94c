// Axis specs shared by the chart components: range, scale type and a title in every language,
// applied to a live chart in place (language and range changes do not re-create it).
import type { Text } from '../../src-shared/api.ts';
import { tr } from '../lib/i18n.svelte.ts';
import { powerOfTenTick, short } from './format.ts';

export interface AxisSpec {
  title?: Text;
  min?: number;
  max?: number;
  /** Let the data widen the range past min/max (autoscale when data exceed it). */
  soft?: boolean;
  log?: boolean;
  /** Hide tick labels (inner panels of a small-multiples grid). */
  hideTicks?: boolean;
  /** Integer ticks only (epochs, iterations). */
  integer?: boolean;
  maxTicks?: number;
}

interface LooseScale {
  type?: string;
  min?: number;
  max?: number;
  suggestedMin?: number;
  suggestedMax?: number;
  title?: { display?: boolean; text?: string };
  ticks?: { display?: boolean; maxTicksLimit?: number; precision?: number; callback?: unknown; autoSkip?: boolean; maxRotation?: number };
}

/** A fresh scale config (for the chart's initial options). */
export function scaleConfig(spec: AxisSpec | undefined, compact: boolean): Record<string, unknown> {
  const scale: Record<string, unknown> = {
    type: spec?.log ? 'logarithmic' : 'linear',
    title: { display: false, text: '', font: { size: compact ? 10 : 12 } },
    ticks: { font: { size: compact ? 9 : 11 }, maxRotation: 0, autoSkip: true },
    grid: {},
    border: {},
  };
  applyAxis(scale as LooseScale, spec, compact);
  return scale;
}

/** What of a scale's options `applyAxis` may change, as one comparable string. */
const axisState = (scale: LooseScale): string =>
  JSON.stringify([
    scale.min,
    scale.max,
    scale.suggestedMin,
    scale.suggestedMax,
    scale.title?.text,
    scale.title?.display,
    scale.ticks?.display,
    scale.ticks?.maxTicksLimit,
  ]);

/** Applies `spec` to a live scale's options; returns whether anything changed. */
export function applyAxis(scale: LooseScale, spec: AxisSpec | undefined, compact: boolean): boolean {
  const before = axisState(scale);
  const title = spec?.title ? tr(spec.title) : '';
  scale.title ??= {};
  scale.title.text = title;
  scale.title.display = title !== '';
  const hard = !spec?.soft;
  scale.min = hard ? spec?.min : undefined;
  scale.max = hard ? spec?.max : undefined;
  scale.suggestedMin = hard ? undefined : spec?.min;
  scale.suggestedMax = hard ? undefined : spec?.max;
  scale.ticks ??= {};
  scale.ticks.display = !spec?.hideTicks;
  scale.ticks.maxTicksLimit = spec?.maxTicks ?? (compact ? 4 : 8);
  scale.ticks.precision = spec?.integer ? 0 : undefined;
  scale.ticks.callback = spec?.log
    ? (value: number | string) => powerOfTenTick(Number(value))
    : (value: number | string) => short(Number(value));
  const after = axisState(scale);
  return before !== after;
}
