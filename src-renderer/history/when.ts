// A compact date and time for lists: "11월 26일 19:02" / "Nov 26, 19:02", with the year when it is
// not this year's.
import type { Lang } from '../../src-shared/i18n/text.ts';
import { cachedFormatter } from '../lib/format.ts';

export function formatWhen(epochMs: number, lang: Lang, now = Date.now()): string {
  const date = new Date(epochMs);
  if (!Number.isFinite(date.getTime())) return '—'; // a damaged or hand-edited row must not break the list
  const thisYear = date.getFullYear() === new Date(now).getFullYear();
  const format = cachedFormatter(
    thisYear ? 'when' : 'when-with-year',
    lang,
    (locale) =>
      new Intl.DateTimeFormat(locale, {
        ...(thisYear ? {} : { year: 'numeric' }),
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  );
  return format.format(date);
}
