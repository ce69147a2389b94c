// The user's language (Korean, English, Japanese or Simplified Chinese): chosen from the system's at
// first (ja* → ja, zh* → zh, ko* → ko, anything else → en), switchable, remembered (localStorage lives
// in the app's user-data folder). Every text on screen is a `Text` (one string per language) put
// into words here.
import { HTML_LANG, isLang, LANGS, type Lang, type Text } from '../../src-shared/i18n/text.ts';
import { jobProblemText, runProblemText, type JobProblem, type RunProblem } from '../../src-shared/outcome.ts';
import { problemText, type Problem } from '../../src-shared/params/problems.ts';

export type { Lang } from '../../src-shared/i18n/text.ts';
const STORAGE_KEY = 'dl-lab.lang';

function initialLang(): Lang {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (isLang(saved)) return saved;
  for (const system of globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'en']) {
    const code = system.toLowerCase().split('-')[0];
    if (isLang(code)) return code;
  }
  return 'en';
}

class Locale {
  lang = $state<Lang>(initialLang());
  readonly langs = LANGS;

  set(lang: Lang): void {
    this.lang = lang;
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
    document.documentElement.lang = HTML_LANG[lang];
  }
}

export const locale = new Locale();

/** The text in the current language. */
export function tr(text: Text): string {
  return text[locale.lang];
}

/** A form or request problem in the current language. */
export const trProblem = (problem: Problem): string => problemText(problem, locale.lang);

/** Why a run failed or diverged, in the current language. */
export const trRunProblem = (problem: RunProblem): string => runProblemText(problem, locale.lang);

/** Why a job failed, in the current language. */
export const trJobProblem = (problem: JobProblem): string => jobProblemText(problem, locale.lang);
