import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEvent } from '../../src-shared/events.ts';
import { jobProblemText } from '../../src-shared/outcome.ts';
import { problemLine } from '../../src-shared/params/problems.ts';
import { openStore } from '../store/store.ts';
import type { CurveRecord } from '../store/types.ts';
import { IMPORT_LIMITS } from './job-import.ts';
import { InvalidRequestError, LabService } from './lab-service.ts';

/** The error a call throws (the test fails if it throws none). */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

// Real worker threads running the TypeScript sources (Node strips the types), real SQLite files.
describe('lab service', () => {
  let dir: string;
  let lab: LabService;
  const open = (options: Partial<ConstructorParameters<typeof LabService>[0]> = {}) =>
    new LabService({ dbPath: join(dir, 'lab.sqlite'), workers: 2, ...options });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-lab-service-'));
  });
  afterEach(async () => {
    await lab?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const small = { optimizers: ['SGD', 'Adam'], iterations: 30, hiddenSizes: [20], batchSize: 32 };

  /** The job's curves as SQLite holds them (raw float32), read over a second connection: the service's store is its own. */
  const storedCurves = (jobId: number): CurveRecord[] => {
    const store = openStore(lab.dbPath, { readonly: true });
    try {
      return store.getJobCurves(jobId);
    } finally {
      store.close();
    }
  };

  it('runs a job over the worker pool and keeps every curve in SQLite', async () => {
    lab = open();
    const events: LabEvent[] = [];
    lab.onEvent((event) => events.push(event));
    const jobId = lab.start({ experiment: 'optimizer-compare', params: small, seed: 42 });
    expect(await lab.whenSettled(jobId)).toBe('done');
    const job = lab.getJob(jobId)!;
    expect(job.status).toBe('done');
    expect(job.runs.map((r) => [r.label, r.status])).toEqual([
      ['SGD', 'done'],
      ['Adam', 'done'],
    ]);
    const curves = storedCurves(jobId);
    expect(curves).toHaveLength(2);
    for (const curve of curves) {
      expect(curve.metric).toBe('loss');
      expect(curve.points).toHaveLength(30);
    }
    expect(job.runs[1].final.testAcc).toBeGreaterThan(0.3);
    // Listeners saw the job start, progress with points, and finish.
    expect(events[0]).toMatchObject({ type: 'job-started', jobId });
    const streamed = events.flatMap((e) => (e.type === 'progress' ? e.runs.flatMap((r) => r.curves.loss?.points ?? []) : []));
    expect(streamed).toHaveLength(60);
    expect(events.at(-1)).toMatchObject({ type: 'job-finished', jobId, status: 'done' });
  });

  it('trains the last runs of a job beside the busy workers: three networks on two workers all train at once', async () => {
    lab = open();
    const jobId = lab.start({
      experiment: 'optimizer-compare',
      params: { ...small, optimizers: ['SGD', 'Momentum', 'Adam'], iterations: 3000 },
      seed: 3,
    });
    const latest = new Map<number, { status: string; done: number }>();
    let together = 0;
    lab.onEvent((event) => {
      if (event.type !== 'progress' || event.jobId !== jobId) return;
      for (const run of event.runs) latest.set(run.runId, { status: run.status, done: run.done });
      together = Math.max(together, [...latest.values()].filter((run) => run.status === 'running' && run.done > 0).length);
    });
    expect(await lab.whenSettled(jobId)).toBe('done');
    expect(together).toBe(3);
    // The extra worker ended with its run; the pool's own take the next job as before.
    const next = lab.start({ experiment: 'optimizer-compare', params: small, seed: 4 });
    expect(await lab.whenSettled(next)).toBe('done');
  });

  it('lends an idle core to a lone network’s measurements, with the curves it has alone, and gives it back to a job started later', async () => {
    const dropout = { compareWithout: false, epochs: 60 };
    const points = (jobId: number) => storedCurves(jobId).map((c) => Array.from(c.points));
    lab = open({ workers: 1 });
    const aloneId = lab.start({ experiment: 'dropout', params: dropout, seed: 6 });
    expect(await lab.whenSettled(aloneId)).toBe('done');
    await lab.close();
    lab = open();
    const helped = lab.start({ experiment: 'dropout', params: dropout, seed: 6 });
    await new Promise<void>((resolve) =>
      lab.onEvent((event) => {
        if (event.type === 'progress' && event.jobId === helped && event.done >= 0.3 * event.total) resolve();
      }),
    );
    // The lent core comes back at once: the later job trains beside the lone network, not after it.
    const later = lab.start({ experiment: 'optimizer-compare', params: small, seed: 4 });
    const settled: number[] = [];
    await Promise.all([helped, later].map((jobId) => lab.whenSettled(jobId).then(() => settled.push(jobId))));
    expect(settled).toEqual([later, helped]);
    expect(points(helped)).toEqual(points(aloneId));
  });

  it('a job opened while it trains starts where the events stand, and the events carry on from there without a gap', async () => {
    lab = open();
    // Long enough that the store lags behind the events (it takes chunks; events come ~12 a second).
    const jobId = lab.start({ experiment: 'optimizer-compare', params: { ...small, iterations: 20_000 }, seed: 5 });
    const opened = await new Promise<NonNullable<ReturnType<LabService['getJob']>>>((resolve) => {
      const stop = lab.onEvent((event) => {
        if (event.type !== 'progress' || event.jobId !== jobId || event.done < 2_000) return;
        stop();
        resolve(lab.getJob(jobId)!); // in the event's turn, as an IPC call answered between two events
      });
    });
    const view = new Map(opened.runs.map((run) => [run.id, run.curves.find((c) => c.metric === 'loss')?.points ?? []]));
    expect(Math.max(...[...view.values()].map((points) => points.length))).toBeGreaterThan(0);
    expect(opened.runs.some((run) => run.status === 'running')).toBe(true);
    lab.onEvent((event) => {
      if (event.type !== 'progress' || event.jobId !== jobId) return;
      for (const run of event.runs) view.get(run.runId)!.push(...(run.curves.loss?.points ?? []));
    });
    expect(await lab.whenSettled(jobId)).toBe('done');
    for (const curve of storedCurves(jobId)) {
      expect(curve.points).toHaveLength(20_000);
      expect(view.get(curve.runId)).toEqual(Array.from(curve.points));
    }
  });

  it('an X-ray opened while the job trains has every sample told so far, though the store writes it with chunks of points', async () => {
    lab = open();
    const jobId = lab.start({ experiment: 'optimizer-compare', params: { ...small, iterations: 20_000 }, seed: 5 });
    const told = new Map<number, Set<number>>();
    const opened = await new Promise<NonNullable<ReturnType<LabService['getXray']>>>((resolve) => {
      const stop = lab.onEvent((event) => {
        if (event.type !== 'progress' || event.jobId !== jobId) return;
        for (const run of event.runs) {
          const own = told.get(run.runId) ?? new Set<number>();
          for (const iteration of run.xray?.iterations ?? []) own.add(iteration);
          told.set(run.runId, own);
        }
        if (event.done < 4_000) return;
        stop();
        resolve(lab.getXray(jobId)!); // in the event's turn, as an IPC call answered between two events
      });
    });
    const stored = new Map<number, number>();
    {
      const store = openStore(lab.dbPath, { readonly: true });
      for (const x of store.getJobXray(jobId)) stored.set(x.runId, x.iterations.length);
      store.close();
    }
    for (const [runId, iterations] of told) {
      const view = opened.find((x) => x.runId === runId);
      expect(view, `run ${runId}`).toBeDefined();
      expect(view!.iterations).toEqual([...view!.iterations].sort((a, b) => a - b));
      for (const iteration of iterations) expect(view!.iterations).toContain(iteration);
    }
    // …and the store was behind: the view did not come from it alone.
    expect(opened.some((x) => x.iterations.length > (stored.get(x.runId) ?? 0))).toBe(true);
    // In the end every sample the events told is stored, each once.
    lab.onEvent((event) => {
      if (event.type !== 'progress' || event.jobId !== jobId) return;
      for (const run of event.runs) for (const iteration of run.xray?.iterations ?? []) told.get(run.runId)!.add(iteration);
    });
    expect(await lab.whenSettled(jobId)).toBe('done');
    const store = openStore(lab.dbPath, { readonly: true });
    const final = store.getJobXray(jobId);
    store.close();
    expect(final).toHaveLength(told.size);
    for (const x of final) expect(x.iterations).toEqual([...told.get(x.runId)!].sort((a, b) => a - b));
  });

  it('replays a job bit for bit from its seed, whichever worker runs which network', async () => {
    lab = open();
    const a = lab.start({ experiment: 'optimizer-compare', params: small, seed: 7 });
    const b = lab.start({ experiment: 'optimizer-compare', params: small, seed: 7 });
    await Promise.all([lab.whenSettled(a), lab.whenSettled(b)]);
    const points = (jobId: number) => storedCurves(jobId).map((c) => Array.from(c.points));
    expect(points(b)).toEqual(points(a));
    const c = lab.start({ experiment: 'optimizer-compare', params: small, seed: 8 });
    await lab.whenSettled(c);
    expect(points(c)).not.toEqual(points(a));
  });

  it('repeats a job over consecutive seeds, the first repeat being the single run with that seed', async () => {
    lab = open();
    const single = lab.start({ experiment: 'optimizer-compare', params: small, seed: 11 });
    const repeated = lab.start({ experiment: 'optimizer-compare', params: small, seed: 11, repeats: 3 });
    await Promise.all([lab.whenSettled(single), lab.whenSettled(repeated)]);
    const job = lab.getJob(repeated)!;
    expect(job.params.repeats).toBe(3);
    expect(job.runs.map((r) => [r.label, r.params.repeat, r.params.seed])).toEqual([
      ['SGD', 0, 11],
      ['Adam', 0, 11],
      ['SGD', 1, 12],
      ['Adam', 1, 12],
      ['SGD', 2, 13],
      ['Adam', 2, 13],
    ]);
    const curves = (jobId: number) => storedCurves(jobId).map((c) => Array.from(c.points));
    const [sgd0, adam0, sgd1] = curves(repeated);
    expect([sgd0, adam0]).toEqual(curves(single));
    expect(sgd1).not.toEqual(sgd0);
    // Its stored params can be submitted again as they are ("run again").
    const again = lab.start({ experiment: 'optimizer-compare', params: job.params, seed: job.seed });
    await lab.whenSettled(again);
    expect(curves(again)).toEqual(curves(repeated));
    const badRepeats = thrownBy(() => lab.start({ experiment: 'optimizer-compare', params: small, repeats: 0 }));
    expect(badRepeats).toBeInstanceOf(InvalidRequestError);
    expect((badRepeats as InvalidRequestError).problems).toEqual([
      { field: 'repeats', code: 'bad-repeats', params: { max: 20, got: '0' } },
    ]);
    expect((badRepeats as Error).message).toBe('repeats: Enter a whole number from 1 to 20 (got 0).');
  });

  it('rejects invalid parameters with every problem listed, writing nothing', () => {
    lab = open();
    const error = thrownBy(() =>
      lab.start({ experiment: 'optimizer-compare', params: { lrSGD: -1, batchSize: 70_000, colour: 'red' }, seed: 1 }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    const { problems } = error as InvalidRequestError;
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => [p.field, p.code])).toEqual(
      expect.arrayContaining([
        ['lrSGD', 'not-above-min'],
        ['batchSize', 'above-max'],
        ['colour', 'unknown-param'],
      ]),
    );
    // The message lists every problem, in English.
    for (const p of problems) expect((error as Error).message).toContain(problemLine(p));
    expect(lab.listJobs({})).toHaveLength(0);
    const unknown = thrownBy(() => lab.start({ experiment: 'no-such-thing' }));
    expect(unknown).toBeInstanceOf(InvalidRequestError);
    expect((unknown as InvalidRequestError).problems).toMatchObject([
      { field: 'experiment', code: 'unknown-experiment', params: { got: '"no-such-thing"' } },
    ]);
    expect((unknown as Error).message).toMatch(
      /^experiment: Unknown experiment \(known: .*optimizer-compare.*\) \(got "no-such-thing"\)\.$/,
    );
    expect(lab.listJobs({})).toHaveLength(0);
  });

  it('cancels a running job within a second, keeping the points computed so far', async () => {
    lab = open();
    const jobId = lab.start({ experiment: 'optimizer-compare', params: { ...small, iterations: 1_000_000 }, seed: 3 });
    await new Promise<void>((resolve) => {
      const off = lab.onEvent((event) => {
        if (event.type === 'progress' && event.done > 50) {
          off();
          resolve();
        }
      });
    });
    const asked = Date.now();
    lab.cancel(jobId);
    expect(await lab.whenSettled(jobId)).toBe('cancelled');
    expect(Date.now() - asked).toBeLessThan(1000);
    const job = lab.getJob(jobId)!;
    expect(job.status).toBe('cancelled');
    expect(job.runs.every((r) => r.status === 'cancelled')).toBe(true);
    const kept = storedCurves(jobId);
    expect(kept.length).toBeGreaterThan(0);
    // More than 50 iterations were done over both networks before the cancel (one of the two
    // workers may have had most of the CPU): they are all stored.
    expect(kept.reduce((sum, curve) => sum + curve.points.length, 0)).toBeGreaterThan(50);
  });

  it('stops a job of thousands of runs at once: those that never started read as cancelled at the stop and after it', async () => {
    lab = open({ workers: 1 });
    const params = { trials: 2500, epochs: 1, trainSize: 100, hiddenSizes: [10], batchSize: 50 };
    const jobId = lab.start({ experiment: 'hyperparameter-search', params, seed: 5 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // its runs are written in steps of 1,000
    lab.cancel(jobId);
    const atStop = lab.getJob(jobId, { offset: 0, limit: 3000 })!;
    expect(atStop.runs.filter((run) => run.status === 'queued')).toEqual([]);
    expect(await lab.whenSettled(jobId)).toBe('cancelled');
    const after = lab.getJob(jobId, { offset: 0, limit: 3000 })!;
    expect(after.status).toBe('cancelled');
    const statuses = new Set(after.runs.map((run) => run.status));
    expect([...statuses].filter((status) => status !== 'done' && status !== 'cancelled')).toEqual([]);
    expect(after.runs.filter((run) => run.status === 'cancelled').length).toBeGreaterThan(1000);
  });

  it('stops a run whose loss turns NaN as diverged, keeping its curve', async () => {
    lab = open();
    const jobId = lab.start({
      experiment: 'optimizer-compare',
      params: { ...small, optimizers: ['SGD'], lrSGD: 100, iterations: 500, hiddenSizes: [100, 100, 100, 100] },
      seed: 5,
    });
    await lab.whenSettled(jobId);
    const run = lab.getJob(jobId)!.runs[0];
    expect(run.status).toBe('diverged');
    expect(run.problem).toMatchObject({ code: 'diverged', loss: null });
    const loss = storedCurves(jobId).filter((c) => c.runId === run.id)[0].points;
    // It stopped at the iteration whose loss was not finite: the curve's last point.
    expect(run.problem).toEqual({ code: 'diverged', iteration: loss.length, loss: null });
    expect(loss.length).toBeLessThan(500);
    expect(Number.isFinite(loss[loss.length - 1])).toBe(false);
  });

  it('fails only the run whose worker crashed, replaces the worker and finishes the rest', async () => {
    lab = open({ workerUrl: new URL('./test-fixtures/crashing-worker.ts', import.meta.url) });
    const jobId = lab.start({ experiment: 'optimizer-compare', params: { ...small, optimizers: ['SGD', 'Momentum', 'AdaGrad'] }, seed: 9 });
    expect(await lab.whenSettled(jobId)).toBe('failed');
    const job = lab.getJob(jobId)!;
    expect(job.runs.map((r) => r.status)).toEqual(['done', 'failed', 'done']);
    expect(job.runs[1].problem).toEqual({ code: 'worker-exited', exitCode: 3 });
    expect(job.problem).toEqual({ code: 'runs-failed', failed: 1, total: 3, first: { code: 'worker-exited', exitCode: 3 } });
    // The replacement worker takes new work.
    const next = lab.start({ experiment: 'optimizer-paths', seed: 1 });
    expect(await lab.whenSettled(next)).toBe('failed'); // run 1 crashes again: the fixture always kills index 1
    expect(lab.getJob(next)!.runs.filter((r) => r.status === 'done')).toHaveLength(3);
  });
});

describe('a run that fails after some progress', () => {
  it('counts none of its work as done, and its problem names no file and no stack frame', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-lab-failing-'));
    const lab = new LabService({
      dbPath: join(dir, 'lab.sqlite'),
      workers: 1,
      workerUrl: new URL('./test-fixtures/failing-worker.ts', import.meta.url),
    });
    try {
      const progress: { done: number; total: number }[] = [];
      lab.onEvent((event) => {
        if (event.type === 'progress') progress.push({ done: event.done, total: event.total });
      });
      const jobId = lab.start({
        experiment: 'optimizer-compare',
        params: { optimizers: ['SGD', 'Adam'], iterations: 30, hiddenSizes: [20], batchSize: 32 },
        seed: 3,
      });
      expect(await lab.whenSettled(jobId)).toBe('failed');
      const job = lab.getJob(jobId)!;
      expect(job.runs.map((r) => r.status)).toEqual(['done', 'failed']);
      // Of the 60 iterations, only the 30 of the network that trained are done.
      expect(progress.at(-1)).toEqual({ done: 30, total: 60 });
      const words = jobProblemText(job.problem!, 'en');
      expect(words).toMatch(/^1 of 2 runs failed: Training failed: Cannot read/);
      expect(words).not.toMatch(/\/home|\/opt|file:|\.ts|\.js|\bat train/);
    } finally {
      await lab.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('importing a large file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-lab-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a file over the limit by its size, before reading it, and changes nothing', async () => {
    const lab = new LabService({ dbPath: join(dir, 'lab.sqlite'), workers: 1 });
    try {
      const big = join(dir, 'huge.json');
      writeFileSync(big, '');
      truncateSync(big, IMPORT_LIMITS.fileBytes + 1); // sparse: no time or disk spent writing it
      const result = await lab.importJobFile(big);
      expect(result).toEqual({
        ok: false,
        message: expect.stringMatching(/^Cannot import: the file is too large to be a DL Lab export \(64\.0 MiB, at most 64\.0 MiB\)/),
      });
      expect(lab.listJobs()).toEqual([]);
    } finally {
      await lab.close();
    }
  });

  it('reads an import in a worker thread: the service answers while a file of a million points is checked', async () => {
    const lab = new LabService({ dbPath: join(dir, 'lab.sqlite'), workers: 1 });
    try {
      const curve = Array.from({ length: 500_000 }, (_, i) => Math.fround(1 / (1 + i)));
      const doc = {
        format: 'dl-lab-job',
        version: 2,
        experiment: 'optimizer-compare',
        name: 'big',
        params: {},
        seed: 1,
        status: 'done',
        problem: null,
        createdAt: 1,
        startedAt: 1,
        finishedAt: 2,
        durationMs: 1,
        notes: '',
        tags: [],
        runs: [0, 1].map((index) => ({
          index,
          label: `r${index}`,
          params: {},
          status: 'done',
          problem: null,
          final: {},
          curves: { loss: curve },
          xKinds: { loss: 'iteration' },
        })),
      };
      const text = JSON.stringify(doc);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const result = await lab.importJob(text);
      clearInterval(timer);
      expect(result.ok).toBe(true);
      expect(ticks).toBeGreaterThan(0); // the event loop ran while the worker read the file
      const job = lab.getJob((result as { jobId: number }).jobId)!;
      expect(job.runs.map((run) => run.curves[0].points.length)).toEqual([500_000, 500_000]);
    } finally {
      await lab.close();
    }
  });
});
