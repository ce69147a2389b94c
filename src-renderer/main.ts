import { mount } from 'svelte';
// Fonts and KaTeX's styles are bundled: the app renders the same offline. Only the weights used.
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
// Japanese and Simplified Chinese (their Han glyphs differ); each face is split into unicode-range
// subsets, and only the subsets a page draws are loaded.
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './vendor/katex.css'; // katex.min.css with a CSP-safe Size3 face (see the file)
import './app.css';
import App from './App.svelte';
import { locale } from './lib/i18n.svelte.ts';
import { HTML_LANG } from '../src-shared/i18n/text.ts';
import { lab } from './lib/lab-state.svelte.ts';
import { warmFormatters } from './lib/format.ts';

document.documentElement.lang = HTML_LANG[locale.lang];
void lab.start();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const app = mount(App, { target });
requestIdleCallback(() => warmFormatters(locale.lang), { timeout: 2000 });
export default app;
