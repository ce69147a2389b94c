// Saving files from the renderer: a download of a blob: URL made here (`<a download>`). In the web
// test host that is a browser download (Playwright's `download` event); in the desktop app, main's
// `will-download` handler gives it the native save dialog (src-main/index.ts). Nothing is fetched,
// so the CSP needs nothing more.
import type { ExportFile } from '../../src-shared/api.ts';

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

/**
 * Canvases as one PNG, laid out as they are on screen (several charts of a figure side by side),
 * on the page's surface colour, at the canvases' own resolution.
 */
export async function canvasesPng(canvases: readonly HTMLCanvasElement[], padding = 12): Promise<Blob | null> {
  const shown = canvases.filter((c) => c.width > 0 && c.height > 0 && c.getBoundingClientRect().width > 0);
  if (shown.length === 0) return null;
  const rects = shown.map((c) => c.getBoundingClientRect());
  const scale = shown[0].width / rects[0].width || 1;
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.right));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  const out = document.createElement('canvas');
  out.width = Math.round((right - left + 2 * padding) * scale);
  out.height = Math.round((bottom - top + 2 * padding) * scale);
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = surfaceColor();
  ctx.fillRect(0, 0, out.width, out.height);
  shown.forEach((canvas, i) => {
    const r = rects[i];
    ctx.drawImage(canvas, (r.left - left + padding) * scale, (r.top - top + padding) * scale, r.width * scale, r.height * scale);
  });
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

export async function saveCanvasesPng(canvases: readonly HTMLCanvasElement[], fileName: string): Promise<boolean> {
  const blob = await canvasesPng(canvases);
  if (!blob) return false;
  saveBlob(blob, fileName);
  return true;
}
