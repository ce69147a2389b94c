// The history at the scale the issue asks for: 10,000 runs (100 jobs × 100 runs, a 50-point curve
// each). Asserts that every page is right; the times are printed for the record, not asserted (they
// depend on the machine).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './store.ts';
import { useTempFolders } from './test-helpers.ts';
import type { FinishedJobStatus, JobImport } from './types.ts';

const tempFolder = useTempFolders();

const JOBS = 100;
const RUNS_PER_JOB = 100;
const POINTS = 50;
const EXPERIMENTS = ['optimizer-compare', 'weight-init-compare', 'batchnorm-compare', 'hyperparameter-search'];
const STATUSES: FinishedJobStatus[] = ['done', 'done', 'done', 'cancelled', 'failed'];
const OPTIMIZERS = ['SGD', 'Momentum', 'AdaGrad', 'Adam'];
const T0 = 1_700_000_000_000;

const label = (r: number): string => `${OPTIMIZERS[r % 4]} lr=${(r + 1) / 1000}`;

function job(j: number): JobImport {
  return {
    experiment: EXPERIMENTS[j % EXPERIMENTS.length],
    name: j % 10 === 0 ? `sweep ${j}` : '',
    params: { epochs: 20, trials: RUNS_PER_JOB },
    seed: j,
    status: STATUSES[j % STATUSES.length],
    problem: null,
    createdAt: T0 + j * 60_000,
    startedAt: T0 + j * 60_000,
    finishedAt: T0 + j * 60_000 + 1000 * j,
    durationMs: 1000 * j,
    notes: j === 37 ? 'the one where Adam won' : '',
    tags: j % 25 === 0 ? ['ch6', 'sweep'] : [],
    runs: Array.from({ length: RUNS_PER_JOB }, (_, r) => ({
      idx: r,
      label: label(r),
      params: { optimizer: OPTIMIZERS[r % 4].toLowerCase(), lr: (r + 1) / 1000 },
      status: r === 99 && j % 2 === 0 ? ('diverged' as const) : ('done' as const),
      problem: null,
      // Job j's best testAcc is (j + 0.99) / 100: the jobs sort by it in id order.
      final: { testAcc: (j + r / 100) / 100, loss: 1 / (1 + j + r) },
      startedAt: null,
      finishedAt: null,
      curves: [
        {
          metric: 'testAcc',
          xKind: 'epoch' as const,
          points: Float32Array.from({ length: POINTS }, (_, x) => ((j + r / 100) / 100) * (x / (POINTS - 1))),
        },
      ],
    })),
  };
}

/** Median time of `times` calls after one warm-up, in ms. */
function measure<T>(times: number, call: () => T): { result: T; ms: number } {
  const result = call();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { result, ms: samples[Math.floor(samples.length / 2)] };
}

describe('history at scale', () => {
  it('10,000 runs: every page of jobs and runs is right (times printed)', () => {
    const file = join(tempFolder(), 'lab.sqlite');
    const writer = openStore(file);
    const insertStart = performance.now();
    const jobIds = Array.from({ length: JOBS }, (_, j) => writer.importJob(job(j))); // one transaction per job
    const insertMs = performance.now() - insertStart;
    writer.close(); // PRAGMA optimize, as every session of the app ends
    const store = openStore(file);
    const timings: [string, number][] = [];
    const time = <T>(name: string, call: () => T): T => {
      const { result, ms } = measure(15, call);
      timings.push([name, ms]);
      return result;
    };
    const newestFirst = [...jobIds].reverse();
    try {
      // ---- jobs ----
      const firstPage = time('queryJobs: newest 50', () => store.queryJobs({ limit: 50, offset: 0 }));
      expect(firstPage.total).toBe(JOBS);
      expect(firstPage.jobs.map((j) => j.id)).toEqual(newestFirst.slice(0, 50));
      expect(firstPage.jobs[0]).toMatchObject({ runCount: 100, runsByStatus: { done: 100 } });
      expect(firstPage.jobs[1]).toMatchObject({ runCount: 100, runsByStatus: { done: 99, diverged: 1 } });
      const lastPage = time('queryJobs: page 2 of 50', () => store.queryJobs({ limit: 50, offset: 50 }));
      expect(lastPage.jobs.map((j) => j.id)).toEqual(newestFirst.slice(50));
      const byExperiment = time('queryJobs: one experiment', () =>
        store.queryJobs({ experiment: 'batchnorm-compare', limit: 50, offset: 0 }),
      );
      expect(byExperiment.total).toBe(25);
      expect(byExperiment.jobs.map((j) => j.id)).toEqual(newestFirst.filter((_, i) => (JOBS - 1 - i) % 4 === 2));
      const byBoth = time('queryJobs: experiment + status', () =>
        store.queryJobs({ experiment: 'optimizer-compare', status: 'failed', limit: 50, offset: 0 }),
      );
      expect(byBoth.jobs.map((j) => j.id)).toEqual(jobIds.filter((_, j) => j % 4 === 0 && j % 5 === 4).reverse());
      const byLabel = time('queryJobs: text in run labels (all match)', () => store.queryJobs({ text: 'lr=0.1', limit: 50, offset: 0 }));
      expect(byLabel.total).toBe(JOBS); // "Adam lr=0.1"… in every job
      const byNotes = time('queryJobs: text in notes', () => store.queryJobs({ text: 'ADAM WON', limit: 50, offset: 0 }));
      expect(byNotes.jobs.map((j) => j.id)).toEqual([jobIds[37]]);
      const miss = time('queryJobs: text matching nothing (scans all)', () =>
        store.queryJobs({ text: 'no such thing', limit: 50, offset: 0 }),
      );
      expect(miss).toEqual({ total: 0, jobs: [] });
      const byMetric = time('queryJobs: sort by best testAcc', () =>
        store.queryJobs({ sort: { metric: 'testAcc' }, limit: 50, offset: 0 }),
      );
      expect(byMetric.jobs.map((j) => j.id)).toEqual(newestFirst.slice(0, 50));
      expect(byMetric.jobs[0].best).toBeCloseTo(0.9999, 10);
      const byDuration = time('queryJobs: sort by duration, ascending', () =>
        store.queryJobs({ sort: 'duration', descending: false, limit: 50, offset: 0 }),
      );
      expect(byDuration.jobs.map((j) => j.id)).toEqual(jobIds.slice(0, 50));

      // ---- runs ----
      const runs = time('queryRuns: newest 100', () => store.queryRuns({ limit: 100, offset: 0 }));
      expect(runs.total).toBe(JOBS * RUNS_PER_JOB);
      expect(runs.runs.map((r) => [r.jobId, r.idx])).toEqual(Array.from({ length: 100 }, (_, r) => [newestFirst[0], r]));
      const middle = time('queryRuns: page at offset 5,000', () => store.queryRuns({ limit: 100, offset: 5_000 }));
      expect(middle.runs.map((r) => [r.jobId, r.idx])).toEqual(Array.from({ length: 100 }, (_, r) => [newestFirst[50], r]));
      const last = time('queryRuns: last page (offset 9,900)', () => store.queryRuns({ limit: 100, offset: 9_900 }));
      expect(last.runs.map((r) => [r.jobId, r.idx])).toEqual(Array.from({ length: 100 }, (_, r) => [jobIds[0], r]));
      expect(last.runs[0]).toMatchObject({
        experiment: 'optimizer-compare',
        seed: 0,
        jobName: 'sweep 0',
        jobCreatedAt: T0,
        final: { testAcc: 0 },
      });
      const ofJobs = time('queryRuns: runs of 10 jobs', () => store.queryRuns({ jobIds: jobIds.slice(0, 10), limit: 100, offset: 0 }));
      expect(ofJobs.total).toBe(1000);
      expect(ofJobs.runs.every((r) => r.jobId === jobIds[9])).toBe(true);
      const ofExperiment = time('queryRuns: one experiment', () =>
        store.queryRuns({ experiment: 'hyperparameter-search', limit: 100, offset: 0 }),
      );
      expect(ofExperiment.total).toBe(2500);
      const byRunLabel = time('queryRuns: one label across jobs', () => store.queryRuns({ label: 'Adam lr=0.004', limit: 100, offset: 0 }));
      expect(byRunLabel.runs.map((r) => r.jobId)).toEqual(newestFirst);
      const diverged = time('queryRuns: status diverged (rare)', () => store.queryRuns({ status: 'diverged', limit: 100, offset: 0 }));
      expect(diverged.total).toBe(50);
      expect(diverged.runs.every((r) => r.idx === 99 && r.status === 'diverged')).toBe(true);
      const done = time('queryRuns: status done (most)', () => store.queryRuns({ status: 'done', limit: 100, offset: 0 }));
      expect(done.total).toBe(JOBS * RUNS_PER_JOB - 50);
      expect(done.runs.map((r) => [r.jobId, r.idx])).toEqual(Array.from({ length: 100 }, (_, r) => [newestFirst[0], r]));
      const runText = time('queryRuns: text', () => store.queryRuns({ text: 'momentum lr=0.05', limit: 100, offset: 0 }));
      const matchingLabels = Array.from({ length: RUNS_PER_JOB }, (_, r) => label(r)).filter((l) =>
        l.toLowerCase().includes('momentum lr=0.05'),
      );
      expect(matchingLabels).toEqual(['Momentum lr=0.05', 'Momentum lr=0.054', 'Momentum lr=0.058']);
      expect(runText.total).toBe(JOBS * matchingLabels.length);
      const runMiss = time('queryRuns: text matching nothing (scans all)', () =>
        store.queryRuns({ text: 'no such thing', limit: 100, offset: 0 }),
      );
      expect(runMiss).toEqual({ total: 0, runs: [] });
    } finally {
      store.close();
    }
    console.log(
      [
        `history at scale: ${JOBS} jobs × ${RUNS_PER_JOB} runs × ${POINTS} points, inserted in ${insertMs.toFixed(0)} ms (${JOBS} transactions)`,
        ...timings.map(([name, ms]) => `  ${name.padEnd(48)} ${ms.toFixed(2).padStart(7)} ms`),
      ].join('\n'),
    );
  });
});
