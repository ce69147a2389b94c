// A compact date and time for lists: "11월 26일 19:02" / "Nov 26, 19:02", with the year when it is
// not this year's.
import type { Text } from '../../src-shared/api.ts';

type Lang = keyof Text;

export function formatWhen(epochMs: number, lang: Lang, now = Date.now()): string {
  const date = new Date(epochMs);
  if (!Number.isFinite(date.getTime())) return '—'; // a damaged or hand-edited row must not break the list
  const thisYear = date.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(lang === 'ko' ? 'ko-KR' : 'en-US', {
    ...(thisYear ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}
