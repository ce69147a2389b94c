// Main's implementation of the api.ts methods over the lab service, shared by the Electron IPC and
// the web test host. Every argument arrives as `unknown` — it crossed a process boundary — and is
// checked here before the service sees it.
import type { AppInfo, ExperimentInfo, ExportFile, ExportFormat, HistoryPage, ImportResult, JobDetail, LabApi, LabMethod, RunWithCurves, StartJobResult } from '../api.ts';
import { InvalidRequestError, type LabService } from '../lab/lab-service.ts';
import { MissingRunsError, jobCsv, jobDocument, jsonNumber, selectionCsv, selectionDocument } from '../lab/job-document.ts';
import { IMPORT_LIMITS, JobImportError, importJobDocumentText } from '../lab/job-import.ts';
import { AnnotationError } from '../store/annotations.ts';
import { MAX_METRIC_NAME_LENGTH, MAX_SEARCH_LENGTH } from '../store/history-sql.ts';
import type { Store } from '../store/store.ts';
import { JOB_STATUSES, RUN_STATUSES, type JobQuery, type JobSort, type JobStatus, type JsonObject, type ListJobsQuery, type RunQuery, type RunStatus } from '../store/types.ts';

export type LabHandlers = {
  [M in LabMethod]: (...args: unknown[]) => ReturnType<LabApi[M]>;
};

/** A rejected argument: the message says which and why. */
export class BadArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadArgumentError';
  }
}

function jobIdOf(value: unknown, method: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new BadArgumentError(`${method}: job id must be a positive whole number`);
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listQueryOf(value: unknown): ListJobsQuery {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw new BadArgumentError('listJobs: query must be an object');
  const query: ListJobsQuery = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (key === 'experiment' && typeof v === 'string' && v.length <= 100) query.experiment = v;
    else if (key === 'status' && typeof v === 'string' && (JOB_STATUSES as readonly string[]).includes(v)) query.status = v as JobStatus;
    else if (key === 'limit' && Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 10_000) query.limit = v as number;
    else if (key === 'offset' && Number.isSafeInteger(v) && (v as number) >= 0) query.offset = v as number;
    else throw new BadArgumentError(`listJobs: bad query field ${JSON.stringify(key)}`);
  }
  return query;
}

/** Largest page the history and the run picker may ask for in one call. */
export const MAX_QUERY_PAGE = 1000;
/** Most runs one comparison (getRuns) or selection export may name. */
export const MAX_COMPARE_RUNS = 200;
/** Most jobs a run query may filter by. */
export const MAX_QUERY_JOB_IDS = 10_000;

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function pageOf(method: string, key: 'limit' | 'offset', v: unknown): number {
  if (key === 'limit' && isWhole(v) && v >= 1 && v <= MAX_QUERY_PAGE) return v;
  if (key === 'offset' && isWhole(v) && v >= 0) return v;
  throw new BadArgumentError(
    key === 'limit' ? `${method}: limit must be a whole number from 1 to ${MAX_QUERY_PAGE}` : `${method}: offset must be a whole number ≥ 0`,
  );
}

function shortText(method: string, key: string, v: unknown, max: number): string {
  if (typeof v !== 'string' || v.length > max) throw new BadArgumentError(`${method}: ${key} must be text of at most ${max} characters`);
  return v;
}

function sortOf(v: unknown): JobSort {
  if (v === 'created' || v === 'duration' || v === 'name') return v;
  if (isPlainObject(v)) {
    const { metric, order, ...rest } = v;
    const okMetric = typeof metric === 'string' && metric !== '' && metric.length <= MAX_METRIC_NAME_LENGTH && !metric.includes('"');
    if (okMetric && (order === undefined || order === 'max' || order === 'min') && Object.keys(rest).length === 0) {
      return order === undefined ? { metric } : { metric, order };
    }
  }
  throw new BadArgumentError(`queryJobs: sort must be 'created', 'duration', 'name' or { metric, order?: 'max' | 'min' }`);
}

function jobQueryOf(value: unknown): JobQuery {
  if (!isPlainObject(value)) throw new BadArgumentError('queryJobs: query must be an object');
  const query: JobQuery = { limit: 50, offset: 0 };
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (key === 'experiment') query.experiment = shortText('queryJobs', key, v, 100);
    else if (key === 'status') {
      if (!(JOB_STATUSES as readonly unknown[]).includes(v)) throw new BadArgumentError(`queryJobs: unknown status ${JSON.stringify(v)}`);
      query.status = v as JobStatus;
    } else if (key === 'text') query.text = shortText('queryJobs', key, v, MAX_SEARCH_LENGTH);
    else if (key === 'sort') query.sort = sortOf(v);
    else if (key === 'descending') {
      if (typeof v !== 'boolean') throw new BadArgumentError('queryJobs: descending must be true or false');
      query.descending = v;
    } else if (key === 'limit' || key === 'offset') query[key] = pageOf('queryJobs', key, v);
    else throw new BadArgumentError(`queryJobs: bad query field ${JSON.stringify(key)}`);
  }
  return query;
}

function idsOf(method: string, what: string, value: unknown, max: number, min = 0): number[] {
  if (!Array.isArray(value) || value.length < min || value.length > max || !value.every((id) => isWhole(id) && id >= 1)) {
    throw new BadArgumentError(`${method}: ${what} must be a list of ${min > 0 ? `${min} to ` : 'at most '}${max} ids (positive whole numbers)`);
  }
  return value as number[];
}

function runQueryOf(value: unknown): RunQuery {
  if (!isPlainObject(value)) throw new BadArgumentError('queryRuns: query must be an object');
  const query: RunQuery = { limit: 50, offset: 0 };
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (key === 'jobIds') query.jobIds = idsOf('queryRuns', 'jobIds', v, MAX_QUERY_JOB_IDS);
    else if (key === 'experiment') query.experiment = shortText('queryRuns', key, v, 100);
    else if (key === 'label') query.label = shortText('queryRuns', key, v, 1000);
    else if (key === 'status') {
      if (!(RUN_STATUSES as readonly unknown[]).includes(v)) throw new BadArgumentError(`queryRuns: unknown status ${JSON.stringify(v)}`);
      query.status = v as RunStatus;
    } else if (key === 'text') query.text = shortText('queryRuns', key, v, MAX_SEARCH_LENGTH);
    else if (key === 'limit' || key === 'offset') query[key] = pageOf('queryRuns', key, v);
    else throw new BadArgumentError(`queryRuns: bad query field ${JSON.stringify(key)}`);
  }
  return query;
}

function formatOf(method: string, value: unknown): ExportFormat {
  if (value !== 'csv' && value !== 'json') throw new BadArgumentError(`${method}: format must be 'csv' or 'json'`);
  return value;
}

/** A file name part from free text: letters and digits of any script kept, the rest dashes. */
function slug(text: string, max = 40): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

function exportFile(base: string, format: ExportFormat, text: string): ExportFile {
  return format === 'csv'
    ? { fileName: `${base}.csv`, mimeType: 'text/csv', text }
    : { fileName: `${base}.json`, mimeType: 'application/json', text };
}

/** A job as a file: the CSV or the JSON document `lab export` writes (the same bytes). */
export function exportJobFile(store: Store, jobId: number, format: ExportFormat): ExportFile | null {
  const doc = jobDocument(store, jobId);
  if (!doc) return null;
  const name = slug(doc.name);
  const base = `dl-lab-job-${doc.jobId}-${doc.experiment}${name ? `-${name}` : ''}`;
  return exportFile(base, format, format === 'csv' ? jobCsv(doc) : `${JSON.stringify(doc, null, 1)}\n`);
}

export function exportSelectionFile(store: Store, runIds: readonly number[], format: ExportFormat): ExportFile {
  let doc;
  try {
    doc = selectionDocument(store, runIds);
  } catch (error) {
    if (error instanceof MissingRunsError) throw new BadArgumentError(`exportSelection: ${error.message}`);
    throw error;
  }
  const jobs = new Set(doc.runs.map((run) => run.jobId)).size;
  const base = `dl-lab-selection-${doc.runs.length}-run${doc.runs.length === 1 ? '' : 's'}-${jobs}-job${jobs === 1 ? '' : 's'}`;
  return exportFile(base, format, format === 'csv' ? selectionCsv(doc) : `${JSON.stringify(doc, null, 1)}\n`);
}

/** The user's own words (a name, notes, tags) the store refuses come back as a bad argument with its reason. */
function annotating<T>(method: string, write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof AnnotationError) throw new BadArgumentError(`${method}: ${error.message}`);
    throw error;
  }
}


export function createLabHandlers(service: LabService, appInfo: () => Omit<AppInfo, 'workers' | 'interruptedAtStart' | 'dbPath'>): LabHandlers {
  const experiments: ExperimentInfo[] = service.listExperiments().map(({ id, section, title, summary, params, curves, usesMnist }) => ({
    id,
    section,
    title,
    summary,
    params: [...params],
    curves: { ...curves },
    usesMnist,
  }));
  return {
    getAppInfo: async () => ({
      ...appInfo(),
      dbPath: service.dbPath,
      workers: service.workerCount,
      interruptedAtStart: service.interruptedAtOpen.jobs,
    }),
    listExperiments: async () => experiments,
    startJob: async (request): Promise<StartJobResult> => {
      if (!isPlainObject(request)) return { ok: false, problems: ['startJob: the request must be an object'] };
      try {
        return { ok: true, jobId: service.start({ experiment: request.experiment, params: request.params, seed: request.seed, name: request.name, repeats: request.repeats }) };
      } catch (error) {
        if (error instanceof InvalidRequestError) return { ok: false, problems: error.problems };
        throw error;
      }
    },
    cancelJob: async (jobId) => service.cancel(jobIdOf(jobId, 'cancelJob')),
    listJobs: async (query) => service.store.listJobs(listQueryOf(query)),
    getJob: async (jobIdArg): Promise<JobDetail | null> => {
      const jobId = jobIdOf(jobIdArg, 'getJob');
      const job = service.store.getJob(jobId);
      if (!job) return null;
      const curves = service.store.getJobCurves(jobId);
      return {
        ...job,
        active: service.isActive(jobId),
        runs: job.runs.map((run) => ({
          ...run,
          curves: curves
            .filter((c) => c.runId === run.id)
            .map((c) => ({ metric: c.metric, xKind: c.xKind, points: Array.from(c.points, jsonNumber) })),
        })),
      };
    },
    activeJobs: async () => service.activeJobIds(),
    deleteJob: async (jobIdArg) => {
      const jobId = jobIdOf(jobIdArg, 'deleteJob');
      if (service.isActive(jobId)) throw new BadArgumentError('deleteJob: cancel the job before deleting it');
      return service.store.deleteJob(jobId);
    },
    renameJob: async (jobIdArg, name) => {
      const jobId = jobIdOf(jobIdArg, 'renameJob');
      if (typeof name !== 'string' || name.length > 200) throw new BadArgumentError('renameJob: name must be text of at most 200 characters');
      return annotating('renameJob', () => service.store.renameJob(jobId, name.trim()));
    },
    setJobNotes: async (jobIdArg, notes) => {
      const jobId = jobIdOf(jobIdArg, 'setJobNotes');
      if (typeof notes !== 'string') throw new BadArgumentError('setJobNotes: notes must be text');
      return annotating('setJobNotes', () => service.store.setJobNotes(jobId, notes));
    },
    setJobTags: async (jobIdArg, tags) => {
      const jobId = jobIdOf(jobIdArg, 'setJobTags');
      if (!Array.isArray(tags) || tags.length > 100 || !tags.every((tag) => typeof tag === 'string')) {
        throw new BadArgumentError('setJobTags: tags must be a list of text');
      }
      return annotating('setJobTags', () => service.store.setJobTags(jobId, tags as string[]));
    },
    queryJobs: async (queryArg): Promise<HistoryPage> => {
      const page = service.store.queryJobs(jobQueryOf(queryArg));
      const ranges = page.jobs.length > 0 ? service.store.jobFinalRanges(page.jobs.map((job) => job.id)) : new Map();
      return { total: page.total, jobs: page.jobs.map((job) => ({ ...job, finals: ranges.get(job.id) ?? {} })) };
    },
    queryRuns: async (queryArg) => service.store.queryRuns(runQueryOf(queryArg)),
    getRuns: async (runIdsArg): Promise<RunWithCurves[]> => {
      const runIds = idsOf('getRuns', 'runIds', runIdsArg, MAX_COMPARE_RUNS);
      const jobParams = new Map<number, JsonObject>();
      return service.store.getRuns(runIds).map((run) => {
        let params = jobParams.get(run.jobId);
        if (params === undefined) jobParams.set(run.jobId, (params = service.store.getJob(run.jobId)?.params ?? {}));
        return {
          ...run,
          jobParams: params,
          curves: service.store.getCurves(run.id).map((c) => ({ metric: c.metric, xKind: c.xKind, points: Array.from(c.points, jsonNumber) })),
        };
      });
    },
    exportJob: async (jobIdArg, formatArg) => exportJobFile(service.store, jobIdOf(jobIdArg, 'exportJob'), formatOf('exportJob', formatArg)),
    exportSelection: async (runIdsArg, formatArg) =>
      exportSelectionFile(service.store, idsOf('exportSelection', 'runIds', runIdsArg, MAX_COMPARE_RUNS, 1), formatOf('exportSelection', formatArg)),
    importJob: async (text): Promise<ImportResult> => {
      if (typeof text !== 'string') throw new BadArgumentError('importJob: the file must arrive as text');
      if (text.length > IMPORT_LIMITS.fileBytes) {
        return { ok: false, message: `Cannot import: the file is too large to be a DL Lab export; nothing was imported.` };
      }
      try {
        return { ok: true, ...importJobDocumentText(service.store, text) };
      } catch (error) {
        if (error instanceof JobImportError) return { ok: false, message: error.message };
        if (error instanceof AnnotationError) return { ok: false, message: `Cannot import: ${error.message}; nothing was imported.` };
        throw error;
      }
    },
  };
}
