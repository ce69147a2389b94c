// Contour lines of the book's bowl f(x, y) = x²/20 + y² on x ∈ [-10, 10], y ∈ [-5, 5], computed
// once with d3-contour (marching squares) and drawn under the optimizer paths by a chart.js plugin.
// The book masks Z > 7 (`mask = Z > 7; Z[mask] = 0`) before plt.contour: levels up to 7 only, so
// nothing is drawn where f > 7 — here simply no threshold above 7.
import { contours } from 'd3-contour';
import { bowl } from '../../src-shared/bowl.ts';
import type { Chart, Plugin } from './setup.ts';
import { theme, withAlpha } from './theme.svelte.ts';

export const X_RANGE = [-10, 10] as const;
export const Y_RANGE = [-5, 5] as const;
export const LEVELS = [0.25, 0.5, 1, 2, 3, 4, 5, 6, 7];

/** Rings in data coordinates, per level. */
export type Rings = { level: number; rings: [number, number][][] }[];

let cache: Rings | null = null;

export function bowlContours(): Rings {
  if (cache) return cache;
  const nx = 201; // x step 0.1
  const ny = 101; // y step 0.1
  const dx = (X_RANGE[1] - X_RANGE[0]) / (nx - 1);
  const dy = (Y_RANGE[1] - Y_RANGE[0]) / (ny - 1);
  const values = new Array<number>(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) values[j * nx + i] = bowl(X_RANGE[0] + i * dx, Y_RANGE[0] + j * dy);
  }
  // d3-contour's point ⟨i + 0.5, j + 0.5⟩ is grid value (i, j): map back to data coordinates.
  const toX = (gx: number) => X_RANGE[0] + (gx - 0.5) * dx;
  const toY = (gy: number) => Y_RANGE[0] + (gy - 0.5) * dy;
  const generator = contours().size([nx, ny]).thresholds(LEVELS);
  cache = generator(values).map((polygon) => ({
    level: polygon.value,
    rings: polygon.coordinates.flatMap((poly) => poly.map((ring) => ring.map(([gx, gy]) => [toX(gx), toY(gy)] as [number, number]))),
  }));
  return cache;
}

/** Draws the contour lines inside the chart area, under the datasets. */
export const contourPlugin: Plugin<'scatter'> = {
  id: 'bowlContours',
  beforeDatasetsDraw(chart: Chart<'scatter'>) {
    const { ctx, chartArea, scales } = chart;
    const sx = scales.x;
    const sy = scales.y;
    if (!sx || !sy) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(chartArea.left, chartArea.top, chartArea.right - chartArea.left, chartArea.bottom - chartArea.top);
    ctx.clip();
    const levels = bowlContours();
    levels.forEach(({ rings }, index) => {
      // Inner (low) levels slightly stronger, as a hint of where the minimum is.
      ctx.strokeStyle = withAlpha(theme.muted, (theme.dark ? 0.75 : 0.65) - (0.3 * index) / levels.length);
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const ring of rings) {
        ring.forEach(([x, y], k) => {
          const px = sx.getPixelForValue(x);
          const py = sy.getPixelForValue(y);
          if (k === 0) ctx.moveTo(px, py);
          else ctx.lineTo(px, py);
        });
        ctx.closePath();
      }
      ctx.stroke();
    });
    ctx.restore();
  },
};

/** The step shown by the path stepper: the position before it and the update it takes. */
export interface StepMarker {
  x: number;
  y: number;
  dx: number;
  dy: number;
  color: string;
}

const markers = new WeakMap<object, StepMarker | null>();

/** Sets (or clears) the step a chart's stepArrowPlugin draws. */
export function setStepMarker(chart: object, marker: StepMarker | null): void {
  markers.set(chart, marker);
}

/** Draws the stepper's current position as a ring and the step it takes as an arrow, above the path. */
export const stepArrowPlugin: Plugin<'scatter'> = {
  id: 'stepArrow',
  afterDatasetsDraw(chart: Chart<'scatter'>) {
    const marker = markers.get(chart);
    const { ctx, scales } = chart;
    if (!marker || !scales.x || !scales.y) return;
    const x0 = scales.x.getPixelForValue(marker.x);
    const y0 = scales.y.getPixelForValue(marker.y);
    const x1 = scales.x.getPixelForValue(marker.x + marker.dx);
    const y1 = scales.y.getPixelForValue(marker.y + marker.dy);
    ctx.save();
    ctx.strokeStyle = marker.color;
    ctx.fillStyle = marker.color;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.arc(x0, y0, 7, 0, 2 * Math.PI);
    ctx.stroke();
    const length = Math.hypot(x1 - x0, y1 - y0);
    if (length > 1) {
      const angle = Math.atan2(y1 - y0, x1 - x0);
      const head = Math.min(10, length * 0.5);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(x1 - head * 0.6 * Math.cos(angle), y1 - head * 0.6 * Math.sin(angle));
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x1 - head * Math.cos(angle - 0.45), y1 - head * Math.sin(angle - 0.45));
      ctx.lineTo(x1 - head * Math.cos(angle + 0.45), y1 - head * Math.sin(angle + 0.45));
      ctx.closePath();
      ctx.fill();
    }
    ctx.restore();
  },
};
