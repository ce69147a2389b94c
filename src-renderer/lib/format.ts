// Numbers, durations and dates in the user's language.
import { INTL_LOCALE, type Lang } from '../../src-shared/i18n/text.ts';

// One formatter per kind and language, made on first use: building an Intl formatter costs far more
// than formatting with it (they were built anew for every date and number on screen, and the first
// date formatter of a page took 32 ms inside the task that shows a started run).
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

export function cachedFormatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  kind: string,
  lang: Lang,
  make: (locale: string) => T,
): T {
  const key = `${kind}/${lang}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = make(INTL_LOCALE[lang])));
  return formatter as T;
}

export function formatInteger(value: number, lang: Lang): string {
  return cachedFormatter('integer', lang, (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(value);
}

export function formatPercent(value: number, lang: Lang): string {
  return cachedFormatter('percent', lang, (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(
    value,
  );
}

const SECONDS: Record<Lang, (text: string) => string> = {
  ko: (text) => `${text}초`,
  en: (text) => `${text} s`,
  ja: (text) => `${text}秒`,
  zh: (text) => `${text}秒`,
};

/** 12.3 s, 4:05, 1:02:03 — compact, the same shape in every language. */
export function formatDuration(ms: number, lang: Lang): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 60_000) {
    const seconds = ms / 1000;
    const text = seconds < 10 ? seconds.toFixed(1) : Math.round(seconds).toString();
    return SECONDS[lang](text);
  }
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => n.toString().padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** A date, or '—' for a value that is none (a damaged or hand-edited row must not break a page). */
export function formatDateTime(epochMs: number, lang: Lang): string {
  const date = new Date(epochMs);
  if (!Number.isFinite(date.getTime())) return '—';
  const format = cachedFormatter(
    'date-time',
    lang,
    (locale) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
  );
  return format.format(date);
}

/**
 * Builds the formatters of a language ahead of need. The first Intl date formatter of a page costs
 * ~30 ms (the locale's patterns are generated on first use): paid while the page idles after it
 * opens, not inside the frame that shows a started run.
 */
export function warmFormatters(lang: Lang): void {
  formatInteger(0, lang);
  formatPercent(0, lang);
  formatDateTime(0, lang);
}
