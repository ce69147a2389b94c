// Numbers, durations and dates in the user's language.
import { INTL_LOCALE, type Lang } from '../../src-shared/i18n/text.ts';

const intlLocale = (lang: Lang): string => INTL_LOCALE[lang];

export function formatInteger(value: number, lang: Lang): string {
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 0 }).format(value);
}

export function formatPercent(value: number, lang: Lang): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(value);
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
  return new Intl.DateTimeFormat(intlLocale(lang), {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
