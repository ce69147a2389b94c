// The book's own view of the ReLU histograms. Its script bins each layer into 30 bins over (0, 1),
// then sets `plt.xlim(0.1, 1); plt.ylim(0, 7000)`: the zero bin (~60,000 of the 100,000
// activations, half the units are off) would otherwise set the scale and flatten the rest, and the
// lesson — He keeps the spread in every layer, Xavier's shrinks — could not be seen.

/** The book's window: x from 0.1 to 1, counts up to 7,000 for its 1000 × 100 activations. */
export const BOOK_RELU_VIEW = { xMin: 0.1, xMax: 1, yMax: 7000, values: 1000 * 100 } as const;

export interface HistogramView {
  xMin: number;
  xMax: number;
  yMax: number;
}

/**
 * The window to draw a layer's histogram through: the book's for ReLU when `book` is chosen and the
 * bins cover (0.1, 1), its 7,000 scaled to the activations counted (samples × units); null (the
 * whole histogram) otherwise.
 */
export function reluBookView(
  activation: string,
  book: boolean,
  range: { lo: number; hi: number; binAxis: boolean },
  samples: number,
  units: number,
): HistogramView | null {
  if (activation !== 'relu' || !book || range.binAxis) return null;
  if (range.lo > BOOK_RELU_VIEW.xMin || range.hi < BOOK_RELU_VIEW.xMax) return null;
  const values = samples > 0 && units > 0 ? samples * units : BOOK_RELU_VIEW.values;
  return { xMin: BOOK_RELU_VIEW.xMin, xMax: BOOK_RELU_VIEW.xMax, yMax: Math.round((BOOK_RELU_VIEW.yMax * values) / BOOK_RELU_VIEW.values) };
}
