import { describe, expect, it } from 'vitest';
import { mimeType } from './renderer-files.ts';

describe('renderer files', () => {
  it('serve the page as HTML whether asked by file or by extension (a browser downloads what is not)', () => {
    expect(mimeType('.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('/out/renderer/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeType('.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('/assets/KaTeX_Main-Bold.TTF')).toBe('font/ttf');
    expect(mimeType('/LICENSE')).toBe('application/octet-stream');
  });
});
