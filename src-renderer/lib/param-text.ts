// A parameter's value as the screens write it: a choice by its option's label, a list of choices by
// theirs, a flag as ✓ or —, numbers and lists as the form writes them.
import type { ParamSpec } from '../../src-shared/params/spec.ts';
import { formatParamValue } from '../../src-shared/params/validate.ts';
import { tr } from './i18n.svelte.ts';

export function paramValueText(spec: ParamSpec, value: unknown): string {
  const label = (option: unknown) => {
    const found = spec.kind === 'choice' || spec.kind === 'choice-list' ? spec.options.find((o) => o.value === option) : undefined;
    return found ? tr(found.label) : String(option);
  };
  if (spec.kind === 'choice') return label(value);
  if (spec.kind === 'choice-list' && Array.isArray(value)) return value.map(label).join(', ');
  if (spec.kind === 'boolean') return value ? '✓' : '—';
  return formatParamValue(value);
}

/** `name=value` of each parameter that differs from the book's default. */
export function differencesText(diffs: readonly { spec: ParamSpec; value: unknown }[]): string[] {
  return diffs.map(({ spec, value }) => `${spec.name}=${formatParamValue(value)}`);
}
