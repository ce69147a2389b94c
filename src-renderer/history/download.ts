// Saving files from the renderer: a download of a blob: URL made here (`<a download>`). In the web
// test host that is a browser download (Playwright's `download` event); in the desktop app, main's
// `will-download` handler gives it the native save dialog (src-main/index.ts). Nothing is fetched,
// so the CSP needs nothing more.
import type { ExportFile } from '../../src-shared/api.ts';
import { Chart } from '../charts/setup.ts';

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the blob once started; free ours a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves an export from the lab service (CSV or JSON text). */
export function saveExport(file: ExportFile): void {
  saveBlob(new Blob([file.text], { type: `${file.mimeType};charset=utf-8` }), file.fileName);
}

/** The page's surface colour: charts draw on a transparent canvas, a PNG needs a background. */
function surfaceColor(): string {
  const style = getComputedStyle(document.documentElement);
  return style.getPropertyValue('--surface').trim() || '#ffffff';
}

/** What an exported PNG says besides the plot: its title, and the legend (from the charts' datasets). */
export interface PngCaption {
  title?: string;
}

interface LegendEntry {
  label: string;
  color: string;
  dashed: boolean;
}

/** The named series of these canvases' charts, each once (bands and unnamed helpers left out). */
export function legendEntries(canvases: readonly HTMLCanvasElement[]): LegendEntry[] {
  const seen = new Set<string>();
  const entries: LegendEntry[] = [];
  for (const canvas of canvases) {
    const chart = Chart.getChart(canvas);
    for (const dataset of chart?.data.datasets ?? []) {
      const label = typeof dataset.label === 'string' ? dataset.label.trim() : '';
      const color = (dataset as { borderColor?: unknown }).borderColor;
      if (!label || seen.has(label) || (dataset as { hidden?: boolean }).hidden) continue;
      seen.add(label);
      const dash = (dataset as { borderDash?: unknown }).borderDash;
      entries.push({
        label,
        color: typeof color === 'string' ? color : String((dataset as { backgroundColor?: unknown }).backgroundColor ?? '#888'),
        dashed: Array.isArray(dash) && dash.length > 0,
      });
    }
  }
  return entries;
}

/**
 * Canvases as one PNG, laid out as they are on screen (several charts of a figure side by side),
 * on the page's surface colour, at the canvases' own resolution — under the figure's title and
 * over its legend (the page draws both in HTML, outside the canvases). Axis titles are the charts' own.
 */
export async function canvasesPng(canvases: readonly HTMLCanvasElement[], padding = 12, caption: PngCaption = {}): Promise<Blob | null> {
  const shown = canvases.filter((c) => c.width > 0 && c.height > 0 && c.getBoundingClientRect().width > 0);
  if (shown.length === 0) return null;
  const rects = shown.map((c) => c.getBoundingClientRect());
  const scale = shown[0].width / rects[0].width || 1;
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.right));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  const style = getComputedStyle(document.documentElement);
  const fg = style.getPropertyValue('--fg').trim() || '#1d1f23';
  const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const width = right - left + 2 * padding;

  // Measure the title and the legend's rows (wrapped to the width) before sizing the image.
  const measure = document.createElement('canvas').getContext('2d');
  const titleSize = 15;
  const legendSize = 12;
  const titleHeight = caption.title ? titleSize + 12 : 0;
  const entries = legendEntries(shown);
  const rows: { entry: LegendEntry; x: number }[][] = [];
  if (measure && entries.length) {
    measure.font = `${legendSize}px ${font}`;
    let row: { entry: LegendEntry; x: number }[] = [];
    let x = 0;
    for (const entry of entries) {
      const w = 22 + measure.measureText(entry.label).width + 16;
      if (row.length && x + w > width - 2 * padding) {
        rows.push(row);
        row = [];
        x = 0;
      }
      row.push({ entry, x });
      x += w;
    }
    rows.push(row);
  }
  const legendHeight = rows.length ? rows.length * (legendSize + 8) + 6 : 0;

  const out = document.createElement('canvas');
  out.width = Math.round(width * scale);
  out.height = Math.round((bottom - top + 2 * padding + titleHeight + legendHeight) * scale);
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = surfaceColor();
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.scale(scale, scale);
  if (caption.title) {
    ctx.fillStyle = fg;
    ctx.font = `700 ${titleSize}px ${font}`;
    ctx.textBaseline = 'top';
    ctx.fillText(caption.title, padding, padding, width - 2 * padding);
  }
  const plotTop = padding + titleHeight;
  shown.forEach((canvas, i) => {
    const r = rects[i];
    ctx.drawImage(canvas, r.left - left + padding, r.top - top + plotTop, r.width, r.height);
  });
  let y = plotTop + (bottom - top) + 6;
  ctx.font = `${legendSize}px ${font}`;
  ctx.textBaseline = 'middle';
  for (const row of rows) {
    for (const { entry, x } of row) {
      const x0 = padding + x;
      ctx.strokeStyle = entry.color;
      ctx.lineWidth = 2.5;
      ctx.setLineDash(entry.dashed ? [4, 3] : []);
      ctx.beginPath();
      ctx.moveTo(x0, y + legendSize / 2);
      ctx.lineTo(x0 + 16, y + legendSize / 2);
      ctx.stroke();
      ctx.fillStyle = fg;
      ctx.fillText(entry.label, x0 + 22, y + legendSize / 2);
    }
    y += legendSize + 8;
  }
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

export async function saveCanvasesPng(
  canvases: readonly HTMLCanvasElement[],
  fileName: string,
  caption: PngCaption = {},
): Promise<boolean> {
  const blob = await canvasesPng(canvases, 12, caption);
  if (!blob) return false;
  saveBlob(blob, fileName);
  return true;
}
