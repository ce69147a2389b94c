import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './sqlite.ts';
import { AnnotationError, openStore, type Store } from './store.ts';
import { bitsOf, countWalCommits, useTempFolders } from './test-helpers.ts';
import type { RunProgress } from './types.ts';

const tempFolder = useTempFolders();

/** A store on a fresh file with a clock the test moves by hand. */
function freshStore(): { store: Store; file: string; clock: { now: number } } {
  const file = join(tempFolder(), 'lab.sqlite');
  const clock = { now: 1_700_000_000_000 };
  return { store: openStore(file, { now: () => clock.now }), file, clock };
}

function countRows(file: string, table: 'jobs' | 'runs' | 'curves'): number {
  const db = openDatabase(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function curve(metric: string, values: ArrayLike<number>): RunProgress['curves'][number] {
  return { metric, xKind: 'iteration', points: Float32Array.from(values) };
}

describe('store', () => {
  it('creates a running job whose runs are queued in order, continuing the order on later calls', () => {
    const { store, clock } = freshStore();
    const jobId = store.createJob({ experiment: 'optimizer-compare', params: { iterations: 2000 }, seed: 42 });
    const first = store.createRuns(jobId, [
      { label: 'SGD', params: { optimizer: 'sgd', lr: 0.01 } },
      { label: 'Adam', params: { optimizer: 'adam', lr: 0.001 } },
    ]);
    const [later] = store.createRuns(jobId, [{ label: 'RMSprop', params: { optimizer: 'rmsprop' } }]);
    const job = store.getJob(jobId);
    expect(job).toMatchObject({
      id: jobId,
      experiment: 'optimizer-compare',
      name: '',
      params: { iterations: 2000 },
      seed: 42,
      status: 'running',
      error: null,
      createdAt: clock.now,
      startedAt: clock.now,
      finishedAt: null,
      durationMs: null,
      notes: '',
      tags: [],
      importedAt: null,
    });
    expect(job?.runs.map((r) => [r.id, r.idx, r.label, r.status])).toEqual([
      [first[0], 0, 'SGD', 'queued'],
      [first[1], 1, 'Adam', 'queued'],
      [later, 2, 'RMSprop', 'queued'],
    ]);
    expect(job?.runs[1].params).toEqual({ optimizer: 'adam', lr: 0.001 });
    expect(store.getJob(9999)).toBeUndefined();
    expect(() => store.createRuns(9999, [{ label: 'x', params: {} }])).toThrow('cannot add runs: job 9999 does not exist');
    store.close();
  });

  it('finishing a job records its status, error, finish time and duration', () => {
    const { store, clock } = freshStore();
    const jobId = store.createJob({ experiment: 'dropout', params: {}, seed: 1 });
    clock.now += 12_345;
    expect(store.finishJob(jobId, 'failed', 'worker crashed')).toBe(true);
    expect(store.getJob(jobId)).toMatchObject({ status: 'failed', error: 'worker crashed', finishedAt: clock.now, durationMs: 12_345 });
    expect(store.finishJob(9999, 'done')).toBe(false);
    store.close();
  });

  it('run status stamps the start once and the finish at an end status; final metrics keep NaN', () => {
    const { store, clock } = freshStore();
    const jobId = store.createJob({ experiment: 'weight-init-compare', params: {}, seed: 1 });
    const [runId] = store.createRuns(jobId, [{ label: 'std=0.01', params: {} }]);
    const start = clock.now;
    store.setRunStatus(runId, 'running');
    clock.now += 500;
    store.setRunStatus(runId, 'running');
    clock.now += 500;
    expect(store.setRunStatus(runId, 'diverged', 'loss became NaN at iteration 812')).toBe(true);
    expect(store.setRunFinal(runId, { loss: NaN, trainAcc: 0.1135 })).toBe(true);
    const run = store.getJob(jobId)?.runs[0];
    expect(run).toMatchObject({ status: 'diverged', error: 'loss became NaN at iteration 812', startedAt: start, finishedAt: clock.now });
    expect(run?.final).toEqual({ loss: NaN, trainAcc: 0.1135 });
    expect(store.setRunStatus(9999, 'done')).toBe(false);
    store.close();
  });

  it('replaces a run’s params with the values it actually ran with', () => {
    const { store } = freshStore();
    const jobId = store.createJob({ experiment: 'hyperparameter-search', params: { trials: 100 }, seed: 1 });
    const [runId] = store.createRuns(jobId, [{ label: 'trial 1', params: { trial: 1 } }]);
    expect(store.setRunParams(runId, { trial: 1, lr: 0.0042, weightDecay: 3.1e-7 })).toBe(true);
    expect(store.getJob(jobId)?.runs[0].params).toEqual({ trial: 1, lr: 0.0042, weightDecay: 3.1e-7 });
    expect(store.setRunParams(9999, {})).toBe(false);
    store.close();
  });

  it('lists jobs newest first with run counts, filtered by experiment and status, a page at a time', () => {
    const { store, clock } = freshStore();
    const ids: number[] = [];
    for (const experiment of ['dropout', 'batchnorm-compare', 'dropout', 'optimizer-compare']) {
      clock.now += 1000;
      ids.push(store.createJob({ experiment, params: {}, seed: ids.length }));
    }
    const runs = store.createRuns(ids[2], [
      { label: 'a', params: {} },
      { label: 'b', params: {} },
      { label: 'c', params: {} },
    ]);
    store.setRunStatus(runs[0], 'done');
    store.finishJob(ids[0], 'done');
    expect(store.listJobs().map((j) => j.id)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    const withRuns = store.listJobs({ experiment: 'dropout' });
    expect(withRuns.map((j) => [j.id, j.runCount, j.runsByStatus])).toEqual([
      [ids[2], 3, { done: 1, queued: 2 }],
      [ids[0], 0, {}],
    ]);
    expect(store.listJobs({ status: 'done' }).map((j) => j.id)).toEqual([ids[0]]);
    expect(store.listJobs({ experiment: 'dropout', status: 'running' }).map((j) => j.id)).toEqual([ids[2]]);
    expect(store.listJobs({ limit: 2, offset: 1 }).map((j) => j.id)).toEqual([ids[2], ids[1]]);
    expect(() => store.listJobs({ limit: -1 })).toThrow(RangeError);
    store.close();
  });

  it('renames, annotates and tags a job', () => {
    const { store } = freshStore();
    const jobId = store.createJob({ experiment: 'dropout', params: {}, seed: 1, name: 'first try' });
    expect(store.getJob(jobId)?.name).toBe('first try');
    expect(store.renameJob(jobId, 'dropout 0.2 vs none')).toBe(true);
    expect(store.setJobNotes(jobId, 'test accuracy plateaus at ~0.75')).toBe(true);
    expect(store.setJobTags(jobId, ['overfitting', 'ch6'])).toBe(true);
    expect(store.getJob(jobId)).toMatchObject({ name: 'dropout 0.2 vs none', notes: 'test accuracy plateaus at ~0.75', tags: ['overfitting', 'ch6'] });
    expect(store.renameJob(9999, 'nope')).toBe(false);
    store.close();
  });

  it('trims names and tags, drops blank and duplicate tags, and keeps notes as written', () => {
    const { store } = freshStore();
    const jobId = store.createJob({ experiment: 'dropout', params: {}, seed: 1, name: '  padded  ' });
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
    const jobId = store.createJob({ experiment: 'dropout', params: {}, seed: 1, name: 'kept' });
    store.setJobNotes(jobId, 'kept notes');
    store.setJobTags(jobId, ['kept']);
    expect(store.renameJob(jobId, `  ${'n'.repeat(200)}  `)).toBe(true); // 200 once trimmed
    expect(() => store.renameJob(jobId, 'n'.repeat(201))).toThrow(AnnotationError);
    expect(() => store.renameJob(jobId, 'n'.repeat(201))).toThrow('a job name has at most 200 characters (this one has 201)');
    expect(() => store.createJob({ experiment: 'dropout', params: {}, seed: 1, name: 'n'.repeat(201) })).toThrow(AnnotationError);
    expect(store.setJobNotes(jobId, 'x'.repeat(10_000))).toBe(true);
    expect(() => store.setJobNotes(jobId, 'x'.repeat(10_001))).toThrow('job notes have at most 10,000 characters (these have 10,001)');
    expect(store.setJobTags(jobId, Array.from({ length: 20 }, (_, i) => `t${i}`))).toBe(true);
    expect(store.setJobTags(jobId, [...Array.from({ length: 20 }, (_, i) => `t${i}`), 'T0', ' t1 '])).toBe(true); // duplicates do not count
    expect(() => store.setJobTags(jobId, Array.from({ length: 21 }, (_, i) => `t${i}`))).toThrow('a job has at most 20 tags (got 21)');
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

  it('curves round-trip through SQLite bit for bit: NaN, ±Infinity, -0, odd and empty lengths', () => {
    const { store, file } = freshStore();
    const jobId = store.createJob({ experiment: 'optimizer-compare', params: {}, seed: 1 });
    const [a, b] = store.createRuns(jobId, [
      { label: 'a', params: {} },
      { label: 'b', params: {} },
    ]);
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
      expect(c).toMatchObject({ runId: a, xKind: 'iteration' });
      expect(c.points.byteOffset % 4).toBe(0);
      expect(bitsOf(c.points)).toEqual(bitsOf(curves[c.metric as keyof typeof curves]));
    }
    const all = reopened.getJobCurves(jobId);
    expect(all.map((c) => [c.runId, c.metric, c.xKind, c.points.length])).toEqual([
      [a, 'empty', 'iteration', 0],
      [a, 'loss', 'iteration', 7],
      [a, 'one', 'iteration', 1],
      [a, 'trainAcc', 'iteration', 1001],
      [b, 'testAcc', 'epoch', 3],
    ]);
    reopened.close();
  });

  it('writing a curve again replaces it whole, and a batch sets statuses and finals with it', () => {
    const { store } = freshStore();
    const jobId = store.createJob({ experiment: 'overfit-weight-decay', params: {}, seed: 1 });
    const [runId] = store.createRuns(jobId, [{ label: 'λ=0', params: { weightDecayLambda: 0 } }]);
    store.writeProgress([{ runId, status: 'running', curves: [curve('trainAcc', [0.1, 0.2])] }]);
    store.writeProgress([{ runId, status: 'done', final: { trainAcc: 0.3 }, curves: [curve('trainAcc', [0.1, 0.2, 0.3])] }]);
    expect(Array.from(store.getCurves(runId)[0].points)).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3])));
    expect(store.getJob(jobId)?.runs[0]).toMatchObject({ status: 'done', final: { trainAcc: 0.3 } });
    store.close();
  });

  it('a progress batch for 32 runs × 3 curves is written as ONE commit', () => {
    const { store, file } = freshStore();
    const jobId = store.createJob({ experiment: 'batchnorm-compare', params: {}, seed: 1 });
    const runIds = store.createRuns(jobId, Array.from({ length: 32 }, (_, i) => ({ label: `net ${i}`, params: {} })));
    const batch = (epoch: number): RunProgress[] =>
      runIds.map((runId) => ({
        runId,
        status: 'running',
        curves: ['trainAcc', 'testAcc', 'loss'].map((metric) => curve(metric, Array.from({ length: 100 * epoch }, (_, i) => i))),
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
    const jobId = store.createJob({ experiment: 'batchnorm-compare', params: {}, seed: 1 });
    const runIds = store.createRuns(jobId, Array.from({ length: 32 }, (_, i) => ({ label: `net ${i}`, params: {} })));
    const batch: RunProgress[] = runIds.map((runId) => ({ runId, status: 'running', curves: [curve('loss', [1, 2, 3])] }));
    // An x-axis kind the schema does not know, as a buggy caller could send it: the CHECK fails on the last run.
    batch[31] = { runId: runIds[31], curves: [{ metric: 'loss', xKind: 'minute' as 'epoch', points: new Float32Array(1) }] };
    expect(() => store.writeProgress(batch)).toThrow(/CHECK constraint failed/);
    expect(store.getJobCurves(jobId)).toEqual([]);
    expect(store.getJob(jobId)?.runs.every((r) => r.status === 'queued')).toBe(true);
    store.close();
  });

  it('progress for a run whose job was deleted meanwhile is skipped and reported, the rest is written', () => {
    const { store } = freshStore();
    const kept = store.createRuns(store.createJob({ experiment: 'dropout', params: {}, seed: 1 }), [{ label: 'kept', params: {} }])[0];
    const deletedJob = store.createJob({ experiment: 'dropout', params: {}, seed: 2 });
    const gone = store.createRuns(deletedJob, [{ label: 'gone', params: {} }])[0];
    store.deleteJob(deletedJob);
    const result = store.writeProgress([
      { runId: gone, curves: [curve('loss', [1])] },
      { runId: kept, curves: [curve('loss', [1])] },
    ]);
    expect(result).toEqual({ missingRunIds: [gone] });
    expect(store.getCurves(kept)).toHaveLength(1);
    store.close();
  });

  it('deleting a job removes its runs and curves, and only its own', () => {
    const { store, file } = freshStore();
    const jobs = [1, 2].map((seed) => store.createJob({ experiment: 'optimizer-compare', params: {}, seed }));
    for (const jobId of jobs) {
      const runIds = store.createRuns(jobId, [
        { label: 'SGD', params: {} },
        { label: 'Adam', params: {} },
      ]);
      store.writeProgress(runIds.map((runId) => ({ runId, curves: [curve('loss', [2.3, 1.1]), curve('acc', [0.1])] })));
    }
    expect([countRows(file, 'jobs'), countRows(file, 'runs'), countRows(file, 'curves')]).toEqual([2, 4, 8]);
    expect(store.deleteJob(jobs[0])).toBe(true);
    expect([countRows(file, 'jobs'), countRows(file, 'runs'), countRows(file, 'curves')]).toEqual([1, 2, 4]);
    expect(store.getJob(jobs[0])).toBeUndefined();
    expect(store.getJobCurves(jobs[1])).toHaveLength(4);
    expect(store.deleteJob(jobs[0])).toBe(false);
    store.close();
  });

  it('jobs and runs left running or queued become interrupted at open, keeping their curves, and are counted', () => {
    const { store, file } = freshStore();
    const finished = store.createJob({ experiment: 'dropout', params: {}, seed: 1 });
    const [finishedRun] = store.createRuns(finished, [{ label: 'done', params: {} }]);
    store.setRunStatus(finishedRun, 'done');
    store.finishJob(finished, 'done');
    const crashed = store.createJob({ experiment: 'optimizer-compare', params: {}, seed: 2 });
    const [running, queued] = store.createRuns(crashed, [
      { label: 'running', params: {} },
      { label: 'queued', params: {} },
    ]);
    store.writeProgress([{ runId: running, status: 'running', curves: [curve('loss', [2.3, 2.1, 1.9])] }]);
    expect(store.interruptedAtOpen).toEqual({ jobs: 0, runs: 0 });
    store.close(); // as if the app died: nobody finished the job

    const peek = openStore(file, { readonly: true }); // a read-only reader must not interrupt anything
    expect(peek.interruptedAtOpen).toEqual({ jobs: 0, runs: 0 });
    expect(peek.getJob(crashed)?.status).toBe('running');
    peek.close();

    const reopened = openStore(file);
    expect(reopened.interruptedAtOpen).toEqual({ jobs: 1, runs: 2 });
    expect(reopened.getJob(crashed)?.status).toBe('interrupted');
    expect(reopened.getJob(crashed)?.runs.map((r) => [r.id, r.status])).toEqual([
      [running, 'interrupted'],
      [queued, 'interrupted'],
    ]);
    expect(Array.from(reopened.getCurves(running)[0].points)).toEqual(Array.from(Float32Array.from([2.3, 2.1, 1.9])));
    expect(reopened.getJob(finished)?.status).toBe('done');
    expect(reopened.getJob(finished)?.runs[0].status).toBe('done');
    reopened.close();
    const again = openStore(file);
    expect(again.interruptedAtOpen).toEqual({ jobs: 0, runs: 0 });
    again.close();
  });

  it('leaves a job alone while the process training it is alive (the app and the CLI share the file)', async () => {
    const { store, file } = freshStore();
    const jobId = store.createJob({ experiment: 'dropout', params: {}, seed: 3 });
    store.createRuns(jobId, [{ label: 'dropout 0.2', params: {} }]);
    store.close();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const raw = openDatabase(file);
      raw.prepare('UPDATE jobs SET owner_pid = ? WHERE id = ?').run(other.pid, jobId);
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

  it('closing checkpoints the WAL away and can be repeated', () => {
    const { store, file } = freshStore();
    store.createJob({ experiment: 'dropout', params: {}, seed: 1 });
    expect(existsSync(`${file}-wal`)).toBe(true);
    store.close();
    store.close();
    expect(store.isOpen).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(countRows(file, 'jobs')).toBe(1);
  });
});
