// Main's implementation of the api.ts methods over the lab service, shared by the Electron IPC and
// the web test host. Every argument arrives as `unknown` — it crossed a process boundary — and is
// checked here before the service sees it.
import type { AppInfo, ExperimentInfo, JobDetail, LabApi, LabMethod, StartJobResult } from '../api.ts';
import { InvalidRequestError, type LabService } from '../lab/lab-service.ts';
import { JOB_STATUSES, type JobStatus, type ListJobsQuery } from '../store/types.ts';

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

const jsonPoint = (v: number): number | null => (Number.isFinite(v) ? v : null);

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
            .map((c) => ({ metric: c.metric, xKind: c.xKind, points: Array.from(c.points, jsonPoint) })),
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
      return service.store.renameJob(jobId, name.trim());
    },
  };
}
