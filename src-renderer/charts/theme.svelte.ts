// Colours of the charts, read from the page's CSS variables (--fg, --muted, --bg) so that charts
// follow the app's light and dark themes. Re-read when `prefers-color-scheme` flips and when the
// root element's class/style/data-* attributes change (a manual theme switch); charts read
// `theme.version` in their effects and re-style in place (no re-creation).

/** Series colours: one set for light backgrounds, one for dark (same hues, tuned for contrast). */
const SERIES_LIGHT = ['#1f6fd1', '#e0650b', '#16933f', '#d62c2c', '#8b3fd9', '#0a8aa6', '#9a6a00', '#cc2f86'];
const SERIES_DARK = ['#62a8ff', '#ff9b4a', '#4fd07f', '#ff6f6f', '#c595ff', '#35d0ee', '#f0c23c', '#ff7cc2'];

/** The book's matplotlib colour order for its figures: SGD, Momentum, AdaGrad, Adam = C0, C1, C2, C3. */
const OPTIMIZER_INDEX: Record<string, number> = { SGD: 0, Momentum: 1, AdaGrad: 2, Adam: 3, Nesterov: 4, RMSprop: 6 };

class Theme {
  fg = $state('#1d2330');
  muted = $state('#5d6677');
  bg = $state('#ffffff');
  dark = $state(false);
  /** The page's --font, for the canvas text (axis labels) to match the UI. */
  font = "'Noto Sans KR', 'Noto Sans JP', 'Noto Sans SC', system-ui, sans-serif";
  /** Bumped on every re-read: effects that style charts read it. */
  version = $state(0);
  #started = false;

  /** Starts listening (idempotent); call from any component before reading colours. */
  start(): void {
    if (this.#started || typeof window === 'undefined') return;
    this.#started = true;
    this.read();
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    media?.addEventListener('change', () => this.read());
    new MutationObserver(() => this.read()).observe(document.documentElement, {
      attributes: true,
      // lang: --font orders the bundled CJK faces by the page's language.
      attributeFilter: ['class', 'style', 'data-theme', 'lang'],
    });
    // Canvas text does not re-render when a web font (a Hangul subset) finishes loading: redraw then.
    document.fonts?.addEventListener('loadingdone', () => this.version++);
  }

  read(): void {
    const style = getComputedStyle(document.documentElement);
    const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    const bg = normalize(get('--bg', '#ffffff'));
    const fg = normalize(get('--fg', '#1d2330'));
    const muted = normalize(get('--muted', '#5d6677'));
    const font = get('--font', this.font);
    const dark = luminance(bg) < 0.4;
    if (bg === this.bg && fg === this.fg && muted === this.muted && dark === this.dark && font === this.font) return;
    this.font = font;
    this.bg = bg;
    this.fg = fg;
    this.muted = muted;
    this.dark = dark;
    this.version++;
  }

  /** Grid lines: the muted colour, faint. */
  get grid(): string {
    return withAlpha(this.muted, this.dark ? 0.28 : 0.22);
  }

  series(index: number): string {
    const list = this.dark ? SERIES_DARK : SERIES_LIGHT;
    return list[((index % list.length) + list.length) % list.length];
  }

  /** Stable colour per optimizer name (SGD blue, Momentum orange, AdaGrad green, Adam red, …). */
  optimizer(name: string): string {
    return this.series(OPTIMIZER_INDEX[name] ?? hashIndex(name));
  }

  /** Stable colour per weight init: std=… blue, Xavier orange, He green (the book's order). */
  init(label: string): string {
    const key = label.toLowerCase();
    if (key.startsWith('std')) return this.series(0);
    if (key.startsWith('xavier')) return this.series(1);
    if (key.startsWith('he')) return this.series(2);
    return this.series(3 + hashIndex(label));
  }
}

export const theme = new Theme();

function hashIndex(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(h) % 8;
}

let probe: CanvasRenderingContext2D | null = null;
/** Any CSS colour → '#rrggbb' or 'rgba(…)', as the canvas understands it. */
export function normalize(color: string): string {
  probe ??= document.createElement('canvas').getContext('2d');
  if (!probe) return color;
  probe.fillStyle = '#000000';
  probe.fillStyle = color;
  return probe.fillStyle;
}

export function rgbOf(color: string): [number, number, number] {
  const c = color.startsWith('#') || color.startsWith('rgb') ? color : normalize(color);
  if (c.startsWith('#')) {
    const hex = c.length === 4 ? [...c.slice(1)].map((d) => d + d).join('') : c.slice(1, 7);
    return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
  }
  const m = c.match(/[\d.]+/g) ?? ['0', '0', '0'];
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}

export function withAlpha(color: string, alpha: number): string {
  const [r, g, b] = rgbOf(color);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Relative luminance in [0, 1]. */
export function luminance(color: string): number {
  const [r, g, b] = rgbOf(color).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

// Viridis, 9 stops (matplotlib's), for accuracies on the search scatter.
const VIRIDIS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];
const VIRIDIS_RGB = VIRIDIS.map((c) => {
  const hex = c.slice(1);
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
});

/** Viridis at t ∈ [0, 1] (clamped); NaN → grey. */
export function viridis(t: number): string {
  if (!Number.isFinite(t)) return 'rgb(128, 128, 128)';
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS_RGB.length - 1);
  const i = Math.min(VIRIDIS_RGB.length - 2, Math.floor(u));
  const f = u - i;
  const [a, b] = [VIRIDIS_RGB[i], VIRIDIS_RGB[i + 1]];
  return `rgb(${Math.round(a[0] + (b[0] - a[0]) * f)}, ${Math.round(a[1] + (b[1] - a[1]) * f)}, ${Math.round(a[2] + (b[2] - a[2]) * f)})`;
}

/** CSS gradient of the colour scale, for the legend bar; `steps` > 0 draws it in hard steps (0, 1/steps, …, 1). */
export function viridisGradient(steps = 0, direction = 'to right'): string {
  if (steps <= 0) return `linear-gradient(${direction}, ${VIRIDIS.join(', ')})`;
  const n = steps + 1;
  const stops = Array.from(
    { length: n },
    (_, k) => `${viridis(k / steps)} ${((k / n) * 100).toFixed(2)}% ${(((k + 1) / n) * 100).toFixed(2)}%`,
  );
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}
