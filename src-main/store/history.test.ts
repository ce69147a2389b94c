import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_FINAL_RANGES_SQL, jobsSql, registerHistoryFunctions, runsSql, type HistorySql } from './history-sql.ts';
import { openDatabase, type Database } from './sqlite.ts';
import { openStore, type Store } from './store.ts';
import { useTempFolders } from './test-helpers.ts';
import type { FinalMetrics, FinishedJobStatus, JobQuery, RunStatus } from './types.ts';

const tempFolder = useTempFolders();

function freshStore(): { store: Store; file: string; clock: { now: number } } {
  const file = join(tempFolder(), 'lab.sqlite');
  const clock = { now: 1_700_000_000_000 };
  return { store: openStore(file, { now: () => clock.now }), file, clock };
}

interface JobSpec {
  experiment?: string;
  name?: string;
  notes?: string;
  tags?: string[];
  /** Finished after this many ms; unfinished (still running) when absent. */
  durationMs?: number;
  status?: FinishedJobStatus;
  runs?: { label: string; status?: RunStatus; final?: FinalMetrics }[];
}

/** Creates a job through the store's normal API, one second after the previous one. */
function addJob(store: Store, clock: { now: number }, spec: JobSpec = {}): number {
  clock.now += 1000;
  const runs = spec.runs ?? [];
  const { jobId, runIds } = store.createJob(
    { experiment: spec.experiment ?? 'optimizer-compare', params: {}, seed: clock.now % 1000, name: spec.name },
    runs.map((run) => ({ label: run.label, params: {} })),
  );
  if (spec.notes !== undefined) store.setJobNotes(jobId, spec.notes);
  if (spec.tags !== undefined) store.setJobTags(jobId, spec.tags);
  store.writeProgress(
    runs.flatMap((run, i) =>
      run.status || run.final ? [{ runId: runIds[i], curves: [], status: run.status ?? 'queued', final: run.final ?? {} }] : [],
    ),
  );
  if (spec.durationMs !== undefined) {
    const start = clock.now;
    clock.now += spec.durationMs;
    store.finishJob(jobId, spec.status ?? 'done');
    clock.now = start; // the next job is created one second after this one was, whatever its length
  }
  return jobId;
}

const ids = (page: { jobs: { id: number }[] }): number[] => page.jobs.map((job) => job.id);
const page = (query: Partial<JobQuery> = {}): JobQuery => ({ limit: 100, offset: 0, ...query });

describe('history queries', () => {
  it('list jobs newest first a page at a time, with the total for the pager', () => {
    const { store, clock } = freshStore();
    const jobs = Array.from({ length: 5 }, () => addJob(store, clock));
    const newestFirst = [...jobs].reverse();
    expect(store.queryJobs(page({ limit: 2, offset: 0 }))).toMatchObject({
      total: 5,
      jobs: [{ id: newestFirst[0] }, { id: newestFirst[1] }],
    });
    expect(ids(store.queryJobs(page({ limit: 2, offset: 2 })))).toEqual(newestFirst.slice(2, 4));
    expect(store.queryJobs(page({ limit: 2, offset: 4 }))).toMatchObject({ total: 5, jobs: [{ id: newestFirst[4] }] });
    expect(store.queryJobs(page({ limit: 2, offset: 6 }))).toEqual({ total: 5, jobs: [] });
    expect(ids(store.queryJobs(page({ descending: false })))).toEqual(jobs);
    store.close();
  });

  it('find jobs by text in their name, notes, tags, experiment id or run labels, case-insensitively', () => {
    const { store, clock } = freshStore();
    const named = addJob(store, clock, { name: 'Adam vs SGD' });
    const noted = addJob(store, clock, { notes: 'Überraschend: test accuracy 50% higher' });
    const tagged = addJob(store, clock, { tags: ['Ch6', '정규화'] });
    const labelled = addJob(store, clock, { experiment: 'dropout', runs: [{ label: 'dropout_ratio=0.5' }] });
    const plain = addJob(store, clock, { experiment: 'batchnorm-compare', runs: [{ label: 'batchnorm' }] });
    const search = (text: string, query: Partial<JobQuery> = {}) => ids(store.queryJobs(page({ text, ...query })));

    expect(search('adam')).toEqual([named]);
    expect(search('ÜBERRASCHEND')).toEqual([noted]);
    expect(search('überraschend')).toEqual([noted]);
    expect(search('ch6')).toEqual([tagged]);
    expect(search('정규')).toEqual([tagged]);
    expect(search('RATIO=0.5')).toEqual([labelled]);
    expect(search('batchnorm-compare')).toEqual([plain]); // the experiment id
    expect(search('optimizer')).toEqual([tagged, noted, named]);
    // Wildcards of LIKE are plain characters: '%' and '_' only match themselves.
    expect(search('50%')).toEqual([noted]);
    expect(search('%')).toEqual([noted]);
    expect(search('_')).toEqual([labelled]);
    expect(search('dropout_')).toEqual([labelled]);
    expect(search('a%b')).toEqual([]);
    // Blank is no filter; filters combine.
    expect(store.queryJobs(page({ text: '   ' })).total).toBe(5);
    expect(search('o', { experiment: 'dropout' })).toEqual([labelled]);
    expect(store.queryJobs(page({ text: 'adam', limit: 0 }))).toEqual({ total: 1, jobs: [] });
    store.close();
  });

  it('filter by experiment and status, alone or together, with the run counts of each job', () => {
    const { store, clock } = freshStore();
    const doneDropout = addJob(store, clock, {
      experiment: 'dropout',
      durationMs: 10,
      runs: [
        { label: 'a', status: 'done' },
        { label: 'b', status: 'diverged' },
      ],
    });
    const failedDropout = addJob(store, clock, { experiment: 'dropout', durationMs: 10, status: 'failed' });
    const doneOther = addJob(store, clock, { durationMs: 10 });
    const running = addJob(store, clock, { experiment: 'dropout' });
    expect(ids(store.queryJobs(page({ experiment: 'dropout' })))).toEqual([running, failedDropout, doneDropout]);
    expect(ids(store.queryJobs(page({ status: 'done' })))).toEqual([doneOther, doneDropout]);
    const both = store.queryJobs(page({ experiment: 'dropout', status: 'done' }));
    expect(both.total).toBe(1);
    expect(both.jobs[0]).toMatchObject({ id: doneDropout, runCount: 2, runsByStatus: { done: 1, diverged: 1 } });
    expect(store.queryJobs(page({ experiment: 'no-such-experiment' }))).toEqual({ total: 0, jobs: [] });
    store.close();
  });

  it('sort by duration (unfinished last), by name (case-insensitive, unnamed last), ties broken by id', () => {
    const { store, clock } = freshStore();
    const short = addJob(store, clock, { name: 'beta', durationMs: 1_000 });
    const long = addJob(store, clock, { name: 'Alpha', durationMs: 60_000 });
    const unfinished = addJob(store, clock, { name: '' });
    const sameAsShort = addJob(store, clock, { name: 'alpha', durationMs: 1_000 });
    const unnamed = addJob(store, clock, { durationMs: 5_000 });
    const sorted = (query: Partial<JobQuery>) => ids(store.queryJobs(page(query)));

    expect(sorted({ sort: 'duration' })).toEqual([long, unnamed, sameAsShort, short, unfinished]);
    expect(sorted({ sort: 'duration', descending: false })).toEqual([short, sameAsShort, unnamed, long, unfinished]);
    expect(sorted({ sort: 'name' })).toEqual([long, sameAsShort, short, unfinished, unnamed]);
    expect(sorted({ sort: 'name', descending: true })).toEqual([short, sameAsShort, long, unnamed, unfinished]);
    expect(sorted({ sort: 'created' })).toEqual([unnamed, sameAsShort, unfinished, long, short]);
    // A page of a sorted list is that slice of it.
    expect(sorted({ sort: 'duration', limit: 2, offset: 1 })).toEqual([unnamed, sameAsShort]);
    store.close();
  });

  it('sort by the best final metric over each job’s runs: max or min, jobs without a finite one last', () => {
    const { store, clock } = freshStore();
    const a = addJob(store, clock, {
      runs: [
        { label: 'x', final: { testAcc: 0.91, loss: 0.3 } },
        { label: 'y', final: { testAcc: 0.97, loss: 0.2 } },
      ],
    });
    const b = addJob(store, clock, { runs: [{ label: 'x', final: { testAcc: 0.95, loss: 0.1 } }] });
    const none = addJob(store, clock, { runs: [{ label: 'x', final: { trainAcc: 0.99 } }] });
    const diverged = addJob(store, clock, { runs: [{ label: 'x', final: { testAcc: 0.95, loss: NaN } }] });
    const empty = addJob(store, clock);
    const byTestAcc = store.queryJobs(page({ sort: { metric: 'testAcc' } }));
    expect(byTestAcc.jobs.map((job) => [job.id, job.best])).toEqual([
      [a, 0.97],
      [diverged, 0.95], // ties with b: the larger id first, as the sort goes
      [b, 0.95],
      [empty, null],
      [none, null],
    ]);
    expect(ids(store.queryJobs(page({ sort: { metric: 'testAcc' }, descending: false })))).toEqual([b, diverged, a, none, empty]);
    const byLoss = store.queryJobs(page({ sort: { metric: 'loss', order: 'min' } }));
    expect(byLoss.jobs.map((job) => [job.id, job.best])).toEqual([
      [b, 0.1],
      [a, 0.2],
      [none, null],
      [diverged, null], // its only loss is NaN
      [empty, null],
    ]);
    expect(ids(store.queryJobs(page({ sort: { metric: 'loss', order: 'max' } })))).toEqual([a, b, empty, diverged, none]);
    expect(store.queryJobs(page({ sort: { metric: 'testAcc' }, text: 'optimizer', limit: 1 }))).toMatchObject({
      total: 5,
      jobs: [{ id: a }],
    });
    // Any metric name but one with a double quote: the JSON path quotes it.
    const dotted = addJob(store, clock, { runs: [{ label: 'x', final: { 'val.acc': 0.5, 'val acc': 0.7 } }] });
    expect(store.queryJobs(page({ sort: { metric: 'val.acc' }, limit: 1 })).jobs).toMatchObject([{ id: dotted, best: 0.5 }]);
    expect(store.queryJobs(page({ sort: { metric: 'val acc' }, limit: 1 })).jobs).toMatchObject([{ id: dotted, best: 0.7 }]);
    expect(store.queryJobs(page()).jobs[0].best).toBeUndefined(); // only set when sorting by a metric
    store.close();
  });

  it('refuse a bad page, sort or search text', () => {
    const { store } = freshStore();
    expect(() => store.queryJobs(page({ limit: -1 }))).toThrow(RangeError);
    expect(() => store.queryJobs(page({ limit: 10_001 }))).toThrow('limit must be a whole number from 0 to 10000, got 10001');
    expect(() => store.queryJobs(page({ offset: 1.5 }))).toThrow('offset must be a non-negative integer, got 1.5');
    expect(() => store.queryJobs(page({ sort: 'size' as 'name' }))).toThrow(
      `unknown sort "size": use 'created', 'duration', 'name' or { metric }`,
    );
    expect(() => store.queryJobs(page({ sort: { metric: 'a"b' } }))).toThrow('cannot sort by "a\\"b": not a metric name');
    expect(() => store.queryJobs(page({ sort: { metric: 'loss', order: 'mean' as 'min' } }))).toThrow(
      `sort order must be 'max' or 'min', got "mean"`,
    );
    expect(() => store.queryJobs(page({ text: 'x'.repeat(201) }))).toThrow('the search text has at most 200 characters (got 201)');
    expect(() => store.queryRuns({ jobIds: [1, 'two' as unknown as number], limit: 10, offset: 0 })).toThrow(
      'jobIds must hold whole numbers, got "two"',
    );
    store.close();
  });

  it('list runs of any jobs for the compare picker: newest job first, then in job order, with their job', () => {
    const { store, clock } = freshStore();
    const older = addJob(store, clock, {
      name: 'first',
      experiment: 'dropout',
      runs: [
        { label: 'SGD', status: 'done' },
        { label: 'Adam', status: 'diverged' },
      ],
    });
    const newer = addJob(store, clock, {
      name: 'second',
      notes: 'with momentum',
      runs: [{ label: 'Adam', status: 'done' }, { label: 'Momentum', status: 'done' }, { label: 'SGD' }],
    });
    addJob(store, clock, { name: 'no runs' });
    const olderJob = store.getJob(older)!;
    const newerJob = store.getJob(newer)!;
    const all = store.queryRuns({ limit: 100, offset: 0 });
    expect(all.total).toBe(5);
    expect(all.runs.map((run) => [run.jobId, run.label])).toEqual([
      [newer, 'Adam'],
      [newer, 'Momentum'],
      [newer, 'SGD'],
      [older, 'SGD'],
      [older, 'Adam'],
    ]);
    expect(all.runs[3]).toEqual({
      ...olderJob.runs[0],
      jobName: 'first',
      experiment: 'dropout',
      jobCreatedAt: olderJob.createdAt,
      seed: olderJob.seed,
    });
    expect(all.runs[0]).toMatchObject({ ...newerJob.runs[0], jobName: 'second', experiment: 'optimizer-compare', seed: newerJob.seed });

    const labels = (query: Parameters<Store['queryRuns']>[0]) => store.queryRuns(query).runs.map((run) => `${run.jobName}/${run.label}`);
    expect(labels({ limit: 2, offset: 2 })).toEqual(['second/SGD', 'first/SGD']);
    expect(labels({ label: 'Adam', limit: 10, offset: 0 })).toEqual(['second/Adam', 'first/Adam']);
    expect(labels({ jobIds: [older], limit: 10, offset: 0 })).toEqual(['first/SGD', 'first/Adam']);
    expect(labels({ jobIds: [], limit: 10, offset: 0 })).toEqual([]);
    expect(labels({ experiment: 'dropout', status: 'diverged', limit: 10, offset: 0 })).toEqual(['first/Adam']);
    expect(labels({ status: 'queued', limit: 10, offset: 0 })).toEqual(['second/SGD']);
    // Text: the run's label, or its job's name, notes, tags or experiment id.
    expect(labels({ text: 'MOMENTUM', limit: 10, offset: 0 })).toEqual(['second/Adam', 'second/Momentum', 'second/SGD']);
    expect(labels({ text: 'sgd', limit: 10, offset: 0 })).toEqual(['second/SGD', 'first/SGD']);
    expect(labels({ text: 'first', label: 'SGD', limit: 10, offset: 0 })).toEqual(['first/SGD']);
    expect(store.queryRuns({ text: 'adam', limit: 1, offset: 0 })).toMatchObject({ total: 2, runs: [{ label: 'Adam', jobId: newer }] });
    store.close();
  });

  it('fetch picked runs in the order picked, skipping missing and repeated ids', () => {
    const { store, clock } = freshStore();
    const a = addJob(store, clock, { runs: [{ label: 'a0' }, { label: 'a1' }] });
    const b = addJob(store, clock, { experiment: 'dropout', runs: [{ label: 'b0' }] });
    const [a0, a1] = store.getJob(a)!.runs.map((run) => run.id);
    const [b0] = store.getJob(b)!.runs.map((run) => run.id);
    expect(store.getRuns([b0, a1, 9999, a0, b0]).map((run) => [run.id, run.label, run.experiment])).toEqual([
      [b0, 'b0', 'dropout'],
      [a1, 'a1', 'optimizer-compare'],
      [a0, 'a0', 'optimizer-compare'],
    ]);
    expect(store.getRuns([])).toEqual([]);
    store.close();
  });
});

describe('history query plans', () => {
  /** The plan's steps at the top level (not those of the per-row subqueries). */
  function topLevelPlan(db: Database, sql: HistorySql, statement: 'page' | 'count'): string[] {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql[statement]}`).all({ ...sql.params, limit: 50, offset: 0 }) as {
      parent: number;
      detail: string;
    }[];
    return rows.filter((row) => row.parent === 0).map((row) => row.detail);
  }

  it('the history list — newest first, by experiment and/or status — and the run picker walk indexes: no full scan, no sort', () => {
    const { store, file, clock } = freshStore();
    const experiments = [
      'optimizer-compare',
      'dropout',
      'batchnorm-compare',
      'weight-init-compare',
      'overfit-weight-decay',
      'hyperparameter-search',
    ];
    const statuses: FinishedJobStatus[] = ['done', 'done', 'done', 'failed', 'cancelled'];
    for (let i = 0; i < 300; i++) {
      addJob(store, clock, {
        experiment: experiments[i % experiments.length],
        durationMs: 1000,
        status: statuses[i % statuses.length],
        runs: Array.from({ length: 5 }, (_, r) => ({ label: `run ${r}`, status: 'done' })),
      });
    }
    store.close(); // runs PRAGMA optimize, as the app does
    const db = openDatabase(file, { readonly: true });
    registerHistoryFunctions(db);
    try {
      const usesIndex = (step: string) => /^(SCAN|SEARCH) jobs USING (COVERING )?INDEX jobs_by_(created|experiment|status)\b/.test(step);
      for (const filter of [
        {},
        { experiment: 'dropout' },
        { status: 'failed' as const },
        { experiment: 'dropout', status: 'done' as const },
      ]) {
        for (const descending of [true, false]) {
          const sql = jobsSql({ ...filter, descending });
          const steps = topLevelPlan(db, sql, 'page');
          expect(steps.some(usesIndex), `${JSON.stringify(filter)}: ${steps.join(' | ')}`).toBe(true);
          expect(
            steps.filter((step) => step === 'SCAN jobs' || step.includes('TEMP B-TREE')),
            steps.join(' | '),
          ).toEqual([]);
          const count = topLevelPlan(db, sql, 'count');
          expect(count.some(usesIndex), `count ${JSON.stringify(filter)}: ${count.join(' | ')}`).toBe(true);
        }
      }
      for (const filter of [{}, { experiment: 'dropout' }]) {
        const steps = topLevelPlan(db, runsSql(filter), 'page');
        expect(steps[0], steps.join(' | ')).toMatch(/^(SCAN|SEARCH) jobs USING (COVERING )?INDEX jobs_by_(created|experiment)\b/);
        expect(steps[1], steps.join(' | ')).toBe('SEARCH runs USING INDEX runs_by_job (job_id=?)');
        expect(steps.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
      }
    } finally {
      db.close();
    }
  });

  it("a listed job's runs are counted through the covering status index, and its final ranges read only runs that have finals", () => {
    const { store, file, clock } = freshStore();
    for (let i = 0; i < 20; i++) {
      addJob(store, clock, {
        experiment: 'hyperparameter-search',
        durationMs: 1000,
        status: 'cancelled',
        runs: Array.from({ length: 20 }, (_, r) => ({ label: `trial ${r}`, status: r < 3 ? 'done' : 'cancelled' })),
      });
    }
    store.close();
    const db = openDatabase(file, { readonly: true });
    registerHistoryFunctions(db);
    try {
      const plan = (sql: string, params: object) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail);
      const list = plan(jobsSql({}).page, { ...jobsSql({}).params, limit: 50, offset: 0 });
      expect(list, list.join(' | ')).toContain('SEARCH runs USING COVERING INDEX runs_by_status (status=? AND job_id=?)');
      expect(
        list.filter((step) => step.startsWith('SEARCH runs USING INDEX runs_by_job')),
        list.join(' | '),
      ).toEqual([]);
      const finals = plan(JOB_FINAL_RANGES_SQL, { jobIds: '[1,2,3]' });
      expect(
        finals.some((step) => /^SEARCH runs USING INDEX runs_with_finals \(job_id=\?\)/.test(step)),
        finals.join(' | '),
      ).toBe(true);
    } finally {
      db.close();
    }
  });
});
