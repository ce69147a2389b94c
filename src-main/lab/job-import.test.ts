import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/sqlite.ts';
import { openStore, type Store } from '../store/store.ts';
import { bitsOf, useTempFolders } from '../store/test-helpers.ts';
import type { JobImport } from '../store/types.ts';
import { jobDocument, type JobDocument } from './job-document.ts';
import {
  IMPORT_LIMITS,
  JobImportError,
  importJobDocument,
  importJobDocumentFile,
  importJobDocumentText,
  parseJobDocumentText,
  readJobDocument,
} from './job-import.ts';

const tempFolder = useTempFolders();

function freshStore(): { store: Store; file: string; clock: { now: number } } {
  const file = join(tempFolder(), 'lab.sqlite');
  const clock = { now: 1_700_000_000_000 };
  return { store: openStore(file, { now: () => clock.now }), file, clock };
}

function countRows(file: string): { jobs: number; runs: number; curves: number } {
  const db = openDatabase(file, { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { jobs: count('jobs'), runs: count('runs'), curves: count('curves') };
  } finally {
    db.close();
  }
}

const f32 = (values: number[]): Float32Array => Float32Array.from(values);
const LOSS = f32([2.302585, 1.5, 0.1, 1e-45, 3.4028234663852886e38, -2.5, NaN, Infinity, -Infinity, 1 / 3]);

/** A finished optimizer-compare job as the run manager leaves it: statuses, finals, curves, notes, tags. */
function trainedJob(store: Store, clock: { now: number }): number {
  const {
    jobId,
    runIds: [sgd, adam, failed],
  } = store.createJob(
    {
      experiment: 'optimizer-compare',
      params: { iterations: 10, optimizers: ['SGD', 'Adam'], hiddenSizes: [100, 100], lr: 0.01 },
      seed: 42,
      name: 'SGD vs Adam, "quoted", 한글',
    },
    [
      { label: 'SGD', params: { optimizer: 'sgd', lr: 0.01 } },
      { label: 'Adam, β=0.9', params: { optimizer: 'adam', lr: 0.001, betas: [0.9, 0.999] } },
      { label: 'AdaGrad', params: { optimizer: 'adagrad' } },
    ],
  );
  store.writeProgress([
    { runId: sgd, status: 'running', curves: [] },
    { runId: adam, status: 'running', curves: [] },
  ]);
  clock.now += 2500;
  store.writeProgress([
    { runId: sgd, status: 'done', final: { loss: 0.25, trainAcc: 0.93 }, curves: [{ metric: 'loss', xKind: 'iteration', points: LOSS }] },
    {
      runId: adam,
      status: 'diverged',
      problem: { code: 'diverged', iteration: 7, loss: null },
      final: { loss: NaN, trainAcc: 0.1135 },
      curves: [
        { metric: 'loss', xKind: 'iteration', points: f32([2.3, 1.1, NaN]) },
        { metric: 'empty', xKind: 'step', points: new Float32Array(0) },
      ],
    },
    { runId: failed, status: 'failed', problem: { code: 'error', message: 'worker crashed: "out of memory", 한글' }, curves: [] },
  ]);
  store.setJobNotes(jobId, 'Adam diverged with lr=0.1.\nTry 0.001.');
  store.setJobTags(jobId, ['ch6', '최적화']);
  store.finishJob(jobId, 'done');
  return jobId;
}

/** The document as it travels: through JSON text and back. */
const viaJson = (doc: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;

/** What a reader sees of a curve value: non-finite ones are gaps; -0 is written "0" by JSON.stringify. */
const expectedAfterJson = (points: Float32Array): Float32Array => points.map((v) => (Number.isFinite(v) ? v + 0 : NaN));

describe('job import', () => {
  it('export → JSON → import gives the same job as new rows: curves bit for bit, params, labels, statuses, finals', () => {
    const { store, clock } = freshStore();
    const original = trainedJob(store, clock);
    const exported = jobDocument(store, original)!;
    clock.now += 60_000;
    const { jobId } = importJobDocumentText(store, JSON.stringify(exported, null, 1));
    expect(jobId).not.toBe(original);
    const reExported = jobDocument(store, jobId)!;
    expect(viaJson({ ...reExported, jobId: 0 })).toEqual(viaJson({ ...exported, jobId: 0 }));

    const before = store.getJob(original)!;
    const after = store.getJob(jobId)!;
    const { id: _a, importedAt: _b, runs: runsBefore, ...jobBefore } = before;
    const { id: _c, importedAt, runs: runsAfter, ...jobAfter } = after;
    expect(jobAfter).toEqual(jobBefore); // createdAt, startedAt, finishedAt, durationMs, seed, notes, tags…
    expect(importedAt).toBe(clock.now);
    expect(before.importedAt).toBeNull();
    expect(runsAfter.map(({ id: _id, jobId: _j, ...run }) => run)).toEqual(runsBefore.map(({ id: _id, jobId: _j, ...run }) => run));
    expect(runsAfter.map((run) => run.status)).toEqual(['done', 'diverged', 'failed']);
    expect(runsAfter.map((run) => run.problem)).toEqual([
      null,
      { code: 'diverged', iteration: 7, loss: null },
      { code: 'error', message: 'worker crashed: "out of memory", 한글' },
    ]);
    expect(runsAfter[1].final).toEqual({ loss: NaN, trainAcc: 0.1135 });

    const curvesBefore = store.getJobCurves(original);
    const curvesAfter = store.getJobCurves(jobId);
    expect(curvesAfter.map((c) => [c.metric, c.xKind, c.points.length])).toEqual(
      curvesBefore.map((c) => [c.metric, c.xKind, c.points.length]),
    );
    curvesAfter.forEach((curve, i) => expect(bitsOf(curve.points)).toEqual(bitsOf(expectedAfterJson(curvesBefore[i].points))));
    // Every finite float32 value, subnormals and the largest included, comes back with the same bits.
    const finite = (points: Float32Array) => bitsOf(points.filter(Number.isFinite));
    expect(finite(curvesAfter[0].points)).toEqual(finite(LOSS));
    store.close();
  });

  it('imports without clobbering: the document’s job id is ignored, each import is a new job, local jobs stay as they are', () => {
    const { store, file, clock } = freshStore();
    const local = trainedJob(store, clock);
    const doc = viaJson(jobDocument(store, local));
    const other = store.createJob({ experiment: 'dropout', params: { epochs: 3 }, seed: 9, name: 'mine' }, []).jobId;
    const localBefore = store.getJob(local);
    doc.jobId = other; // a classmate's job 2 is not my job 2
    doc.name = 'from a classmate';
    const first = importJobDocument(store, doc).jobId;
    const second = importJobDocument(store, doc).jobId;
    expect(new Set([local, other, first, second]).size).toBe(4);
    expect(store.getJob(other)).toMatchObject({
      name: 'mine',
      experiment: 'dropout',
      params: { epochs: 3 },
      status: 'running',
      importedAt: null,
    });
    expect(store.getJob(other)!.runs).toEqual([]);
    expect(store.getJob(local)).toEqual(localBefore);
    expect(store.getJob(second)).toMatchObject({ name: 'from a classmate', seed: 42 });
    expect(countRows(file)).toEqual({ jobs: 4, runs: 9, curves: 9 });
    store.close();
  });

  it('a job exported while it ran comes in interrupted, its unfinished runs too, and is not taken over at the next open', () => {
    const { store, file, clock } = freshStore();
    const {
      jobId,
      runIds: [done, running],
    } = store.createJob({ experiment: 'dropout', params: {}, seed: 1 }, [
      { label: 'a', params: {} },
      { label: 'b', params: {} },
      { label: 'c', params: {} },
    ]);
    store.writeProgress([{ runId: done, status: 'done', curves: [] }]);
    store.writeProgress([{ runId: running, status: 'running', curves: [{ metric: 'loss', xKind: 'iteration', points: f32([2.3, 2.2]) }] }]);
    clock.now += 1000;
    const imported = importJobDocument(store, viaJson(jobDocument(store, jobId))).jobId;
    expect(store.getJob(imported)).toMatchObject({ status: 'interrupted', finishedAt: null, durationMs: null });
    expect(store.getJob(imported)!.runs.map((run) => run.status)).toEqual(['done', 'interrupted', 'interrupted']);
    expect(store.getJob(jobId)!.status).toBe('running'); // the local one is untouched
    store.close();
    const reopened = openStore(file);
    expect(reopened.interruptedAtOpen).toEqual({ jobs: 1, runs: 2 }); // only the local leftover
    reopened.close();
  });

  it('still imports a version-1 export, its error texts read as problems', () => {
    const { store, clock } = freshStore();
    const doc = viaJson(jobDocument(store, trainedJob(store, clock)));
    const runs = doc.runs as Record<string, unknown>[];
    // Version 1 wrote `error` text where version 2 writes `problem` data.
    const v1 = {
      ...doc,
      version: 1,
      problem: undefined,
      error: '1 of 3 runs failed: worker crashed',
      runs: runs.map(({ problem: _, ...run }, i) => ({
        ...run,
        error: [
          null,
          'loss became NaN at iteration 7; training stopped (try a smaller learning rate)',
          'worker crashed\n  at train (worker.ts:1)',
        ][i],
      })),
    };
    const imported = store.getJob(importJobDocument(store, v1).jobId)!;
    expect(imported.problem).toEqual({ code: 'runs-failed', failed: 1, total: 3, first: { code: 'error', message: 'worker crashed' } });
    expect(imported.runs.map((run) => run.problem)).toEqual([
      null,
      { code: 'diverged', iteration: 7, loss: null },
      { code: 'error', message: 'worker crashed' },
    ]);
    // A version-1 document carries `error`, not `problem`.
    expect(() => importJobDocument(store, { ...v1, error: undefined, problem: null })).toThrow(
      'Cannot import: error is missing; nothing was imported.',
    );
    store.close();
  });

  it('takes each curve’s x axis from the document, else from the experiment’s declared curves', () => {
    const { store, clock } = freshStore();
    const jobId = trainedJob(store, clock);
    const doc = viaJson(jobDocument(store, jobId)) as unknown as JobDocument;
    doc.experiment = 'overfit-weight-decay'; // declares loss: iteration, trainAcc: epoch, testAcc: epoch
    doc.runs[0].xKinds = {};
    doc.runs[0].curves = { loss: [1, 2], testAcc: [0.5], custom: [3] };
    doc.runs[0].xKinds = { custom: 'bin', testAcc: 'step' };
    const imported = importJobDocument(store, doc).jobId;
    const run = store.getJob(imported)!.runs[0];
    expect(store.getCurves(run.id).map((c) => [c.metric, c.xKind])).toEqual([
      ['custom', 'bin'],
      ['loss', 'iteration'],
      ['testAcc', 'step'],
    ]);
    delete (doc.runs[0].xKinds as Record<string, string>).custom;
    expect(() => readJobDocument(doc)).toThrow(
      'Cannot import: runs[0].xKinds.custom is missing, and the experiment declares no curve of that name to take it from; nothing was imported.',
    );
    store.close();
  });

  it('keeps names, notes and tags as the user’s own are kept: trimmed, tags deduplicated', () => {
    const { store, clock } = freshStore();
    const doc = viaJson(jobDocument(store, trainedJob(store, clock)));
    Object.assign(doc, { name: '  spaced  ', tags: [' a ', 'A', '', 'b'], notes: '  as written\n' });
    const imported = store.getJob(importJobDocument(store, doc).jobId)!;
    expect(imported).toMatchObject({ name: 'spaced', tags: ['a', 'b'], notes: '  as written\n' });
    // An unnamed job stays unnamed: `importedAt` tells it apart, not a changed name.
    doc.name = '';
    expect(store.getJob(importJobDocument(store, doc).jobId)).toMatchObject({ name: '', importedAt: clock.now });
    store.close();
  });

  it('derives start and finish from creation time and duration when an older export lacks them', () => {
    const { store, clock } = freshStore();
    const doc = viaJson(jobDocument(store, trainedJob(store, clock)));
    const { startedAt, finishedAt, durationMs, createdAt } = doc as unknown as JobDocument;
    for (const run of (doc as unknown as JobDocument).runs) {
      delete (run as Partial<typeof run>).startedAt;
      delete (run as Partial<typeof run>).finishedAt;
    }
    delete doc.startedAt;
    delete doc.finishedAt;
    const imported = store.getJob(importJobDocument(store, doc).jobId)!;
    expect(imported).toMatchObject({ createdAt, startedAt, finishedAt, durationMs });
    expect(imported.startedAt).toBe(createdAt);
    expect(imported.finishedAt).toBe(createdAt + durationMs!);
    expect(imported.runs.map((run) => [run.startedAt, run.finishedAt])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    // Present but null is kept null (unknown), not derived.
    Object.assign(doc, { startedAt: null, finishedAt: null });
    expect(store.getJob(importJobDocument(store, doc).jobId)).toMatchObject({ createdAt, startedAt: null, finishedAt: null, durationMs });
    store.close();
  });
});

describe('job import refuses what is not a whole, valid DL Lab job export', () => {
  /** A valid export to break one field at a time. */
  function validDoc(): Record<string, unknown> {
    const { store, clock } = freshStore();
    const doc = viaJson(jobDocument(store, trainedJob(store, clock)));
    store.close();
    return doc;
  }
  const runsOf = (doc: Record<string, unknown>) => doc.runs as Record<string, unknown>[];

  const cases: [string, (doc: Record<string, unknown>) => unknown, string | RegExp][] = [
    ['null', () => null, 'this is not a DL Lab job export (expected a JSON object, found null)'],
    ['a list', () => [], 'this is not a DL Lab job export (expected a JSON object, found a list)'],
    [
      'another app’s JSON',
      () => ({ name: 'package', version: '1.0.0' }),
      'this is not a DL Lab job export (it has no "format": "dl-lab-job")',
    ],
    [
      'another format',
      (d) => ({ ...d, format: 'tensorboard' }),
      'this is not a DL Lab job export (its format is "tensorboard", expected "dl-lab-job")',
    ],
    [
      'a selection',
      (d) => ({ ...d, format: 'dl-lab-selection' }),
      'this is a DL Lab selection export (runs picked from several jobs); only job exports can be imported',
    ],
    ['no version', (d) => ({ ...d, version: undefined }), 'version is missing'],
    ['a text version', (d) => ({ ...d, version: '1' }), 'version is not a number (found "1")'],
    ['version 0', (d) => ({ ...d, version: 0 }), 'version 0 is not a format version of DL Lab'],
    ['an unknown experiment', (d) => ({ ...d, experiment: 'gan' }), 'experiment "gan" is not an experiment of this version of DL Lab'],
    [
      'an inherited experiment name',
      (d) => ({ ...d, experiment: 'toString' }),
      'experiment "toString" is not an experiment of this version of DL Lab',
    ],
    ['params as a list', (d) => ({ ...d, params: [1] }), 'params is not an object (found a list)'],
    [
      'params too deep',
      (d) => ({ ...d, params: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) }),
      /^params(\.a)+ is nested too deeply/,
    ],
    ['a fractional seed', (d) => ({ ...d, seed: 1.5 }), 'seed is not a whole number that fits exactly (found 1.5)'],
    ['an unsafe seed', (d) => ({ ...d, seed: 2 ** 53 }), 'seed is not a whole number that fits exactly (found 9007199254740992)'],
    ['a negative seed', (d) => ({ ...d, seed: -1 }), 'seed is out of range (found -1, expected 0 to 9007199254740991)'],
    [
      'an unknown status',
      (d) => ({ ...d, status: 'paused' }),
      'status is not one of queued, running, done, cancelled, failed, interrupted (found "paused")',
    ],
    ['a missing name', (d) => ({ ...d, name: undefined }), 'name is missing'],
    ['a long name', (d) => ({ ...d, name: 'n'.repeat(201) }), 'name is too long for a job name (201 characters, at most 200)'],
    ['long notes', (d) => ({ ...d, notes: 'n'.repeat(10_001) }), 'notes are too long (10001 characters, at most 10000)'],
    ['a long tag', (d) => ({ ...d, tags: ['ok', 't'.repeat(41)] }), 'tags[1] is too long for a tag (41 characters, at most 40)'],
    [
      '21 tags',
      (d) => ({ ...d, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }),
      'tags lists 21 different tags; a job has at most 20',
    ],
    ['a tag that is not text', (d) => ({ ...d, tags: ['ok', 7] }), 'tags[1] is not text (found 7)'],
    // Timestamps stop where a JavaScript Date does (8.64e15 ms).
    ['a negative creation time', (d) => ({ ...d, createdAt: -5 }), 'createdAt is out of range (found -5, expected 0 to 8640000000000000)'],
    ['a text duration', (d) => ({ ...d, durationMs: '3s' }), 'durationMs is not a number (found "3s")'],
    ['runs as an object', (d) => ({ ...d, runs: {} }), 'runs is not a list (found an object)'],
    [
      'a run that is not an object',
      (d) => ({ ...d, runs: [runsOf(d)[0], 'run'] }),
      'runs[1] is not a run (expected an object, found "run")',
    ],
    ['a run without a label', (d) => ((runsOf(d)[2].label = undefined), d), 'runs[2].label is missing'],
    ['a numeric label', (d) => ((runsOf(d)[1].label = 5), d), 'runs[1].label is not text (found 5)'],
    [
      'an unknown run status',
      (d) => ((runsOf(d)[0].status = 'exploded'), d),
      /^runs\[0\]\.status is not one of queued, running, done, cancelled, failed, diverged, interrupted/,
    ],
    [
      'a repeated run index',
      (d) => ((runsOf(d)[2].index = 0), d),
      "runs[2].index is 0, as is runs[0].index: a job's runs have distinct indexes",
    ],
    ['a text final', (d) => ((runsOf(d)[0].final = { loss: 'low' }), d), 'runs[0].final.loss is not a number (found "low")'],
    [
      'a run problem as text',
      (d) => ((runsOf(d)[1].problem = 'loss became NaN'), d),
      'runs[1].problem is not a run problem DL Lab knows (found "loss became NaN")',
    ],
    [
      'an unknown run problem',
      (d) => ((runsOf(d)[1].problem = { code: 'exploded' }), d),
      'runs[1].problem is not a run problem DL Lab knows (found an object)',
    ],
    ['a run without its problem', (d) => ((runsOf(d)[0].problem = undefined), d), 'runs[0].problem is missing'],
    [
      'an unknown job problem',
      (d) => ({ ...d, problem: { code: 'runs-failed', failed: 'one' } }),
      'problem is not a job problem DL Lab knows (found an object)',
    ],
    [
      'a text point',
      (d) => {
        const runs: Record<string, unknown>[] = [runsOf(d)[0], runsOf(d)[0], runsOf(d)[0], structuredClone(runsOf(d)[0])].map(
          (run, index) => ({ ...run, index }),
        );
        (runs[3].curves as Record<string, unknown[]>).loss = Array.from({ length: 20 }, (_, i) => (i === 17 ? 'abc' : i));
        return { ...d, runs };
      },
      'runs[3].curves.loss[17] is not a number (found "abc")',
    ],
    ['a curve that is not a list', (d) => ((runsOf(d)[0].curves = { loss: 'x' }), d), 'runs[0].curves.loss is not a list (found "x")'],
    ['a hole in a curve', (d) => ((runsOf(d)[0].curves = { loss: [1, , 3] }), d), 'runs[0].curves.loss[1] is not a number (found nothing)'],
    [
      'an unknown x kind',
      (d) => ((runsOf(d)[0].xKinds = { loss: 'minute' }), d),
      'runs[0].xKinds.loss is not one of iteration, epoch, step, bin (found "minute")',
    ],
    [
      'an x kind without its curve',
      (d) => ((runsOf(d)[0].xKinds = { loss: 'iteration', lost: 'epoch' }), d),
      'runs[0].xKinds.lost names no curve of this run',
    ],
    [
      'an odd metric name',
      (d) => ((runsOf(d)[0].curves = { 'val acc': [1, 'x'] }), d),
      'runs[0].curves["val acc"][1] is not a number (found "x")',
    ],
    [
      'an empty metric name',
      (d) => ((runsOf(d)[0].curves = { '': [1] }), d),
      'runs[0].curves[""] is not a metric name (1 to 100 characters)',
    ],
    [
      'a curve over 1,000,000 points',
      (d) => ((runsOf(d)[0].curves = { loss: new Array(IMPORT_LIMITS.pointsPerCurve + 1).fill(0) }), d),
      'runs[0].curves.loss has 1,000,001 points, more than the 1,000,000 an import may hold',
    ],
    [
      'over 100,000 runs',
      (d) => ({ ...d, runs: new Array(IMPORT_LIMITS.runs + 1).fill(runsOf(d)[0]) }),
      'runs has 100,001 runs, more than the 100,000 an import may hold',
    ],
    [
      'over 5,000,000 points in all',
      (d) => {
        const curve = new Array(IMPORT_LIMITS.pointsPerCurve).fill(0.5);
        return { ...d, runs: Array.from({ length: 6 }, (_, index) => ({ ...runsOf(d)[0], index, curves: { loss: curve } })) };
      },
      'runs[5].curves.loss brings the points in this file past the 5,000,000 an import may hold',
    ],
    ['a Date for params', (d) => ({ ...d, params: { when: new Date(0) } }), 'params.when is not a JSON value (found an object)'],
    ['a NaN param', (d) => ({ ...d, params: { lr: NaN } }), 'params.lr is not a finite number (found NaN)'],
  ];

  it.each(cases)('refuses %s, naming the first problem, and writes nothing', (_, breakIt, problem) => {
    const { store, file, clock } = freshStore();
    trainedJob(store, clock);
    const rowsBefore = countRows(file);
    const input = breakIt(validDoc());
    let error: unknown;
    try {
      importJobDocument(store, input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JobImportError);
    const message = (error as Error).message;
    if (typeof problem === 'string') expect(message).toBe(`Cannot import: ${problem}; nothing was imported.`);
    else {
      expect(message.replace(/^Cannot import: /, '')).toMatch(problem);
      expect(message).toMatch(/; nothing was imported\.$/);
    }
    expect(countRows(file)).toEqual(rowsBefore);
    store.close();
  });

  it('refuses an export from a newer DL Lab, saying which version, and writes nothing', () => {
    const { store, file } = freshStore();
    const doc = { ...validDoc(), version: 3, somethingNew: { shape: 'unknown to us' } };
    expect(() => importJobDocument(store, doc)).toThrow(
      'Cannot import: this file was written by a newer version of DL Lab (format version 3, this version reads up to 2); ' +
        'nothing was imported. Update DL Lab to import it.',
    );
    expect(countRows(file)).toEqual({ jobs: 0, runs: 0, curves: 0 });
    store.close();
  });

  it('ignores fields it does not know in a document of a version it reads', () => {
    const { store } = freshStore();
    const doc: Record<string, unknown> = { ...validDoc(), comment: 'shared on the class forum' };
    (doc.runs as Record<string, unknown>[])[0].extra = true;
    expect(store.getJob(importJobDocument(store, doc).jobId)?.runs).toHaveLength(3);
    store.close();
  });

  it('refuses empty, truncated and non-JSON text clearly, and reads a file with a byte-order mark', () => {
    const { store, file } = freshStore();
    const text = JSON.stringify(validDoc());
    expect(() => parseJobDocumentText('')).toThrow('Cannot import: the file is empty; nothing was imported.');
    expect(() => parseJobDocumentText(' \n')).toThrow('Cannot import: the file is empty; nothing was imported.');
    expect(() => importJobDocumentText(store, text.slice(0, text.length / 2))).toThrow(
      /^Cannot import: the file is cut short — not a whole JSON document, perhaps an interrupted download \(.+\); nothing was imported\.$/,
    );
    // Wherever a download stops, it reads as cut short, not as some other file.
    for (let length = 1; length < text.length; length += 7) {
      expect(() => parseJobDocumentText(text.slice(0, length)), `cut at ${length}`).toThrow(/the file is cut short/);
    }
    expect(() => importJobDocumentText(store, `${text.slice(0, -1)}\n`)).toThrow(/the file is cut short/);
    expect(() => importJobDocumentText(store, 'job,run_index,label\n1,0,SGD')).toThrow(
      /^Cannot import: the file is not valid JSON, so not a DL Lab export \(.+\); nothing was imported\.$/,
    );
    expect(countRows(file)).toEqual({ jobs: 0, runs: 0, curves: 0 });
    const exportFile = join(tempFolder(), 'shared.json');
    writeFileSync(exportFile, `\uFEFF${text}`);
    expect(store.getJob(importJobDocumentFile(store, exportFile).jobId)?.runs).toHaveLength(3);
    expect(() => importJobDocumentFile(store, join(tempFolder(), 'missing.json'))).toThrow(
      /^Cannot import: the file .*missing\.json cannot be read \(ENOENT\)/,
    );
    store.close();
  });

  it('a write failing half way leaves nothing of the job: one transaction', () => {
    const { store, file, clock } = freshStore();
    trainedJob(store, clock);
    const before = countRows(file);
    const runs = Array.from({ length: 200 }, (_, idx) => ({
      idx,
      label: `run ${idx}`,
      params: {},
      status: 'done' as const,
      problem: null,
      final: {},
      startedAt: null,
      finishedAt: null,
      curves: [{ metric: 'loss', xKind: 'iteration' as const, points: f32([1, 2, 3]) }],
    }));
    const job: JobImport = {
      experiment: 'dropout',
      name: '',
      params: {},
      seed: 1,
      status: 'done',
      problem: null,
      createdAt: 0,
      startedAt: 0,
      finishedAt: 1,
      durationMs: 1,
      notes: '',
      tags: [],
      // The last curve breaks a CHECK constraint, after the job, 200 runs and 199 curves were written.
      runs: [...runs.slice(0, -1), { ...runs[199], curves: [{ metric: 'loss', xKind: 'minute' as 'bin', points: f32([1]) }] }],
    };
    expect(() => store.importJob(job)).toThrow(/CHECK constraint failed/);
    expect(countRows(file)).toEqual(before);
    expect(store.importJob({ ...job, runs })).toBeGreaterThan(0);
    expect(countRows(file)).toEqual({ jobs: before.jobs + 1, runs: before.runs + 200, curves: before.curves + 200 });
    store.close();
  });
});
