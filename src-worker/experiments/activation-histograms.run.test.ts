// The activation-histogram runner (the book's weight_init_activation_histogram.py): standard-normal
// inputs through `layers` layers of `nodes` units, W = randn·scale, no bias, a histogram of each
// layer's activations. The book's figures: sigmoid·1 piles at 0 and 1, sigmoid·0.01 piles at 0.5,
// ReLU·0.01 collapses toward 0, He keeps ReLU's spread even across layers.
import { describe, expect, it } from 'vitest';
import { runOne, type HarnessResult } from './run-harness.ts';

const ID = 'activation-histograms';
const SAMPLES = 200; // × the book's 100 units: 20,000 values a layer
const NODES = 100;
const one = (preset: string, extra: Record<string, unknown> = {}, seed = 1): HarnessResult =>
  runOne(ID, { presets: [preset], samples: SAMPLES, nodes: NODES, ...extra }, seed, 0);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const layers = (r: HarnessResult) => [1, 2, 3, 4, 5].map((k) => r.curves[`layer${k}`]);

describe('activation-histograms runner', () => {
  it('sets one histogram of `bins` counts per layer, the declared curves, over the book’s (0, 1)', () => {
    const r = one('sigmoid-xavier');
    expect(r.outcome.status).toBe('done');
    // One per layer (5 here), each a curve the spec declares.
    expect(Object.keys(r.curves).sort()).toEqual(['layer1', 'layer2', 'layer3', 'layer4', 'layer5']);
    for (const metric of Object.keys(r.curves)) expect(r.spec.curves[metric]).toBe('bin');
    for (const counts of layers(r)) {
      expect(counts).toHaveLength(30);
      expect(counts.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
      // A sigmoid's values all lie in (0, 1): every one of them is counted.
      expect(sum(counts)).toBe(SAMPLES * NODES);
    }
    expect(r.outcome.runParams).toEqual({ binLo: 0, binHi: 1, bins: 30 });
    expect(r.advanced).toBe(r.spec.units(r.params, r.run));
    expect(r.advanced).toBe(5);
  });

  it('reports each layer’s standard deviation as std1…std5', () => {
    const { outcome } = one('sigmoid-xavier');
    expect(Object.keys(outcome.final).sort()).toEqual(['std1', 'std2', 'std3', 'std4', 'std5']);
    for (const std of Object.values(outcome.final)) {
      expect(std).toBeGreaterThan(0);
      expect(std).toBeLessThan(0.5); // a sigmoid's values spread at most half of (0, 1)
    }
  });

  it('takes the number of layers and bins from the params', () => {
    const r = one('relu-he', { layers: 3, bins: 12 });
    expect(Object.keys(r.curves).sort()).toEqual(['layer1', 'layer2', 'layer3']);
    expect(r.curves.layer3).toHaveLength(12);
    expect(r.advanced).toBe(3);
  });

  it('piles sigmoid·1 at 0 and 1: the first and last bins hold most values in every layer', () => {
    for (const counts of layers(one('sigmoid-1'))) {
      const ends = counts[0] + counts[29];
      expect(ends / sum(counts)).toBeGreaterThan(0.5);
      expect(sum(counts.slice(10, 20)) / sum(counts)).toBeLessThan(0.15); // the middle third is nearly empty
    }
  });

  it('piles sigmoid·0.01 near 0.5: all values within (0.4, 0.6), a tiny std', () => {
    const r = one('sigmoid-0.01');
    for (const counts of layers(r)) {
      // Bins 12…17 cover [0.4, 0.6].
      expect(sum(counts.slice(12, 18)) / sum(counts)).toBeGreaterThan(0.99);
    }
    for (const std of Object.values(r.outcome.final)) expect(std).toBeLessThan(0.05);
  });

  it('collapses ReLU·0.01 toward 0 layer after layer, while He keeps the spread even', () => {
    const small = one('relu-0.01').outcome.final;
    expect(small.std5).toBeLessThan(small.std1 / 1000);
    const he = one('relu-he').outcome.final;
    for (const k of [2, 3, 4, 5]) {
      expect(he[`std${k}`] / he.std1).toBeGreaterThan(0.5);
      expect(he[`std${k}`] / he.std1).toBeLessThan(2);
    }
  });

  it('scales ReLU layer k by c^k when the weights are scaled by c (no bias, the same draws)', () => {
    // ReLU(c·a) = c·ReLU(a) for c > 0: std 0.01 vs Xavier √(1/100) = 0.1 gives std_k ratios of 10^-k.
    const small = one('relu-0.01').outcome.final;
    const xavier = one('relu-xavier').outcome.final;
    for (const k of [1, 2, 3, 4, 5]) expect(small[`std${k}`] / xavier[`std${k}`] / 10 ** -k).toBeCloseTo(1, 9);
  });

  it('drops values outside (0, 1) in the book’s range, and counts every value in the full range', () => {
    // tanh is odd: about half its values are negative and fall outside the book's (0, 1).
    const book = one('tanh-xavier');
    for (const counts of layers(book)) {
      expect(sum(counts)).toBeLessThanOrEqual(SAMPLES * NODES);
      expect(sum(counts) / (SAMPLES * NODES)).toBeGreaterThan(0.3);
      expect(sum(counts) / (SAMPLES * NODES)).toBeLessThan(0.7);
    }
    const full = one('tanh-xavier', { range: 'full' });
    expect(full.outcome.runParams).toMatchObject({ binLo: -1, binHi: 1 });
    for (const counts of layers(full)) expect(sum(counts)).toBe(SAMPLES * NODES);
    // ReLU's full range reaches its largest value, beyond the book's 1.
    const relu = one('relu-he', { range: 'full' });
    expect(relu.outcome.runParams?.binLo).toBe(0);
    expect(relu.outcome.runParams?.binHi as number).toBeGreaterThan(1);
    for (const counts of layers(relu)) expect(sum(counts)).toBe(SAMPLES * NODES);
  });

  it('replays bit for bit with the same seed and draws other histograms with another seed', () => {
    const a = one('sigmoid-xavier', {}, 3);
    expect(one('sigmoid-xavier', {}, 3)).toEqual(a);
    expect(one('sigmoid-xavier', {}, 4).curves.layer1).not.toEqual(a.curves.layer1);
  });

  it('stops when cancelled, as cancelled', () => {
    const cut = one('relu-he', {}, 1);
    expect(cut.outcome.status).toBe('done');
    const cancelled = runOne(ID, { presets: ['relu-he'], samples: SAMPLES, nodes: NODES }, 1, 0, { cancelAfter: 2 });
    expect(cancelled.outcome.status).toBe('cancelled');
    expect(cancelled.advanced).toBe(2);
  });

  it('keeps the histograms of the layers computed before it was cancelled', () => {
    const full = one('relu-he');
    const cancelled = runOne(ID, { presets: ['relu-he'], samples: SAMPLES, nodes: NODES }, 1, 0, { cancelAfter: 2 });
    expect(cancelled.outcome.status).toBe('cancelled');
    expect(cancelled.curves.layer1).toEqual(full.curves.layer1);
    expect(cancelled.curves.layer2).toEqual(full.curves.layer2);
  });

  it('records only curves its spec declares, as bins, for every number of layers allowed', () => {
    const r = one('relu-he', { layers: 10, samples: 20 });
    expect(Object.keys(r.curves)).toHaveLength(10);
    for (const metric of Object.keys(r.curves)) expect(r.spec.curves[metric], metric).toBe('bin');
  });
});
