// The book's view of the ReLU histograms: xlim(0.1, 1), ylim(0, 7000).
import { describe, expect, it } from 'vitest';
import { reluBookView } from './histogram-view.ts';

const book = { lo: 0, hi: 1, binAxis: false };

describe("the book's view of the ReLU histograms", () => {
  it('is x 0.1–1 and counts up to 7,000 for the book’s 1000 × 100 activations, scaled to other sizes', () => {
    expect(reluBookView('relu', true, book, 1000, 100)).toEqual({ xMin: 0.1, xMax: 1, yMax: 7000 });
    expect(reluBookView('relu', true, book, 500, 100)).toEqual({ xMin: 0.1, xMax: 1, yMax: 3500 });
    expect(reluBookView('relu', true, { lo: 0, hi: 4.2, binAxis: false }, 1000, 100)).toEqual({ xMin: 0.1, xMax: 1, yMax: 7000 });
  });

  it('applies to ReLU only, when chosen and when the bins cover (0.1, 1)', () => {
    expect(reluBookView('sigmoid', true, book, 1000, 100)).toBeNull();
    expect(reluBookView('tanh', true, { lo: -1, hi: 1, binAxis: false }, 1000, 100)).toBeNull();
    expect(reluBookView('relu', false, book, 1000, 100)).toBeNull();
    expect(reluBookView('relu', true, { lo: 0, hi: 30, binAxis: true }, 1000, 100)).toBeNull();
  });
});
