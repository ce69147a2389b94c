import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processStartTime } from './owner.ts';
import { openDatabase } from './sqlite.ts';
import { AnnotationError, LEASE_MS, openStore, type Store } from './store.ts';
import { bitsOf, countWalCommits, useTempFolders } from './test-helpers.ts';
import type { CurveUpdate, NewRun, RunProgress } from './types.ts';

const tempFolder = useTempFolders();

/** A store on a fresh file with a clock the test moves by hand. */
function freshStore(): { store: Store; file: string; clock: { now: number } } {
  const file = join(tempFolder(), 'lab.sqlite');
  const clock = { now: 1_700_000_000_000 };
  return { store: openStore(file, { now: () => clock.now }), file, clock };
}

function countRows(file: string, table: 'jobs' | 'runs' | 'curves' | 'curve_chunks'): number {
  const db = openDatabase(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A whole curve (replacing what was stored). */
const curve = (metric: string, values: ArrayLike<number>): CurveUpdate => ({
  metric,
  xKind: 'iteration',
  points: Float32Array.from(values),
});
/** Points appended at `start`. */
const append = (metric: string, start: number, values: ArrayLike<number>): CurveUpdate => ({
  metric,
  xKind: 'iteration',
  start,
  points: Float32Array.from(values),
});

const runs = (...labels: string[]): NewRun[] => labels.map((label) => ({ label, params: {} }));

describe('store: jobs and runs', () => {
  it('creates a running job with its queued runs in order, in one call', () => {
    const { store, clock } = freshStore();
    const { jobId, runIds } = store.createJob({ experiment: 'optimizer-compare', params: { iterations: 2000 }, seed: 42 }, [
      { label: 'SGD', params: { optimizer: 'sgd', lr: 0.01 } },
      { label: 'Adam', params: { optimizer: 'adam', lr: 0.001 } },
    ]);
    const job = store.getJob(jobId);
    expect(job).toMatchObject({
      id: jobId,
      experiment: 'optimizer-compare',
      name: '',
      params: { iterations: 2000 },
      seed: 42,
      status: 'running',
      problem: null,
      createdAt: clock.now,
      startedAt: clock.now,
      finishedAt: null,
      durationMs: null,
      notes: '',
      tags: [],
      importedAt: null,
    });
    expect(job?.runs.map((r) => [r.id, r.idx, r.label, r.status])).toEqual([
      [runIds[0], 0, 'SGD', 'queued'],
      [runIds[1], 1, 'Adam', 'queued'],
    ]);
    expect(job?.runs[1].params).toEqual({ optimizer: 'adam', lr: 0.001 });
    expect(store.getJob(9999)).toBeUndefined();
    store.close();
  });

  it('never reuses a job or run id: delete the newest job, create another, and it gets a new id', () => {
    const { store } = freshStore();
    const first = store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, runs('a'));
    const second = store.createJob({ experiment: 'dropout', params: {}, seed: 2 }, runs('b'));
    store.finishJob(second.jobId, 'done');
    store.deleteJob(second.jobId);
    const third = store.createJob({ experiment: 'dropout', params: {}, seed: 3 }, runs('c'));
    expect(third.jobId).toBeGreaterThan(second.jobId);
    expect(third.runIds[0]).toBeGreaterThan(second.runIds[0]);
    expect(first.jobId).toBeLessThan(second.jobId);
    store.close();
  });

  it('creates nothing when the runs cannot be written: the job and its runs are one transaction', () => {
    const { store, file } = freshStore();
    const bad = [
      { label: 'ok', params: {} },
      { label: 'bad', params: 'not an object' as unknown as Record<string, unknown> },
    ];
    // JSON.stringify of a string passes; the CHECK (json_type = 'object') fails on the second run.
    expect(() => store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, bad)).toThrow(/CHECK constraint failed/);
    expect([countRows(file, 'jobs'), countRows(file, 'runs')]).toEqual([0, 0]);
    store.close();
  });

  it('finishing a job records its status, problem, finish time and duration, and what its unstarted runs became', () => {
    const { store, clock } = freshStore();
    const { jobId, runIds } = store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, runs('a', 'b'));
    store.writeProgress([{ runId: runIds[0], status: 'done', curves: [] }]);
    clock.now += 12_345;
    const problem = { code: 'runs-failed', failed: 1, total: 2, first: { code: 'worker-exited', exitCode: 1 } } as const;
    expect(store.finishJob(jobId, 'failed', problem, 'cancelled')).toBe(true);
    const job = store.getJob(jobId)!;
    expect(job).toMatchObject({ status: 'failed', problem, finishedAt: clock.now, durationMs: 12_345 });
    expect(job.runs.map((r) => r.status)).toEqual(['done', 'cancelled']);
    expect(store.finishJob(9999, 'done')).toBe(false);
    store.close();
  });

  it('run status stamps the start once and the finish at an end status; problems and NaN finals are kept', () => {
    const { store, clock } = freshStore();
    const { jobId, runIds } = store.createJob({ experiment: 'weight-init-compare', params: {}, seed: 1 }, runs('std=0.01'));
    const [runId] = runIds;
    const start = clock.now;
    store.writeProgress([{ runId, status: 'running', curves: [] }]);
    clock.now += 500;
    store.writeProgress([{ runId, status: 'running', curves: [] }]);
    clock.now += 500;
    const problem = { code: 'diverged', iteration: 812, loss: null } as const;
    store.writeProgress([{ runId, status: 'diverged', problem, final: { loss: NaN, trainAcc: 0.1135 }, curves: [] }]);
    const run = store.getJob(jobId)?.runs[0];
    expect(run).toMatchObject({ status: 'diverged', problem, startedAt: start, finishedAt: clock.now });
    expect(run?.final).toEqual({ loss: NaN, trainAcc: 0.1135 });
    store.close();
  });

  it('replaces a run’s params with the values it actually ran with', () => {
    const { store } = freshStore();
    const { jobId, runIds } = store.createJob({ experiment: 'hyperparameter-search', params: { trials: 100 }, seed: 1 }, [
      { label: 'trial 1', params: { trial: 1 } },
    ]);
    expect(store.setRunParams(runIds[0], { trial: 1, lr: 0.0042, weightDecay: 3.1e-7 })).toBe(true);
    expect(store.getJob(jobId)?.runs[0].params).toEqual({ trial: 1, lr: 0.0042, weightDecay: 3.1e-7 });
    expect(store.setRunParams(9999, {})).toBe(false);
    store.close();
  });

  it('lists jobs newest first with run counts, filtered by experiment and status, a page at a time', () => {
    const { store, clock } = freshStore();
    const ids: number[] = [];
    for (const [i, experiment] of ['dropout', 'batchnorm-compare', 'dropout', 'optimizer-compare'].entries()) {
      clock.now += 1000;
      ids.push(store.createJob({ experiment, params: {}, seed: ids.length }, i === 2 ? runs('a', 'b', 'c') : []).jobId);
    }
    const run = store.getJob(ids[2])!.runs[0].id;
    store.writeProgress([{ runId: run, status: 'done', curves: [] }]);
    store.finishJob(ids[0], 'done');
    expect(store.listJobs().map((j) => j.id)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(store.listJobs({ experiment: 'dropout' }).map((j) => [j.id, j.runCount, j.runsByStatus])).toEqual([
      [ids[2], 3, { done: 1, queued: 2 }],
      [ids[0], 0, {}],
    ]);
    expect(store.listJobs({ status: 'done' }).map((j) => j.id)).toEqual([ids[0]]);
    expect(store.listJobs({ experiment: 'dropout', status: 'running' }).map((j) => j.id)).toEqual([ids[2]]);
    expect(store.listJobs({ limit: 2, offset: 1 }).map((j) => j.id)).toEqual([ids[2], ids[1]]);
    expect(store.getJobRuns(ids[2], 1, 5).map((r) => r.label)).toEqual(['b', 'c']);
    expect(() => store.listJobs({ limit: -1 })).toThrow(RangeError);
    store.close();
  });

  it('renames, annotates and tags a job', () => {
    const { store } = freshStore();
    const { jobId } = store.createJob({ experiment: 'dropout', params: {}, seed: 1, name: 'first try' }, []);
    expect(store.getJob(jobId)?.name).toBe('first try');
    expect(store.renameJob(jobId, 'dropout 0.2 vs none')).toBe(true);
    expect(store.setJobNotes(jobId, 'test accuracy plateaus at ~0.75')).toBe(true);
    expect(store.setJobTags(jobId, ['overfitting', 'ch6'])).toBe(true);
    expect(store.getJob(jobId)).toMatchObject({
      name: 'dropout 0.2 vs none',
      notes: 'test accuracy plateaus at ~0.75',
      tags: ['overfitting', 'ch6'],
    });
    expect(store.renameJob(9999, 'nope')).toBe(false);
    store.close();
  });

  it('trims names and tags, drops blank and duplicate tags, and keeps notes as written', () => {
    const { store } = freshStore();
    const { jobId } = store.createJob({ experiment: 'dropout', params: {}, seed: 1, name: '  padded  ' }, []);
    expect(store.getJob(jobId)?.name).toBe('padded');
    store.renameJob(jobId, '\t dropout 0.5 \n');
    store.setJobTags(jobId, ['  ch6 ', 'CH6', '', '   ', 'overfitting', 'ch6', '정규화', '정규화 ']);
    store.setJobNotes(jobId, '  indented\n\n  table:\n  a | b\n');
    expect(store.getJob(jobId)).toMatchObject({
      name: 'dropout 0.5',
      tags: ['ch6', 'overfitting', '정규화'],
      notes: '  indented\n\n  table:\n  a | b\n',
    });
    store.renameJob(jobId, '   ');
    expect(store.getJob(jobId)?.name).toBe('');
    store.close();
  });

  it('refuses a name over 200, notes over 10,000, a tag over 40 characters or more than 20 tags, changing nothing', () => {
    const { store } = freshStore();
    const { jobId } = store.createJob({ experiment: 'dropout', params: {}, seed: 1, name: 'kept' }, []);
    store.setJobNotes(jobId, 'kept notes');
    store.setJobTags(jobId, ['kept']);
    expect(store.renameJob(jobId, `  ${'n'.repeat(200)}  `)).toBe(true); // 200 once trimmed
    expect(() => store.renameJob(jobId, 'n'.repeat(201))).toThrow(AnnotationError);
    expect(() => store.renameJob(jobId, 'n'.repeat(201))).toThrow('a job name has at most 200 characters (this one has 201)');
    expect(() => store.createJob({ experiment: 'dropout', params: {}, seed: 1, name: 'n'.repeat(201) }, [])).toThrow(AnnotationError);
    expect(store.setJobNotes(jobId, 'x'.repeat(10_000))).toBe(true);
    expect(() => store.setJobNotes(jobId, 'x'.repeat(10_001))).toThrow('job notes have at most 10,000 characters (these have 10,001)');
    expect(
      store.setJobTags(
        jobId,
        Array.from({ length: 20 }, (_, i) => `t${i}`),
      ),
    ).toBe(true);
    expect(store.setJobTags(jobId, [...Array.from({ length: 20 }, (_, i) => `t${i}`), 'T0', ' t1 '])).toBe(true); // duplicates do not count
    expect(() =>
      store.setJobTags(
        jobId,
        Array.from({ length: 21 }, (_, i) => `t${i}`),
      ),
    ).toThrow('a job has at most 20 tags (got 21)');
    expect(() => store.setJobTags(jobId, ['ok', 'y'.repeat(41)])).toThrow(/^a tag has at most 40 characters \("y+" has 41\)$/);
    expect(() => store.setJobTags(jobId, ['ok', 3 as unknown as string])).toThrow('a tag must be text, got number');
    expect(() => store.renameJob(jobId, null as unknown as string)).toThrow('a job name must be text, got object');
    expect(store.getJob(jobId)).toMatchObject({
      name: 'n'.repeat(200),
      notes: 'x'.repeat(10_000),
      tags: Array.from({ length: 20 }, (_, i) => `t${i}`),
    });
    store.close();
  });

  it('deleting a job removes its runs, curves and chunks, and only its own', () => {
    const { store, file } = freshStore();
    const jobs = [1, 2].map((seed) => store.createJob({ experiment: 'optimizer-compare', params: {}, seed }, runs('SGD', 'Adam')));
    for (const { runIds } of jobs) {
      store.writeProgress(runIds.map((runId) => ({ runId, curves: [append('loss', 0, [2.3, 1.1]), append('acc', 0, [0.1])] })));
      store.writeProgress(runIds.map((runId) => ({ runId, curves: [append('loss', 2, [0.9])] })));
    }
    expect(['jobs', 'runs', 'curves', 'curve_chunks'].map((t) => countRows(file, t as 'jobs'))).toEqual([2, 4, 8, 12]);
    expect(store.deleteJob(jobs[0].jobId)).toBe(true);
    expect(['jobs', 'runs', 'curves', 'curve_chunks'].map((t) => countRows(file, t as 'jobs'))).toEqual([1, 2, 4, 6]);
    expect(store.getJob(jobs[0].jobId)).toBeUndefined();
    expect(store.getJobCurves(jobs[1].jobId)).toHaveLength(4);
    expect(store.deleteJob(jobs[0].jobId)).toBe(false);
    store.close();
  });
});

describe('store: curves', () => {
  it('round-trip through SQLite bit for bit: NaN, ±Infinity, -0, odd and empty lengths', () => {
    const { store, file } = freshStore();
    const { jobId, runIds } = store.createJob({ experiment: 'optimizer-compare', params: {}, seed: 1 }, runs('a', 'b'));
    const [a, b] = runIds;
    const nanWithPayload = new Float32Array(new Uint32Array([0x7fc0beef]).buffer)[0];
    const curves = {
      loss: Float32Array.from([2.302585, NaN, Infinity, -Infinity, -0, 1e-45, nanWithPayload]),
      trainAcc: Float32Array.from({ length: 1001 }, (_, i) => Math.fround(i / 1001)),
      empty: new Float32Array(0),
      one: Float32Array.from([0.1]),
    };
    store.writeProgress([
      { runId: a, curves: Object.entries(curves).map(([metric, points]) => ({ metric, xKind: 'iteration' as const, points })) },
      { runId: b, curves: [{ metric: 'testAcc', xKind: 'epoch', points: Float32Array.from([0.5, 0.75, 0.875]) }] },
    ]);
    store.close();

    const reopened = openStore(file);
    const stored = reopened.getCurves(a);
    expect(stored.map((c) => c.metric)).toEqual(['empty', 'loss', 'one', 'trainAcc']);
    for (const c of stored) {
      expect(c).toMatchObject({ runId: a, xKind: 'iteration', damage: null });
      expect(c.points.byteOffset % 4).toBe(0);
      expect(bitsOf(c.points)).toEqual(bitsOf(curves[c.metric as keyof typeof curves]));
    }
    expect(reopened.getJobCurves(jobId).map((c) => [c.runId, c.metric, c.xKind, c.points.length])).toEqual([
      [a, 'empty', 'iteration', 0],
      [a, 'loss', 'iteration', 7],
      [a, 'one', 'iteration', 1],
      [a, 'trainAcc', 'iteration', 1001],
      [b, 'testAcc', 'epoch', 3],
    ]);
    reopened.close();
  });

  it('grow by appended chunks, in order, and a whole curve written again replaces them', () => {
    const { store, file } = freshStore();
    const { jobId, runIds } = store.createJob({ experiment: 'overfit-weight-decay', params: {}, seed: 1 }, runs('λ=0'));
    const [runId] = runIds;
    store.writeProgress([{ runId, status: 'running', curves: [append('trainAcc', 0, [0.1, 0.2])] }]);
    store.writeProgress([{ runId, curves: [append('trainAcc', 2, [0.3])] }]);
    store.writeProgress([{ runId, status: 'done', final: { trainAcc: 0.4 }, curves: [append('trainAcc', 3, [0.4, 0.5])] }]);
    expect(Array.from(store.getCurves(runId)[0].points)).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5])));
    expect(countRows(file, 'curve_chunks')).toBe(3);
    expect(store.getJob(jobId)?.runs[0]).toMatchObject({ status: 'done', final: { trainAcc: 0.4 } });
    store.writeProgress([{ runId, curves: [curve('trainAcc', [0.9])] }]);
    expect(Array.from(store.getCurves(runId)[0].points)).toEqual([Math.fround(0.9)]);
    expect(countRows(file, 'curve_chunks')).toBe(1);
    store.close();
  });

  it('refuse an append that would leave a gap or overlap, writing nothing of the batch', () => {
    const { store } = freshStore();
    const { runIds } = store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, runs('a', 'b'));
    store.writeProgress([{ runId: runIds[0], curves: [append('loss', 0, [1, 2])] }]);
    expect(() =>
      store.writeProgress([
        { runId: runIds[1], curves: [append('loss', 0, [5])] },
        { runId: runIds[0], curves: [append('loss', 3, [4])] },
      ]),
    ).toThrow('curve loss of run 1: points appended at 3, but 2 are stored');
    expect(store.getCurves(runIds[1])).toEqual([]);
    store.close();
  });

  it('are read back as damaged, by name and reason, when a chunk fails its checksum or one is missing', () => {
    const { store, file } = freshStore();
    const { jobId, runIds } = store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, runs('a'));
    const [runId] = runIds;
    store.writeProgress([{ runId, curves: [append('loss', 0, [1, 2, 3]), append('trainAcc', 0, [0.5])] }]);
    store.writeProgress([{ runId, curves: [append('loss', 3, [4, 5]), append('trainAcc', 1, [0.6])] }]);
    const raw = openDatabase(file);
    // Flip one byte of the second loss chunk (as a damaged page would), and drop the last trainAcc chunk.
    const chunk = raw.prepare(`SELECT points FROM curve_chunks WHERE run_id = ? AND metric = 'loss' AND start = 3`).get(runId) as {
      points: Buffer;
    };
    const flipped = Buffer.from(chunk.points);
    flipped[2] ^= 0x40;
    raw.prepare(`UPDATE curve_chunks SET points = ? WHERE run_id = ? AND metric = 'loss' AND start = 3`).run(flipped, runId);
    raw.prepare(`DELETE FROM curve_chunks WHERE run_id = ? AND metric = 'trainAcc' AND start = 1`).run(runId);
    raw.close();
    const [loss, trainAcc] = store.getJobCurves(jobId);
    expect(loss).toMatchObject({ metric: 'loss', damage: 'the points from 3 fail their checksum' });
    expect(Array.from(loss.points)).toEqual([1, 2, 3]); // the intact start only
    expect(trainAcc).toMatchObject({ metric: 'trainAcc', damage: '2 points are recorded but 1 are stored' });
    store.close();
  });

  it('a progress batch for 32 runs × 3 curves is written as ONE commit', () => {
    const { store, file } = freshStore();
    const { runIds } = store.createJob(
      { experiment: 'batchnorm-compare', params: {}, seed: 1 },
      Array.from({ length: 32 }, (_, i) => ({ label: `net ${i}`, params: {} })),
    );
    const batch = (epoch: number): RunProgress[] =>
      runIds.map((runId) => ({
        runId,
        status: 'running',
        curves: ['trainAcc', 'testAcc', 'loss'].map((metric) =>
          append(
            metric,
            100 * (epoch - 1),
            Array.from({ length: 100 }, (_, i) => i),
          ),
        ),
      }));
    const observer = openDatabase(file);
    const commitsDuring = (write: () => void): number => {
      observer.pragma('wal_checkpoint(TRUNCATE)'); // empty the WAL, so it holds only what `write` commits
      expect(readFileSync(`${file}-wal`).byteLength).toBe(0);
      write();
      return countWalCommits(readFileSync(`${file}-wal`));
    };
    expect(commitsDuring(() => store.writeProgress(batch(1)))).toBe(1);
    expect(countRows(file, 'curves')).toBe(96);
    // The counter can tell: the same writes as one call per run are 32 commits.
    expect(commitsDuring(() => batch(2).forEach((progress) => store.writeProgress([progress])))).toBe(32);
    observer.close();
    store.close();
  });

  it('a progress batch is all or nothing: a bad entry at the end leaves the whole batch unwritten', () => {
    const { store } = freshStore();
    const { jobId, runIds } = store.createJob(
      { experiment: 'batchnorm-compare', params: {}, seed: 1 },
      Array.from({ length: 32 }, (_, i) => ({ label: `net ${i}`, params: {} })),
    );
    const batch: RunProgress[] = runIds.map((runId) => ({ runId, status: 'running', curves: [append('loss', 0, [1, 2, 3])] }));
    // An x-axis kind the schema does not know, as a buggy caller could send it: the CHECK fails on the last run.
    batch[31] = { runId: runIds[31], curves: [{ metric: 'loss', xKind: 'minute' as 'epoch', start: 0, points: new Float32Array(1) }] };
    expect(() => store.writeProgress(batch)).toThrow(/CHECK constraint failed/);
    expect(store.getJobCurves(jobId)).toEqual([]);
    expect(store.getJob(jobId)?.runs.every((r) => r.status === 'queued')).toBe(true);
    store.close();
  });

  it('progress for a run whose job was deleted meanwhile is skipped and reported, the rest is written', () => {
    const { store } = freshStore();
    const kept = store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, runs('kept')).runIds[0];
    const deleted = store.createJob({ experiment: 'dropout', params: {}, seed: 2 }, runs('gone'));
    store.deleteJob(deleted.jobId);
    const result = store.writeProgress([
      { runId: deleted.runIds[0], curves: [append('loss', 0, [1])] },
      { runId: kept, curves: [append('loss', 0, [1])] },
    ]);
    expect(result).toEqual({ missingRunIds: [deleted.runIds[0]] });
    expect(store.getCurves(kept)).toHaveLength(1);
    store.close();
  });
});

describe('store: who trains a job (the lease)', () => {
  it('jobs left running or queued by a process that is gone become interrupted at open, keeping their curves', () => {
    const { store, file, clock } = freshStore();
    const finished = store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, runs('done'));
    store.writeProgress([{ runId: finished.runIds[0], status: 'done', curves: [] }]);
    store.finishJob(finished.jobId, 'done');
    const crashed = store.createJob({ experiment: 'optimizer-compare', params: {}, seed: 2 }, runs('running', 'queued'));
    const [running, queued] = crashed.runIds;
    store.writeProgress([{ runId: running, status: 'running', curves: [append('loss', 0, [2.3, 2.1, 1.9])] }]);
    expect(store.interruptedAtOpen).toEqual({ jobs: 0, runs: 0 });
    store.close(); // as if the app died: nobody finished the job, nobody renews its lease

    const peek = openStore(file, { readonly: true }); // a read-only reader must not interrupt anything
    expect(peek.interruptedAtOpen).toEqual({ jobs: 0, runs: 0 });
    expect(peek.getJob(crashed.jobId)?.status).toBe('running');
    peek.close();

    // This very process is alive and the lease is fresh: nothing is interrupted yet…
    const soon = openStore(file, { now: () => clock.now + 1000 });
    expect(soon.interruptedAtOpen).toEqual({ jobs: 0, runs: 0 });
    soon.close();
    // …once the lease ran out, the job is the dead owner's: interrupted.
    const later = openStore(file, { now: () => clock.now + LEASE_MS + 1 });
    expect(later.interruptedAtOpen).toEqual({ jobs: 1, runs: 2 });
    expect(later.getJob(crashed.jobId)?.status).toBe('interrupted');
    expect(later.getJob(crashed.jobId)?.runs.map((r) => [r.id, r.status])).toEqual([
      [running, 'interrupted'],
      [queued, 'interrupted'],
    ]);
    expect(Array.from(later.getCurves(running)[0].points)).toEqual(Array.from(Float32Array.from([2.3, 2.1, 1.9])));
    expect(later.getJob(finished.jobId)?.status).toBe('done');
    later.close();
    const again = openStore(file, { now: () => clock.now + LEASE_MS + 2 });
    expect(again.interruptedAtOpen).toEqual({ jobs: 0, runs: 0 });
    again.close();
  });

  it('a renewed lease keeps a job alive past the first deadline', () => {
    const { store, file, clock } = freshStore();
    const { jobId } = store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, runs('a'));
    clock.now += LEASE_MS - 1000;
    store.renewLeases([jobId]);
    const other = openStore(file, { now: () => clock.now + 30_000 });
    expect(other.interruptedAtOpen).toEqual({ jobs: 0, runs: 0 });
    expect(other.isJobLive(jobId)).toBe(true);
    other.close();
    store.close();
  });

  it('leaves a job alone while the process training it is alive, and interrupts it once that process died', async () => {
    const { store, file } = freshStore();
    const { jobId } = store.createJob({ experiment: 'dropout', params: {}, seed: 3 }, runs('dropout 0.2'));
    store.close();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => other.once('spawn', resolve));
      const raw = openDatabase(file);
      // The other process holds a fresh lease (as the app renews it while it trains).
      raw
        .prepare('UPDATE jobs SET owner_pid = ?, owner_started = ?, lease_until = ? WHERE id = ?')
        .run(other.pid, processStartTime(other.pid!), Date.now() + LEASE_MS, jobId);
      raw.close();
      const whileAlive = openStore(file);
      expect(whileAlive.interruptedAtOpen).toEqual({ jobs: 0, runs: 0 });
      expect(whileAlive.getJob(jobId)?.status).toBe('running');
      whileAlive.close();
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.on('exit', resolve));
    }
    const afterDeath = openStore(file);
    expect(afterDeath.interruptedAtOpen).toEqual({ jobs: 1, runs: 1 });
    expect(afterDeath.getJob(jobId)?.status).toBe('interrupted');
    afterDeath.close();
  });

  it('does not take a reused pid for the owner: a live process that started later is not the one that held the lease', async () => {
    if (process.platform !== 'linux') return; // start times come from /proc
    const { store, file } = freshStore();
    const { jobId } = store.createJob({ experiment: 'dropout', params: {}, seed: 4 }, runs('a'));
    store.close();
    // A live process whose pid the job names — but the lease recorded an earlier start time, as if
    // the owner died and the OS gave its pid to this process.
    const reuser = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => reuser.once('spawn', resolve));
      const started = processStartTime(reuser.pid!)!;
      expect(started).toBeGreaterThan(0);
      const raw = openDatabase(file);
      raw
        .prepare('UPDATE jobs SET owner_pid = ?, owner_started = ?, lease_until = ? WHERE id = ?')
        .run(reuser.pid, started - 1, Date.now() + LEASE_MS, jobId);
      raw.close();
      const opened = openStore(file);
      expect(opened.interruptedAtOpen).toEqual({ jobs: 1, runs: 1 });
      expect(opened.getJob(jobId)?.status).toBe('interrupted');
      opened.close();
    } finally {
      reuser.kill('SIGKILL');
      await new Promise((resolve) => reuser.on('exit', resolve));
    }
  });

  it('closing checkpoints the WAL away and can be repeated', () => {
    const { store, file } = freshStore();
    store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, []);
    expect(existsSync(`${file}-wal`)).toBe(true);
    store.close();
    store.close();
    expect(store.isOpen).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(countRows(file, 'jobs')).toBe(1);
  });
});
