// The search's ranking: only finished trials are ranked; the book's next step narrows the ranges.
import { describe, expect, it } from 'vitest';
import { narrowedRanges, rankTrials, type TrialSource } from './search-rank.ts';

const trial = (runId: number, status: string, val: number[], lr: number, weightDecay: number): TrialSource => ({
  runId,
  label: `trial ${runId}`,
  params: { lr, weightDecay },
  curves: { valAcc: val, trainAcc: val },
  final: status === 'done' ? { valAcc: val[val.length - 1] } : {},
  status,
});

describe('search ranking', () => {
  it('ranks only finished trials; a half-trained one that leads so far is listed after them, unranked', () => {
    const ranked = rankTrials(
      [
        trial(1, 'done', [0.1, 0.5], 1e-3, 1e-7),
        trial(2, 'cancelled', [0.9], 1e-2, 1e-6), // best so far, but cut at epoch 1 of 2
        trial(3, 'done', [0.2, 0.7], 3e-3, 1e-8),
        trial(4, 'running', [0.95], 5e-3, 1e-5),
        trial(5, 'queued', [], 1e-4, 1e-5),
      ],
      2,
    );
    expect(ranked.map((t) => [t.runId, t.rank])).toEqual([
      [3, 1],
      [1, 2],
      [4, 0],
      [2, 0],
    ]);
  });

  it('narrows the ranges to the best 20% of the finished trials, widened by 0.1 and rounded outward', () => {
    const runs = Array.from({ length: 10 }, (_, i) => trial(i + 1, 'done', [i / 10], 10 ** (-6 + i * 0.4), 10 ** (-8 + i * 0.3)));
    runs.push(trial(11, 'cancelled', [0.99], 1e-6, 1e-4)); // unfinished: not used
    const ranges = narrowedRanges(rankTrials(runs, 1));
    // The best two are trials 10 (lr 10^-2.4, wd 10^-5.3) and 9 (lr 10^-2.8, wd 10^-5.6).
    expect(ranges).toEqual({ lrMinExp: -2.9, lrMaxExp: -2.3, weightDecayMinExp: -5.7, weightDecayMaxExp: -5.2 });
    expect(narrowedRanges(rankTrials([trial(1, 'cancelled', [0.5], 1e-3, 1e-6)], 2))).toBeNull();
  });
});
