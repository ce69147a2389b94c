// Main's implementation of the api.ts methods over the lab service, shared by the Electron IPC and
// the web test host. Every argument arrives as `unknown` — it crossed a process boundary — and is
// checked here before the service sees it; the service is all these handlers call.
import type { AppInfo, ExportFormat, LabApi, StartJobResult } from '../../src-shared/api.ts';
import type { LabMethod } from '../../src-shared/channels.ts';
import { problem } from '../../src-shared/params/problems.ts';
import type { JobQuery, JobSort, ListJobsQuery, RunQuery } from '../../src-shared/records.ts';
import { isJobStatus, isRunStatus, MAX_NAME_LENGTH, MAX_NOTES_LENGTH } from '../../src-shared/vocabulary.ts';
import { METRIC_NAME, MAX_SEARCH_LENGTH } from '../store/history-sql.ts';
import { MAX_TEST_IMAGES } from '../../src-shared/inspect.ts';
import { MNIST_INPUT } from '../../src-shared/network.ts';
import { cleanErrorText } from '../../src-shared/outcome.ts';
import { MnistFileError } from '../../src-worker/data/mnist.ts';
import { AnnotationError } from '../store/annotations.ts';
import { StoreFileError, StoreVersionError, StoreWriteError } from '../store/errors.ts';
import { JobImportError } from './job-import.ts';
import { DamagedCurvesError, MissingRunsError } from './job-document.ts';
import { InvalidRequestError, LabRequestError, MAX_COMPARE_RUNS, type LabService } from './lab-service.ts';

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
    else if (key === 'status' && isJobStatus(v)) query.status = v;
    else if (key === 'limit' && Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 10_000) query.limit = v as number;
    else if (key === 'offset' && Number.isSafeInteger(v) && (v as number) >= 0) query.offset = v as number;
    else throw new BadArgumentError(`listJobs: bad query field ${JSON.stringify(key)}`);
  }
  return query;
}

/** Largest page the history and the run picker may ask for in one call. */
export const MAX_QUERY_PAGE = 1000;
export { MAX_COMPARE_RUNS } from './lab-service.ts';
/** Most jobs a run query may filter by. */
export const MAX_QUERY_JOB_IDS = 10_000;

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function pageOf(method: string, key: 'limit' | 'offset', v: unknown): number {
  if (key === 'limit' && isWhole(v) && v >= 1 && v <= MAX_QUERY_PAGE) return v;
  if (key === 'offset' && isWhole(v) && v >= 0) return v;
  throw new BadArgumentError(
    key === 'limit'
      ? `${method}: limit must be a whole number from 1 to ${MAX_QUERY_PAGE}`
      : `${method}: offset must be a whole number ≥ 0`,
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
    const okMetric = typeof metric === 'string' && METRIC_NAME.test(metric);
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
      if (!isJobStatus(v)) throw new BadArgumentError(`queryJobs: unknown status ${JSON.stringify(v)}`);
      query.status = v;
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
    throw new BadArgumentError(
      `${method}: ${what} must be a list of ${min > 0 ? `${min} to ` : 'at most '}${max} ids (positive whole numbers)`,
    );
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
      if (!isRunStatus(v)) throw new BadArgumentError(`queryRuns: unknown status ${JSON.stringify(v)}`);
      query.status = v;
    } else if (key === 'text') query.text = shortText('queryRuns', key, v, MAX_SEARCH_LENGTH);
    else if (key === 'limit' || key === 'offset') query[key] = pageOf('queryRuns', key, v);
    else throw new BadArgumentError(`queryRuns: bad query field ${JSON.stringify(key)}`);
  }
  return query;
}

function runPageOf(value: unknown): { offset: number; limit: number } | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value) || Object.keys(value).some((key) => key !== 'offset' && key !== 'limit')) {
    throw new BadArgumentError('getJob: the page must be { offset, limit }');
  }
  return { offset: pageOf('getJob', 'offset', value.offset ?? 0), limit: pageOf('getJob', 'limit', value.limit ?? MAX_QUERY_PAGE) };
}

function formatOf(method: string, value: unknown): ExportFormat {
  if (value !== 'csv' && value !== 'json') throw new BadArgumentError(`${method}: format must be 'csv' or 'json'`);
  return value;
}

/** A drawn digit: exactly 784 numbers in [0, 1] (the 28×28 input the preprocessing made). */
function pixelsOf(value: unknown): Float32Array {
  if (!Array.isArray(value) || value.length !== MNIST_INPUT || !value.every((v) => typeof v === 'number' && v >= 0 && v <= 1)) {
    throw new BadArgumentError(`predictDigit: pixels must be a list of ${MNIST_INPUT} numbers from 0 to 1`);
  }
  return Float32Array.from(value as number[]);
}

/** Indices of MNIST test images: 1 to MAX_TEST_IMAGES whole numbers from 0 to 9,999. */
function testIndicesOf(value: unknown): number[] {
  if (
    !Array.isArray(value) ||
    value.length < 1 ||
    value.length > MAX_TEST_IMAGES ||
    !value.every((i) => isWhole(i) && i >= 0 && i < 10_000)
  ) {
    throw new BadArgumentError(`testImages: indices must be a list of 1 to ${MAX_TEST_IMAGES} whole numbers from 0 to 9999`);
  }
  return value as number[];
}

/** Refusals of the service (a running job deleted, a bad note, a run gone from a selection) come back as bad arguments with their reason. */
function refusing<T>(method: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof LabRequestError || error instanceof MissingRunsError || error instanceof DamagedCurvesError) {
      throw new BadArgumentError(`${method}: ${error.message}`);
    }
    throw error;
  }
}

/** What the host adds to the app info (its runtime's versions, its data folder). */
export type HostInfo = Omit<AppInfo, 'workers' | 'interruptedAtStart' | 'dbPath' | 'readonly'>;

export function createLabHandlers(service: LabService, hostInfo: () => HostInfo): LabHandlers {
  return reportingCleanly({
    getAppInfo: async () => ({
      ...hostInfo(),
      dbPath: service.dbPath,
      readonly: service.readonly,
      workers: service.workerCount,
      interruptedAtStart: service.interruptedAtOpen.jobs,
    }),
    startJob: async (request): Promise<StartJobResult> => {
      if (!isPlainObject(request)) return { ok: false, problems: [problem(null, 'not-an-object', {})] };
      const unknown = Object.keys(request).filter((key) => !START_FIELDS.has(key));
      if (unknown.length > 0)
        return { ok: false, problems: unknown.map((key) => problem(key, 'unknown-param', { known: [...START_FIELDS].join(', ') })) };
      try {
        return {
          ok: true,
          jobId: service.start({
            experiment: request.experiment,
            params: request.params,
            seed: request.seed,
            name: request.name,
            repeats: request.repeats,
          }),
        };
      } catch (error) {
        if (error instanceof InvalidRequestError) return { ok: false, problems: error.problems };
        throw error;
      }
    },
    cancelJob: async (jobId) => service.cancel(jobIdOf(jobId, 'cancelJob')),
    listJobs: async (query) => service.listJobs(listQueryOf(query)),
    getJob: async (jobIdArg, pageArg) => service.getJob(jobIdOf(jobIdArg, 'getJob'), runPageOf(pageArg)),
    activeJobs: async () => service.activeJobIds(),
    deleteJob: async (jobIdArg) => {
      const jobId = jobIdOf(jobIdArg, 'deleteJob');
      return refusing('deleteJob', () => service.deleteJob(jobId));
    },
    renameJob: async (jobIdArg, name) => {
      const jobId = jobIdOf(jobIdArg, 'renameJob');
      if (typeof name !== 'string' || name.trim().length > MAX_NAME_LENGTH)
        throw new BadArgumentError(`renameJob: name must be text of at most ${MAX_NAME_LENGTH} characters`);
      return refusing('renameJob', () => service.renameJob(jobId, name));
    },
    setJobNotes: async (jobIdArg, notes) => {
      const jobId = jobIdOf(jobIdArg, 'setJobNotes');
      if (typeof notes !== 'string') throw new BadArgumentError('setJobNotes: notes must be text');
      if (notes.length > MAX_NOTES_LENGTH)
        throw new BadArgumentError(`setJobNotes: job notes have at most ${MAX_NOTES_LENGTH.toLocaleString('en')} characters`);
      return refusing('setJobNotes', () => service.setJobNotes(jobId, notes));
    },
    setJobTags: async (jobIdArg, tags) => {
      const jobId = jobIdOf(jobIdArg, 'setJobTags');
      if (!Array.isArray(tags) || tags.length > 100 || !tags.every((tag) => typeof tag === 'string')) {
        throw new BadArgumentError('setJobTags: tags must be a list of text');
      }
      return refusing('setJobTags', () => service.setJobTags(jobId, tags as string[]));
    },
    queryJobs: async (queryArg) => service.queryJobs(jobQueryOf(queryArg)),
    queryRuns: async (queryArg) => service.queryRuns(runQueryOf(queryArg)),
    getRuns: async (runIdsArg) => service.getRuns(idsOf('getRuns', 'runIds', runIdsArg, MAX_COMPARE_RUNS)),
    exportJob: async (jobIdArg, formatArg) => {
      const jobId = jobIdOf(jobIdArg, 'exportJob');
      const format = formatOf('exportJob', formatArg);
      return refusing('exportJob', () => service.exportJob(jobId, format));
    },
    exportSelection: async (runIdsArg, formatArg) => {
      const runIds = idsOf('exportSelection', 'runIds', runIdsArg, MAX_COMPARE_RUNS, 1);
      const format = formatOf('exportSelection', formatArg);
      return refusing('exportSelection', () => service.exportSelection(runIds, format));
    },
    importJob: async (text) => {
      if (typeof text !== 'string') throw new BadArgumentError('importJob: the file must arrive as text');
      return service.importJob(text);
    },
    jobExtras: async (jobIdArg) => service.jobExtras(jobIdOf(jobIdArg, 'jobExtras')),
    getXray: async (jobIdArg) => service.getXray(jobIdOf(jobIdArg, 'getXray')),
    inspectJob: async (jobIdArg) => service.inspectJob(jobIdOf(jobIdArg, 'inspectJob')),
    predictDigit: async (jobIdArg, pixelsArg) => {
      const jobId = jobIdOf(jobIdArg, 'predictDigit');
      return service.predictDigit(jobId, pixelsOf(pixelsArg));
    },
    testImages: async (indicesArg) => service.testImages(testIndicesOf(indicesArg)),
  });
}

/** Errors whose message is written for the user (what was refused and why, what to do). */
const USER_FACING: readonly (abstract new (...args: never[]) => Error)[] = [
  BadArgumentError,
  StoreWriteError,
  StoreFileError,
  StoreVersionError,
  MnistFileError,
  JobImportError,
  AnnotationError,
];

/**
 * The one place where the lab's errors leave for a screen (Electron's IPC and the web host both
 * serve these handlers): no stack trace, file path or SQL ever crosses it. A user-facing error
 * keeps its reason, cleaned (cleanErrorText); anything else is an internal error, said as such,
 * with the whole error in the host's log.
 */
export function reportingCleanly(handlers: LabHandlers): LabHandlers {
  const guarded = {} as Record<LabMethod, (...args: unknown[]) => Promise<unknown>>;
  for (const method of Object.keys(handlers) as LabMethod[]) {
    const handler = handlers[method] as (...args: unknown[]) => Promise<unknown>;
    guarded[method] = async (...args) => {
      try {
        return await handler(...args);
      } catch (error) {
        throw cleanedError(method, error);
      }
    };
  }
  return guarded as LabHandlers;
}

function cleanedError(method: LabMethod, error: unknown): BadArgumentError | Error {
  if (error instanceof StoreWriteError) {
    // Its message starts with the database's path: keep only what happened.
    const reason = error.message.startsWith(`${error.file}: `) ? error.message.slice(error.file.length + 2) : error.message;
    return new BadArgumentError(`${method}: the database refused the change: ${cleanErrorText(reason)}`);
  }
  if (USER_FACING.some((kind) => error instanceof kind)) return new BadArgumentError(cleanErrorText((error as Error).message));
  console.error(`DL Lab: lab.${method} failed:`, error);
  return new Error(`${method}: the lab could not do this (an internal error; the details are in the log)`);
}

/** The fields of a start request (StartJobRequest); anything else is refused, as the CLI refuses an unknown flag. */
const START_FIELDS = new Set(['experiment', 'params', 'seed', 'name', 'repeats']);
