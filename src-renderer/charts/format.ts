// Number formatting for chart labels, tables and the book's printouts.
import type { Text } from '../../src-shared/api.ts';

/** Python's str() of a float rounded to `digits` significant digits: 0.0092, 3.1e-07, 0.83. */
export function pyFloat(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
  if (value === 0) return '0.0';
  const rounded = Number(value.toPrecision(digits));
  const abs = Math.abs(rounded);
  if (abs < 1e-4 || abs >= 1e16) {
    const [mantissa, exponent] = rounded.toExponential().split('e');
    const e = Number(exponent);
    return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const text = String(rounded);
  return text.includes('.') || text.includes('e') ? text : `${text}.0`;
}

/** A compact number for axes and captions: 3 significant digits, exponent when tiny or huge. */
export function short(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '—' : value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e6) return value.toExponential(Math.max(0, digits - 1));
  return String(Number(value.toPrecision(digits)));
}

/** A position on the bowl: 3 decimals (-0.136, 0.000), exponent when far away. */
export function coord(value: number): string {
  if (!Number.isFinite(value)) return short(value);
  if (Math.abs(value) >= 1e4) return value.toExponential(2);
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

/** Always exponent notation (gradient differences): 7.03e-7. */
export function sci(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? '—' : String(value);
  if (value === 0) return '0';
  return value.toExponential(digits - 1);
}

/** 0.8312 → "83.1%". */
export function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '—';
}

/** A power of ten as a tick label: 1e-6 → "1e-6"; other values → "". */
export function powerOfTenTick(value: number): string {
  const e = Math.log10(value);
  return Math.abs(e - Math.round(e)) < 1e-9 ? `1e${Math.round(e)}` : '';
}

export const t = (ko: string, en: string, ja: string, zh: string): Text => ({ ko, en, ja, zh });

/**
 * A run's name for legends: its label, plus its seed when the job was repeated over seeds (the
 * repeats of one configuration share a label and carry `repeat` and `seed` params).
 */
export function runName(run: { label: string; params: Record<string, unknown> }): string {
  return typeof run.params.repeat === 'number' ? `${run.label} · seed ${String(run.params.seed)}` : run.label;
}

/** Index of each distinct label in order of appearance: repeats of a configuration share a colour. */
export function labelIndex(runs: readonly { label: string }[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const run of runs) if (!index.has(run.label)) index.set(run.label, index.size);
  return index;
}
