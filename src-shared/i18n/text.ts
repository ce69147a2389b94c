// The languages of the app and the shape of every piece of user-facing text. A `Text` has one
// string per language, so adding a language to LANGS makes the compiler list every text that
// lacks it.

export const LANGS = ['ko', 'en', 'ja', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export type Text = Record<Lang, string>;

export const isLang = (value: unknown): value is Lang => typeof value === 'string' && (LANGS as readonly string[]).includes(value);

/** The Intl locale of a language (number and date formats). */
export const INTL_LOCALE: Record<Lang, string> = { ko: 'ko-KR', en: 'en-US', ja: 'ja-JP', zh: 'zh-CN' };

/**
 * The `lang` attribute of the page in a language: `zh-Hans` says Simplified Chinese, so that `:lang(zh)`
 * rules (the font stacks in app.css) match it as they match `ja`, `ko` and `en`.
 */
export const HTML_LANG: Record<Lang, string> = { ko: 'ko', en: 'en', ja: 'ja', zh: 'zh-Hans' };

/** The same words in every language (a name such as "Adam" or "ReLU"). */
export const same = (text: string): Text => Object.fromEntries(LANGS.map((lang) => [lang, text])) as Text;
