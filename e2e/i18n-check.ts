// Checks of a page in one language: every visible text is in that language (no Hangul on a Japanese
// or Chinese page, no Hangul, kana or Han on the English one, no "undefined"), and every Korean,
// Japanese or Chinese glyph on screen is drawn by a bundled font — the language's own Noto Sans — as
// Chromium reports it (CDP CSS.getPlatformFontsForNode), never by a system font or as a missing glyph.
import type { CDPSession, Page } from '@playwright/test';

export type Lang = 'ko' | 'en' | 'ja' | 'zh';
export const LANGS: readonly Lang[] = ['ko', 'en', 'ja', 'zh'];
export const LANG_BUTTON: Record<Lang, string> = { ko: '한국어', en: 'English', ja: '日本語', zh: '中文' };

/**
 * The bundled font that must draw the CJK text of an element in each language (`lang` of the element). Chromium
 * names a web font by the family inside the file: the subsets of @fontsource's Noto Sans KR are
 * "Noto Sans KR Thin" (a variable font whose default instance is Thin), whatever weight is drawn.
 */
export const BUNDLED_FONT: Record<Lang, string> = { ko: 'Noto Sans KR', en: 'Noto Sans KR', ja: 'Noto Sans JP', zh: 'Noto Sans SC' };

/** Visible texts of the page (text nodes, and the labels a user meets: placeholder, title, aria-label, options). */
export interface PageText {
  text: string;
  /** The nearest `lang` attribute. */
  lang: string;
  where: string;
}

// Browser-side code is passed as a string: this tsconfig is Node's (no DOM types).
const COLLECT_TEXTS = String.raw`(() => {
  const out = [];
  const langOf = (el) => (el.closest('[lang]')?.getAttribute('lang') ?? '');
  const where = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).filter((c) => !c.startsWith('svelte-')).join('.') : '');
  const visible = (el) => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.nodeValue.trim();
    if (!el || !text || el.closest('script, style, .katex-mathml')) continue;
    if (el.tagName === 'OPTION') { if (!visible(el.closest('select') ?? el)) continue; }
    else if (!visible(el)) continue;
    out.push({ text, lang: langOf(el), where: where(el) });
  }
  for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], [aria-description]')) {
    if (!visible(el)) continue;
    for (const name of ['placeholder', 'title', 'aria-label', 'aria-description']) {
      const text = el.getAttribute(name)?.trim();
      if (text) out.push({ text, lang: langOf(el), where: where(el) + '[' + name + ']' });
    }
  }
  out.push({ text: document.title, lang: document.documentElement.lang, where: 'title' });
  return out;
})()`;

export async function pageTexts(page: Page): Promise<PageText[]> {
  return (await page.evaluate(COLLECT_TEXTS)) as PageText[];
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
const KANA = /[\u3040-\u30ff\u31f0-\u31ff]/;
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** Three English words in a row (a sentence left untranslated); names such as "Batch Normalization" are two. */
const ENGLISH_RUN = /\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}\b/;
/** Names that stay as they are in every language, and the language buttons (each in its own language). */
const PROPER_NAMES = [/^(한국어|English|日本語|中文)$/];
/** English phrases that every language shows as they are (code, units, the parameter names of a tex-free formula). */
const ENGLISH_OK = [/\blogspace\(/, /\bstd=/];

/**
 * What is wrong with the texts of a page in `lang`: a text in another language, "undefined",
 * "[object Object]" or "NaN" where a word should be.
 */
export function textProblems(texts: PageText[], lang: Lang): string[] {
  const problems: string[] = [];
  for (const { text, lang: elementLang, where } of texts) {
    if (PROPER_NAMES.some((name) => name.test(text))) continue;
    const say = (why: string) => problems.push(`${why} in ${where}: ${JSON.stringify(text.slice(0, 120))}`);
    if (/\bundefined\b|\[object Object\]|\bnull\b/.test(text)) say('a missing text');
    if (elementLang && !elementLang.startsWith(lang === 'zh' ? 'zh' : lang)) say(`lang="${elementLang}" on a ${lang} page`);
    if (lang !== 'ko' && HANGUL.test(text)) say('Hangul');
    if (lang === 'en' && (KANA.test(text) || HAN.test(text))) say('kana or Han');
    if (lang === 'ko' && KANA.test(text)) say('kana');
    if (lang === 'zh' && KANA.test(text)) say('kana');
    if (lang !== 'en' && ENGLISH_RUN.test(text) && !ENGLISH_OK.some((ok) => ok.test(text))) say('English words');
  }
  return problems;
}

export interface FontUse {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

const CJK = String.raw`[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]`;

/** Marks every visible element whose own text has CJK characters with data-font-probe; returns how many. */
const MARK = String.raw`(() => {
  const cjk = /${CJK}/;
  let n = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !cjk.test(node.nodeValue) || el.closest('script, style, .katex-mathml, option')) continue;
    if (!el.checkVisibility({ checkVisibilityCSS: true })) continue;
    seen.add(el);
    el.setAttribute('data-font-probe', String(n++));
    el.setAttribute('data-font-lang', el.closest('[lang]')?.getAttribute('lang') ?? '');
  }
  return n;
})()`;

/**
 * A twin of a probed element holding only its CJK characters, with its computed font and its
 * language, so that the fonts Chromium reports are those of the CJK glyphs alone (a Latin monospace
 * font drawing the digits beside them is no problem).
 */
const TWIN = String.raw`((i) => {
  const el = document.querySelector('[data-font-probe="' + i + '"]');
  if (!el) return false;
  const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.nodeValue).join('');
  const only = (own.match(/${CJK}/g) ?? []).join('');
  const style = getComputedStyle(el);
  let box = document.getElementById('font-probe-twins');
  if (!box) {
    box = document.createElement('div');
    box.id = 'font-probe-twins';
    box.style.cssText = 'position:absolute;left:0;top:0;opacity:0;pointer-events:none;white-space:pre';
    document.body.append(box);
  }
  const twin = document.createElement('span');
  twin.lang = el.getAttribute('data-font-lang');
  twin.style.fontFamily = style.fontFamily;
  twin.style.fontWeight = style.fontWeight;
  twin.style.fontStyle = style.fontStyle;
  twin.style.fontSize = style.fontSize;
  twin.setAttribute('data-font-twin', String(i));
  twin.textContent = only;
  box.append(twin);
  return true;
})`;

const UNMARK = `(() => {
  for (const el of document.querySelectorAll('[data-font-probe]')) {
    el.removeAttribute('data-font-probe');
    el.removeAttribute('data-font-lang');
  }
  document.getElementById('font-probe-twins')?.remove();
  return true;
})()`;

/** The fonts that drew a node's text; null when the node is gone. */
async function fontsOf(cdp: CDPSession, nodeId: number): Promise<FontUse[] | null> {
  return cdp.send('CSS.getPlatformFontsForNode', { nodeId }).then(
    (r) => r.fonts as FontUse[],
    () => null,
  );
}

/** The probed elements (or their twins) as CDP nodes, with their index and language. */
async function probes(cdp: CDPSession, attribute: string): Promise<{ nodeId: number; index: string; lang: string }[]> {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `[${attribute}]` });
  const out: { nodeId: number; index: string; lang: string }[] = [];
  for (const nodeId of nodeIds) {
    const attributes = await cdp.send('DOM.getAttributes', { nodeId }).then(
      (r) => r.attributes,
      () => null, // gone since (a page that is still updating): nothing to check
    );
    if (!attributes) continue;
    const attr = (name: string) => {
      const i = attributes.findIndex((a, j) => j % 2 === 0 && a === name);
      return i >= 0 ? attributes[i + 1] : '';
    };
    out.push({ nodeId, index: attr(attribute), lang: attr('data-font-lang') || attr('lang') });
  }
  return out;
}

/** A bundled web font (not a system font of the same name), and the one of the language (any of them for English). */
const isRight = (font: FontUse, lang: Lang): boolean =>
  font.isCustomFont && (lang === 'en' ? /^Noto Sans (KR|JP|SC)\b/ : new RegExp(`^${BUNDLED_FONT[lang]}\\b`)).test(font.familyName);

const langKey = (lang: string): Lang => (lang.startsWith('zh') ? 'zh' : lang.startsWith('ja') ? 'ja' : lang.startsWith('ko') ? 'ko' : 'en');

/**
 * Every visible element with CJK text: which fonts drew it. A problem when its CJK glyphs come from
 * anything but the bundled Noto Sans of the element's language (a system font, a fallback font, a
 * missing glyph), or from another bundled Noto Sans (Japanese text in Korean Han glyphs).
 */
export async function fontProblems(page: Page, cdp: CDPSession): Promise<string[]> {
  const problems: string[] = [];
  const count = (await page.evaluate(MARK)) as number;
  if (count === 0) return problems;
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  try {
    const marked = await probes(cdp, 'data-font-probe');
    const suspects: { index: string; fonts: FontUse[] }[] = [];
    for (const { nodeId, index, lang } of marked) {
      const fonts = await fontsOf(cdp, nodeId);
      if (!fonts) continue;
      // Quick pass: an element drawn by its language's Noto Sans alone needs no closer look.
      if (fonts.length > 0 && fonts.every((f) => isRight(f, langKey(lang)))) continue;
      suspects.push({ index, fonts });
    }
    for (const { index } of suspects) await page.evaluate(`${TWIN}(${index})`);
    const twins = new Map((await probes(cdp, 'data-font-twin')).map((t) => [t.index, t]));
    for (const { index, fonts } of suspects) {
      const twin = twins.get(index);
      if (!twin) continue;
      const lang = langKey(twin.lang);
      const cjkFonts = (await fontsOf(cdp, twin.nodeId)) ?? [];
      const text = (await page.evaluate(`document.querySelector('[data-font-twin="${index}"]').textContent`)) as string;
      const wrong = cjkFonts.filter((f) => !isRight(f, lang));
      if (wrong.length > 0 || cjkFonts.length === 0) {
        const list = (cjkFonts.length ? cjkFonts : fonts)
          .map((f) => `${f.familyName}${f.isCustomFont ? '' : ' (system)'} ×${f.glyphCount}`)
          .join(', ');
        problems.push(`${JSON.stringify(text.trim().slice(0, 60))} (lang ${lang}): CJK glyphs drawn by ${list || 'no font'}`);
      }
    }
  } finally {
    await page.evaluate(UNMARK);
  }
  return problems;
}

/**
 * Records the texts that canvases draw (chart axes, legends drawn in the canvas, the parallel
 * coordinates) with the font they are drawn in: the DOM does not hold them. Install before the page loads.
 */
export async function recordCanvasText(page: Page): Promise<void> {
  await page.addInitScript(`(() => {
    const drawn = (window.__canvasText = []);
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      if (typeof text === 'string' && text.trim()) drawn.push({ text: text.trim(), font: this.font });
      return fill.call(this, text, ...rest);
    };
  })()`);
}

/** What canvases drew since the last call (the log is emptied). */
export async function canvasTexts(page: Page): Promise<{ text: string; font: string }[]> {
  return (await page.evaluate('window.__canvasText.splice(0)')) as { text: string; font: string }[];
}

/**
 * Canvas text in another language or missing (as textProblems), and CJK canvas text whose font
 * does not start with the language's bundled Noto Sans (a canvas has no fallback by `lang`: the
 * order of its font list is what picks the Han glyphs). The last draw of each text counts.
 */
export function canvasProblems(drawn: { text: string; font: string }[], lang: Lang): string[] {
  const last = new Map(drawn.map((d) => [d.text, d.font]));
  const problems = textProblems(
    [...last.keys()].map((text) => ({ text, lang: '', where: 'canvas' })),
    lang,
  );
  const cjk = new RegExp(CJK);
  for (const [text, font] of last) {
    if (!cjk.test(text)) continue;
    const first = /^(?:[^'"]*?\d+px\s+)?['"]?([^'",]+)/.exec(font)?.[1]?.trim() ?? '';
    const wanted = BUNDLED_FONT[lang];
    if (first !== wanted) problems.push(`canvas text ${JSON.stringify(text.slice(0, 60))} drawn in "${font}", not ${wanted} first`);
  }
  return problems;
}

/** Switches the app's language with its toggle and waits for <html lang> to follow. */
export async function switchLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: LANG_BUTTON[lang], exact: true }).click();
  await page.waitForFunction(`document.documentElement.lang.startsWith('${lang}')`);
}
