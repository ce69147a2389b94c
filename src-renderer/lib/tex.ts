// Formulas typeset offline with KaTeX. `katex.render` builds DOM nodes and sets their inline styles
// through the CSSOM (node.style), which the strict CSP allows — unlike renderToString's HTML with
// style="" attributes, which `style-src 'self'` would strip. KaTeX's CSS and fonts are bundled
// (main.ts imports them), so nothing is fetched from the network.
import katex from 'katex';
import type { Attachment } from 'svelte/attachments';

export function tex(expression: string, displayMode = false): Attachment<HTMLElement> {
  return (element) => {
    katex.render(expression, element, { displayMode, fleqn: true, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
  };
}
