// The history methods of the api.ts contract as the renderer calls them (through the same handlers
// the Electron IPC and the web test host use): argument checks, pages with final-metric ranges,
// curves for a comparison, annotations, exports and the import of an export. No workers start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LAB_METHODS } from '../../src-shared/channels.ts';
import { openStore, type Store } from '../store/store.ts';
import { useTempFolders } from '../store/test-helpers.ts';
import type { JobImport } from '../store/types.ts';
import { BadArgumentError, createLabHandlers, MAX_COMPARE_RUNS, reportingCleanly, type LabHandlers } from './api-handlers.ts';
import { StoreWriteError } from '../store/errors.ts';
import { CSV_HEADER } from './job-document.ts';
import { LabService } from './lab-service.ts';

const tempFolder = useTempFolders();
const services: LabService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

function lab(): { service: LabService; handlers: LabHandlers } {
  const service = new LabService({ dbPath: join(tempFolder(), 'lab.sqlite'), workers: 1 });
  services.push(service);
  const handlers = createLabHandlers(service, () => ({ name: 'DL Lab', version: 'test', versions: {}, dataDir: '' }));
  return { service, handlers };
}

/** Works on the service's database through a second connection (the service's store is its own; WAL lets both see every commit). */
function withStore<T>(service: LabService, use: (store: Store) => T): T {
  const store = openStore(service.dbPath);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** Writes a finished job into the service's database, as if it had run there; returns its id. */
const seed = (service: LabService, imported: JobImport): number => withStore(service, (store) => store.importJob(imported));

const T0 = 1_700_000_000_000;

/** A finished optimizer-compare job: one run per (optimizer, lr), a loss curve of `points` points each. */
function job(overrides: Partial<JobImport> & { lrs?: number[]; points?: number } = {}): JobImport {
  const { lrs = [0.001, 0.01], points = 5, ...rest } = overrides;
  return {
    experiment: 'optimizer-compare',
    name: '',
    params: { optimizers: ['Adam'], iterations: points, lrAdam: lrs[0] },
    seed: 7,
    status: 'done',
    problem: null,
    createdAt: T0,
    startedAt: T0,
    finishedAt: T0 + 1000,
    durationMs: 1000,
    notes: '',
    tags: [],
    runs: lrs.map((lr, idx) => ({
      idx,
      label: 'Adam',
      params: { optimizer: 'Adam', lr, init: 'he' },
      status: 'done' as const,
      problem: null,
      final: { loss: 1 / (idx + 2), testAcc: 0.5 + idx / 10 },
      startedAt: T0,
      finishedAt: T0 + 1000,
      curves: [
        { metric: 'loss', xKind: 'iteration' as const, points: Float32Array.from({ length: points }, (_, i) => 2.3 / (i + 1 + idx)) },
      ],
    })),
    ...rest,
  };
}

async function rejects(call: Promise<unknown>, message: RegExp): Promise<void> {
  await expect(call).rejects.toBeInstanceOf(BadArgumentError);
  await expect(call).rejects.toThrow(message);
}

describe('history methods of the contract', () => {
  it('every method is carried by the preload', () => {
    const preload = readFileSync(join(import.meta.dirname, '../electron/preload.ts'), 'utf8');
    for (const method of LAB_METHODS) {
      expect(preload, `preload.ts carries ${method}`).toContain(`channelOf('${method}')`);
    }
    // The web host's bridge is checked where it is served (web-host/web-host.test.ts).
  });

  it('queryJobs pages the history with each job’s final-metric ranges, and refuses bad queries', async () => {
    const { service, handlers } = lab();
    const a = seed(service, job({ name: 'first', createdAt: T0 }));
    const b = seed(service, job({ name: 'second', createdAt: T0 + 1, lrs: [0.1], tags: ['adam'] }));
    const none = seed(service, job({ name: 'empty', createdAt: T0 + 2, lrs: [] }));

    const page = await handlers.queryJobs({ limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.jobs.map((j) => j.id)).toEqual([none, b]);
    expect(page.jobs[0].finals).toEqual({});
    expect(page.jobs[1].finals).toEqual({ loss: { min: 0.5, max: 0.5 }, testAcc: { min: 0.5, max: 0.5 } });
    const byLoss = await handlers.queryJobs({ sort: { metric: 'loss', order: 'min' }, limit: 10 });
    expect(byLoss.jobs.map((j) => [j.id, j.best])).toEqual([
      [a, 1 / 3],
      [b, 0.5],
      [none, null],
    ]);
    expect(byLoss.jobs[0].finals.loss).toEqual({ min: 1 / 3, max: 0.5 });
    expect((await handlers.queryJobs({ text: 'SECOND', experiment: 'optimizer-compare', status: 'done' })).jobs.map((j) => j.id)).toEqual([
      b,
    ]);

    await rejects(handlers.queryJobs({ limit: 0 }), /limit must be a whole number from 1 to 1000/);
    await rejects(handlers.queryJobs({ limit: 5000 }), /limit/);
    await rejects(handlers.queryJobs({ offset: -1 }), /offset/);
    await rejects(handlers.queryJobs({ sort: 'size' }), /sort must be/);
    await rejects(handlers.queryJobs({ sort: { metric: 'a"b' } }), /sort must be/);
    await rejects(handlers.queryJobs({ sort: { metric: 'loss', order: 'best' } }), /sort must be/);
    await rejects(handlers.queryJobs({ status: 'sleeping' }), /unknown status/);
    await rejects(handlers.queryJobs({ text: 'x'.repeat(201) }), /at most 200 characters/);
    await rejects(handlers.queryJobs({ orderBy: 'id; DROP TABLE jobs' }), /bad query field "orderBy"/);
    await rejects(handlers.queryJobs('everything'), /query must be an object/);
  });

  it('queryRuns finds runs across jobs, and refuses bad queries', async () => {
    const { service, handlers } = lab();
    const a = seed(service, job({ createdAt: T0 }));
    const b = seed(service, job({ createdAt: T0 + 1, lrs: [0.1] }));
    const page = await handlers.queryRuns({ label: 'Adam', limit: 10 });
    expect(page.total).toBe(3);
    expect(page.runs.map((r) => [r.jobId, r.params.lr])).toEqual([
      [b, 0.1],
      [a, 0.001],
      [a, 0.01],
    ]);
    expect((await handlers.queryRuns({ jobIds: [a], limit: 1, offset: 1 })).runs.map((r) => r.params.lr)).toEqual([0.01]);
    await rejects(handlers.queryRuns({ jobIds: [0] }), /jobIds must be a list/);
    await rejects(handlers.queryRuns({ jobIds: 'all' }), /jobIds must be a list/);
    await rejects(handlers.queryRuns({ status: 'lost' }), /unknown status/);
    await rejects(handlers.queryRuns({ where: '1' }), /bad query field/);
  });

  it('getRuns gives runs of any jobs in the order asked, with their job’s params and their curves', async () => {
    const { service, handlers } = lab();
    const a = seed(service, job({ createdAt: T0 }));
    const b = seed(service, job({ createdAt: T0 + 1, lrs: [0.1], params: { optimizers: ['Adam'], iterations: 5, lrAdam: 0.1 } }));
    const [a0, a1] = service.getJob(a)!.runs.map((r) => r.id);
    const [b0] = service.getJob(b)!.runs.map((r) => r.id);
    const runs = await handlers.getRuns([b0, a1, 9999, a0, b0]);
    expect(runs.map((r) => r.id)).toEqual([b0, a1, a0]);
    expect(runs[0]).toMatchObject({
      jobId: b,
      label: 'Adam',
      params: { lr: 0.1 },
      jobParams: { lrAdam: 0.1 },
      experiment: 'optimizer-compare',
      seed: 7,
    });
    expect(runs[1].curves).toHaveLength(1);
    expect(runs[1].curves[0]).toMatchObject({ metric: 'loss', xKind: 'iteration' });
    expect(runs[1].curves[0].points).toEqual(Array.from(Float32Array.from({ length: 5 }, (_, i) => 2.3 / (i + 2))));
    expect(await handlers.getRuns([])).toEqual([]);
    await rejects(handlers.getRuns(Array.from({ length: MAX_COMPARE_RUNS + 1 }, (_, i) => i + 1)), /at most 200 ids/);
    await rejects(handlers.getRuns([1.5]), /runIds must be a list/);
  });

  it('notes and tags are stored as the store normalizes them; what the store refuses comes back with its reason', async () => {
    const { service, handlers } = lab();
    const id = seed(service, job());
    expect(await handlers.setJobNotes(id, 'Adam at 0.01 wins.\nTry 0.02.')).toBe(true);
    expect(await handlers.setJobTags(id, [' ch6 ', 'CH6', '최적화', ''])).toBe(true);
    expect(service.jobRow(id)).toMatchObject({ notes: 'Adam at 0.01 wins.\nTry 0.02.', tags: ['ch6', '최적화'] });
    expect(await handlers.setJobNotes(9999, 'x')).toBe(false);
    await rejects(handlers.setJobTags(id, ['x'.repeat(41)]), /setJobTags: a tag has at most 40 characters/);
    await rejects(
      handlers.setJobTags(
        id,
        Array.from({ length: 21 }, (_, i) => `t${i}`),
      ),
      /at most 20 tags/,
    );
    await rejects(handlers.setJobTags(id, 'ch6'), /list of text/);
    await rejects(handlers.setJobNotes(id, 'x'.repeat(10_001)), /setJobNotes: job notes have at most 10,000 characters/);
    await rejects(handlers.setJobNotes(id, 42), /notes must be text/);
    expect(service.jobRow(id)).toMatchObject({ notes: 'Adam at 0.01 wins.\nTry 0.02.', tags: ['ch6', '최적화'] });
  });

  it('exports a job as CSV (one row per point) and as JSON that imports back as a new job with equal curves', async () => {
    const { service, handlers } = lab();
    const id = seed(service, job({ name: 'Adam, lr sweep / 한글', notes: 'n', tags: ['t'] }));
    const csv = (await handlers.exportJob(id, 'csv'))!;
    expect(csv.fileName).toBe(`dl-lab-job-${id}-optimizer-compare-Adam-lr-sweep-한글.csv`);
    expect(csv.mimeType).toBe('text/csv');
    const lines = csv.text.trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(1 + 2 * 5);
    expect(lines[1]).toBe(`${id},0,Adam,loss,iteration,0,${Math.fround(2.3)}`);

    const json = (await handlers.exportJob(id, 'json'))!;
    expect(json).toMatchObject({ fileName: `dl-lab-job-${id}-optimizer-compare-Adam-lr-sweep-한글.json`, mimeType: 'application/json' });
    const result = await handlers.importJob(json.text);
    expect(result.ok).toBe(true);
    const imported = result.ok ? result.jobId : 0;
    expect(imported).not.toBe(id);
    const curves = (jobId: number) =>
      withStore(service, (store) => store.getJobCurves(jobId).map((c) => [c.metric, c.xKind, Array.from(c.points)]));
    expect(curves(imported)).toEqual(curves(id));
    const reExported = (await handlers.exportJob(imported, 'csv'))!.text;
    expect(reExported.replaceAll(`\n${imported},`, `\n${id},`)).toBe(csv.text);
    expect(service.jobRow(imported)).toMatchObject({ name: 'Adam, lr sweep / 한글', notes: 'n', tags: ['t'], params: job().params });
    expect(service.jobRow(imported)!.importedAt).not.toBeNull();

    expect(await handlers.exportJob(9999, 'csv')).toBeNull();
    await rejects(handlers.exportJob(id, 'xlsx'), /format must be 'csv' or 'json'/);
  });

  it('refuses an import that is not ours, cut short or from a newer version, with a message, changing nothing', async () => {
    const { service, handlers } = lab();
    const id = seed(service, job());
    const good = (await handlers.exportJob(id, 'json'))!.text;
    const newer = JSON.stringify({ ...JSON.parse(good), version: 99 });
    const cases: [string, RegExp][] = [
      ['{"hello": "world"}', /not a DL Lab job export/],
      [good.slice(0, good.length / 2), /cut short/],
      [newer, /newer/i],
      ['', /empty/],
      ['<html></html>', /not valid JSON/],
    ];
    for (const [text, message] of cases) {
      const result = await handlers.importJob(text);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(message);
        expect(result.message).toMatch(/nothing was imported/);
      }
    }
    expect((await handlers.queryJobs({ limit: 10 })).total).toBe(1);
    await rejects(handlers.importJob({ format: 'dl-lab-job' }), /must arrive as text/);
  });

  it('exports a selection of runs from several jobs; a run gone meanwhile is named, not silently dropped', async () => {
    const { service, handlers } = lab();
    const a = seed(service, job({ createdAt: T0 }));
    const b = seed(service, job({ createdAt: T0 + 1, lrs: [0.1] }));
    const picked = [service.getJob(b)!.runs[0].id, service.getJob(a)!.runs[1].id];
    const csv = await handlers.exportSelection(picked, 'csv');
    expect(csv.fileName).toBe('dl-lab-selection-2-runs-2-jobs.csv');
    const lines = csv.text.trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(1 + 2 * 5);
    expect(lines[1].startsWith(`${b},0,Adam,loss,`)).toBe(true);
    expect(lines[6].startsWith(`${a},1,Adam,loss,`)).toBe(true);
    const json = JSON.parse((await handlers.exportSelection(picked, 'json')).text) as {
      format: string;
      runs: { jobId: number; jobParams: unknown }[];
    };
    expect(json.format).toBe('dl-lab-selection');
    expect(json.runs.map((r) => r.jobId)).toEqual([b, a]);
    expect(service.deleteJob(b)).toBe(true);
    await rejects(handlers.exportSelection(picked, 'csv'), new RegExp(`run ${picked[0]} no longer exists`));
    await rejects(handlers.exportSelection([], 'csv'), /list of 1 to 200 ids/);
  });
});

describe('store: final-metric ranges of jobs', () => {
  it('gives each job’s smallest and largest finite final per metric; non-finite finals are skipped', () => {
    const { service } = lab();
    const a = seed(service, job({ lrs: [0.001, 0.01, 0.1] }));
    const diverged = job({ lrs: [1] });
    diverged.runs = [{ ...diverged.runs[0], status: 'diverged', final: { loss: NaN, testAcc: 0.1 } }];
    const d = seed(service, diverged);
    const empty = seed(service, job({ lrs: [] }));
    const ranges = withStore(service, (store) => store.jobFinalRanges([a, d, empty, 9999]));
    expect(ranges.get(a)).toEqual({ loss: { min: 0.25, max: 0.5 }, testAcc: { min: 0.5, max: 0.7 } });
    expect(ranges.get(d)).toEqual({ testAcc: { min: 0.1, max: 0.1 } });
    expect(ranges.has(empty)).toBe(false);
    expect(withStore(service, (store) => store.jobFinalRanges([])).size).toBe(0);
  });
});

describe('errors the handlers report', () => {
  it('carry no stack trace, file path or internal text to the screen', async () => {
    const failing = (error: unknown) =>
      reportingCleanly({ listJobs: async () => Promise.reject(error) } as unknown as LabHandlers).listJobs() as Promise<unknown>;
    const internal = new TypeError("Cannot read properties of undefined (reading 'x')");
    internal.stack = `${internal.message}\n    at LabService.listJobs (/home/kim/dl-lab/src-main/lab/lab-service.ts:12:3)`;
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(failing(internal)).rejects.toThrow(
        /^listJobs: the lab could not do this \(an internal error; the details are in the log\)$/,
      );
      await expect(failing(new Error('SQLITE_ERROR: no such column: x in SELECT * FROM jobs'))).rejects.not.toThrow(/SELECT|SQLITE/);
    } finally {
      spy.mockRestore();
    }
    const readonly = failing(new StoreWriteError('/home/kim/.config/dl-lab/lab.sqlite', 'readonly'));
    await expect(readonly).rejects.toBeInstanceOf(BadArgumentError);
    await expect(readonly).rejects.toThrow(/^listJobs: the database refused the change: the database is read-only here/);
    await expect(failing(new StoreWriteError('/home/kim/lab.sqlite', 'full'))).rejects.not.toThrow(/home|sqlite/);
    await expect(failing(new BadArgumentError('importJob: cannot open /tmp/a/b.json'))).rejects.toThrow(/^importJob: cannot open …$/);
  });
});
