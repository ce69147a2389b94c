import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../store/store.ts';
import { useTempFolders } from '../store/test-helpers.ts';
import { CSV_HEADER, MissingRunsError, jobCsv, jobDocument, selectionCsv, selectionDocument } from './job-document.ts';
import { JobImportError, importJobDocument } from './job-import.ts';

const tempFolder = useTempFolders();

function freshStore(): { store: Store; clock: { now: number } } {
  const clock = { now: 1_700_000_000_000 };
  return { store: openStore(join(tempFolder(), 'lab.sqlite'), { now: () => clock.now }), clock };
}

/** Two jobs of different experiments, with curves; returns their ids and their runs' ids. */
function twoJobs(store: Store, clock: { now: number }) {
  const {
    jobId: first,
    runIds: [sgd, adam],
  } = store.createJob({ experiment: 'optimizer-compare', params: { iterations: 3 }, seed: 11, name: 'optimizers' }, [
    { label: 'SGD', params: { optimizer: 'sgd' } },
    { label: 'Adam, "β1=0.9"', params: { optimizer: 'adam' } },
  ]);
  store.writeProgress([
    {
      runId: sgd,
      status: 'done',
      final: { loss: 0.5 },
      curves: [{ metric: 'loss', xKind: 'iteration', points: Float32Array.from([2.5, 1.5, 0.5]) }],
    },
    {
      runId: adam,
      status: 'diverged',
      problem: { code: 'diverged', iteration: 2, loss: null },
      final: { loss: NaN },
      curves: [{ metric: 'loss', xKind: 'iteration', points: Float32Array.from([2, NaN]) }],
    },
  ]);
  store.finishJob(first, 'done');
  clock.now += 1000;
  const {
    jobId: second,
    runIds: [drop],
  } = store.createJob({ experiment: 'dropout', params: { epochs: 2 }, seed: 12 }, [
    { label: 'dropout 0.2', params: { dropoutRatio: 0.2 } },
  ]);
  store.writeProgress([
    {
      runId: drop,
      status: 'done',
      final: { testAcc: 0.75 },
      curves: [
        { metric: 'testAcc', xKind: 'epoch', points: Float32Array.from([0.5, 0.75]) },
        { metric: 'trainAcc', xKind: 'epoch', points: Float32Array.from([0.625, 0.875]) },
      ],
    },
  ]);
  store.finishJob(second, 'done');
  return { first, second, sgd, adam, drop };
}

describe('job and selection documents', () => {
  it('a job document holds the job, its runs in order and their curves, non-finite points as null', () => {
    const { store, clock } = freshStore();
    const { first } = twoJobs(store, clock);
    const doc = jobDocument(store, first)!;
    expect(doc).toMatchObject({
      format: 'dl-lab-job',
      version: 2,
      jobId: first,
      experiment: 'optimizer-compare',
      name: 'optimizers',
      seed: 11,
      status: 'done',
      problem: null,
    });
    expect(doc.runs.map((run) => [run.index, run.label, run.status, run.problem, run.curves, run.xKinds])).toEqual([
      [0, 'SGD', 'done', null, { loss: [2.5, 1.5, 0.5] }, { loss: 'iteration' }],
      [1, 'Adam, "β1=0.9"', 'diverged', { code: 'diverged', iteration: 2, loss: null }, { loss: [2, null] }, { loss: 'iteration' }],
    ]);
    expect(jobDocument(store, 9999)).toBeNull();
    store.close();
  });

  it('the job CSV is long format, one row per point, labels with commas and quotes quoted, gaps empty', () => {
    const { store, clock } = freshStore();
    const { first } = twoJobs(store, clock);
    expect(jobCsv(jobDocument(store, first)!)).toBe(
      [
        'job_id,run_index,label,metric,x_kind,x,value',
        `${first},0,SGD,loss,iteration,0,2.5`,
        `${first},0,SGD,loss,iteration,1,1.5`,
        `${first},0,SGD,loss,iteration,2,0.5`,
        `${first},1,"Adam, ""β1=0.9""",loss,iteration,0,2`,
        `${first},1,"Adam, ""β1=0.9""",loss,iteration,1,`,
        '',
      ].join('\n'),
    );
    store.close();
  });

  it('a selection holds runs picked from several jobs in the order picked, each with its job’s id, experiment, name, seed and params', () => {
    const { store, clock } = freshStore();
    const { first, second, sgd, adam, drop } = twoJobs(store, clock);
    const doc = selectionDocument(store, [drop, sgd, drop, adam]);
    expect(doc.format).toBe('dl-lab-selection');
    expect(doc.version).toBe(2);
    expect(doc.runs.map((run) => [run.jobId, run.experiment, run.jobName, run.seed, run.jobParams, run.index, run.label])).toEqual([
      [second, 'dropout', '', 12, { epochs: 2 }, 0, 'dropout 0.2'],
      [first, 'optimizer-compare', 'optimizers', 11, { iterations: 3 }, 0, 'SGD'],
      [first, 'optimizer-compare', 'optimizers', 11, { iterations: 3 }, 1, 'Adam, "β1=0.9"'],
    ]);
    // The same run record as in its job's document.
    const { jobId: _, experiment: _e, jobName: _n, seed: _s, jobParams: _p, ...ownRun } = doc.runs[2];
    expect(ownRun).toEqual(jobDocument(store, first)!.runs[1]);
    expect(selectionDocument(store, []).runs).toEqual([]);
    store.close();
  });

  it('the selection CSV has the job CSV’s header and columns, with each run’s own job id', () => {
    const { store, clock } = freshStore();
    const { first, second, sgd, drop } = twoJobs(store, clock);
    const csv = selectionCsv(selectionDocument(store, [drop, sgd]));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.slice(1)).toEqual([
      `${second},0,dropout 0.2,testAcc,epoch,0,0.5`,
      `${second},0,dropout 0.2,testAcc,epoch,1,0.75`,
      `${second},0,dropout 0.2,trainAcc,epoch,0,0.625`,
      `${second},0,dropout 0.2,trainAcc,epoch,1,0.875`,
      `${first},0,SGD,loss,iteration,0,2.5`,
      `${first},0,SGD,loss,iteration,1,1.5`,
      `${first},0,SGD,loss,iteration,2,0.5`,
    ]);
    // A whole job as a selection reads the same as the job's own CSV.
    const job = jobDocument(store, first)!;
    expect(
      selectionCsv(
        selectionDocument(
          store,
          store.getJob(first)!.runs.map((run) => run.id),
        ),
      ),
    ).toBe(jobCsv(job));
    store.close();
  });

  it('a selection naming deleted runs is refused, naming them; a selection export is not imported as a job', () => {
    const { store, clock } = freshStore();
    const { first, sgd, drop } = twoJobs(store, clock);
    const doc = selectionDocument(store, [sgd]);
    store.deleteJob(first);
    expect(() => selectionDocument(store, [drop, sgd, 4242])).toThrow(MissingRunsError);
    expect(() => selectionDocument(store, [drop, sgd, 4242])).toThrow(`cannot export the selection: runs ${sgd}, 4242 no longer exist`);
    expect(() => importJobDocument(store, JSON.parse(JSON.stringify(doc)))).toThrow(JobImportError);
    store.close();
  });
});
