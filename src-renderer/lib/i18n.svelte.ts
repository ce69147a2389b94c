// Korean and English for every label, message and explanation. The choice is remembered
// (localStorage lives in the app's user-data folder); Korean by default when the system is Korean.
import type { Text } from '../../src-main/api.ts';

export type Lang = 'ko' | 'en';
const STORAGE_KEY = 'dl-lab.lang';

function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'ko' || saved === 'en') return saved;
  const system = globalThis.navigator?.languages?.[0] ?? globalThis.navigator?.language ?? 'en';
  return system.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

class Locale {
  lang = $state<Lang>(initialLang());

  set(lang: Lang): void {
    this.lang = lang;
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    document.documentElement.lang = lang;
  }
}

export const locale = new Locale();

/** The text in the current language. */
export function tr(text: Text): string {
  return text[locale.lang];
}
