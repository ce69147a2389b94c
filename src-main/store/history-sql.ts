// The SQL of the history queries (Store.queryJobs / queryRuns), built from a query as text plus
// named parameters. Kept apart so that tests can EXPLAIN the very statements the store runs.
//
// Each combination of filters and sort gives its own SQL text (a handful in all), so that every one
// is a plain query SQLite plans on its own — no `(@x IS NULL OR col = @x)`, which defeats indexes —
// and is prepared once by the store's statement cache.
import { RUN_STATUSES } from '../../src-shared/vocabulary.ts';
import type { Database } from './sqlite.ts';
import type { JobQuery, JobSort, RunQuery } from './types.ts';

/** Largest page `queryJobs` / `queryRuns` return. */
export const MAX_PAGE_SIZE = 10_000;
/** Longest search text; a longer one is refused rather than scanned for. */
export const MAX_SEARCH_LENGTH = 200;
/** Most ids a `jobIds` / `runIds` filter may list. */
export const MAX_FILTER_IDS = 100_000;
/** Longest metric name a sort may name. */
export const MAX_METRIC_NAME_LENGTH = 100;
/** What a metric name a sort may name looks like (`testAcc`, `diff:W1`, `val acc`): it goes into a JSON path. */
export const METRIC_NAME = /^[\p{L}\p{N}_:. -]{1,100}$/u;

/**
 * Case-insensitive "contains" for the history search, as a SQL function: SQLite's LIKE and lower()
 * fold ASCII only, and names, notes and tags are often Korean or accented. The needle arrives folded;
 * nothing in it is a wildcard (this is not LIKE: `%` and `_` in a search are plain characters).
 */
export function registerHistoryFunctions(db: Database): void {
  db.function('dl_contains', { deterministic: true, directOnly: true }, containsFolded as (...args: never[]) => unknown);
}

const foldText = (text: string): string => text.normalize('NFC').toLowerCase();

function containsFolded(haystack: unknown, needle: unknown): 0 | 1 {
  return typeof haystack === 'string' && typeof needle === 'string' && foldText(haystack).includes(needle) ? 1 : 0;
}

/** The job's own searchable text (not its runs'): name, notes, experiment id, tags. */
const JOB_TEXT_MATCHES = `(dl_contains(jobs.name, @text) OR dl_contains(jobs.notes, @text) OR dl_contains(jobs.experiment, @text)
       OR EXISTS (SELECT 1 FROM json_each(jobs.tags) WHERE dl_contains(json_each.value, @text)))`;

/**
 * The columns of a listed job: the row and its runs counted by status — one count per status, each
 * a range of the covering index `runs_by_status (status, job_id)`, not a table lookup per run
 * (GROUP BY status over `runs_by_job`: 60 ms for a job of 200,000 runs, this: 6 ms).
 */
const JOB_SUMMARY_COLUMNS = `jobs.*,
       (SELECT json_group_object(status, n) FROM
          (SELECT s.value AS status, (SELECT count(*) FROM runs WHERE runs.status = s.value AND runs.job_id = jobs.id) AS n
           FROM json_each('${JSON.stringify(RUN_STATUSES)}') AS s)
        WHERE n > 0) AS runs_by_status`;

/**
 * Each listed job's smallest and largest value of every final metric over its runs (@jobIds: a JSON
 * array). Only runs that have finals are read, through the partial index `runs_with_finals`: a
 * cancelled search of 200,000 runs has a few hundred (40 ms → under 1 ms).
 */
export const JOB_FINAL_RANGES_SQL = `SELECT runs.job_id AS jobId, f.key AS metric, min(f.value) AS lo, max(f.value) AS hi
       FROM runs JOIN json_each(runs.final) AS f
       WHERE runs.job_id IN (SELECT value FROM json_each(@jobIds)) AND runs.final <> '{}' AND f.type IN ('integer', 'real')
       GROUP BY runs.job_id, f.key`;

/** The columns of a listed run: the row and what a picker shows of its job. */
export const RUN_LIST_COLUMNS = `runs.*, jobs.name AS job_name, jobs.experiment AS experiment,
       jobs.created_at AS job_created_at, jobs.seed AS seed`;

export interface HistorySql {
  /** `SELECT count(*) AS n …` with the same filters. */
  count: string;
  /** The page; takes `@limit` and `@offset` besides `params`. */
  page: string;
  params: Record<string, unknown>;
}

export function checkPage(limit: number, offset: number, maxLimit = MAX_PAGE_SIZE): void {
  if (!Number.isInteger(limit) || limit < 0 || limit > maxLimit) {
    throw new RangeError(`limit must be a whole number from 0 to ${maxLimit}, got ${limit}`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
}

/** The folded search text, or undefined for no text filter (absent, empty or blank). */
function searchNeedle(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw new TypeError('the search text must be a string');
  const trimmed = text.trim();
  if (trimmed.length > MAX_SEARCH_LENGTH) {
    throw new RangeError(`the search text has at most ${MAX_SEARCH_LENGTH} characters (got ${trimmed.length})`);
  }
  return trimmed === '' ? undefined : foldText(trimmed);
}

/** Ids as one JSON parameter, read with json_each: one SQL text whatever their number. */
export function idList(ids: readonly number[], what: string): string {
  if (!Array.isArray(ids)) throw new TypeError(`${what} must be an array of ids`);
  if (ids.length > MAX_FILTER_IDS) throw new RangeError(`${what} lists at most ${MAX_FILTER_IDS} ids (got ${ids.length})`);
  for (const id of ids) {
    if (!Number.isSafeInteger(id)) throw new TypeError(`${what} must hold whole numbers, got ${JSON.stringify(id)}`);
  }
  return JSON.stringify(ids);
}

/** The statements of `Store.queryJobs` (and `listJobs`, which is its default sort without a count). */
export function jobsSql(
  query: Pick<JobQuery, 'experiment' | 'status' | 'text' | 'sort' | 'descending'>,
): HistorySql & { sortsByMetric: boolean } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.experiment !== undefined) {
    where.push('jobs.experiment = @experiment');
    params.experiment = query.experiment;
  }
  if (query.status !== undefined) {
    where.push('jobs.status = @status');
    params.status = query.status;
  }
  const text = searchNeedle(query.text);
  if (text !== undefined) {
    where.push(`(${JOB_TEXT_MATCHES}
       OR EXISTS (SELECT 1 FROM runs WHERE runs.job_id = jobs.id AND dl_contains(runs.label, @text)))`);
    params.text = text;
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const order = jobOrder(query.sort ?? 'created', query.descending);
  Object.assign(params, order.params);
  return {
    count: `SELECT count(*) AS n FROM jobs ${whereSql}`,
    page: `SELECT ${JOB_SUMMARY_COLUMNS}${order.bestColumn ? `,\n       ${order.bestColumn}` : ''}
       FROM jobs ${whereSql}
       ORDER BY ${order.orderBy}
       LIMIT @limit OFFSET @offset`,
    params,
    sortsByMetric: order.bestColumn !== undefined,
  };
}

/**
 * ORDER BY for a job sort (ties by id, in the same direction), and for a metric sort the column it
 * sorts by. `created` matches the jobs_by_* indexes either way round: the list walks an index and
 * stops after the page. The other sorts sort the matching jobs (jobs, not runs: a few thousand at most).
 */
function jobOrder(
  sort: JobSort,
  descending: boolean | undefined,
): { orderBy: string; bestColumn?: string; params: Record<string, unknown> } {
  const direction = (byDefault: boolean): string => ((descending ?? byDefault) ? 'DESC' : 'ASC');
  if (sort === 'created') {
    const dir = direction(true);
    return { orderBy: `jobs.created_at ${dir}, jobs.id ${dir}`, params: {} };
  }
  if (sort === 'duration') {
    const dir = direction(true);
    return { orderBy: `jobs.duration_ms IS NULL, jobs.duration_ms ${dir}, jobs.id ${dir}`, params: {} };
  }
  if (sort === 'name') {
    const dir = direction(false);
    return { orderBy: `jobs.name = '', jobs.name COLLATE NOCASE ${dir}, jobs.id ${dir}`, params: {} };
  }
  if (typeof sort === 'object' && sort !== null && typeof sort.metric === 'string') {
    const { metric } = sort;
    const order = sort.order ?? 'max';
    if (order !== 'max' && order !== 'min') throw new RangeError(`sort order must be 'max' or 'min', got ${JSON.stringify(order)}`);
    // The path quotes the name ($."val acc"); METRIC_NAME keeps quotes and path syntax out of it.
    if (!METRIC_NAME.test(metric)) {
      throw new RangeError(`cannot sort by ${JSON.stringify(metric)}: not a metric name`);
    }
    const dir = direction(order === 'max');
    // Non-finite finals are stored as JSON null, which max() and min() skip.
    return {
      orderBy: `best IS NULL, best ${dir}, jobs.id ${dir}`,
      bestColumn: `(SELECT ${order}(json_extract(runs.final, @metricPath)) FROM runs WHERE runs.job_id = jobs.id) AS best`,
      params: { metricPath: `$."${metric}"` },
    };
  }
  throw new RangeError(`unknown sort ${JSON.stringify(sort)}: use 'created', 'duration', 'name' or { metric }`);
}

/**
 * The statements of `Store.queryRuns`: newest job first, then the job's order. Unfiltered or by
 * job/experiment, that walks jobs_by_created (or _by_experiment) and runs_by_job, already in order.
 */
export function runsSql(query: Omit<RunQuery, 'limit' | 'offset'>): HistorySql {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.jobIds !== undefined) {
    where.push('runs.job_id IN (SELECT value FROM json_each(@jobIds))');
    params.jobIds = idList(query.jobIds, 'jobIds');
  }
  if (query.experiment !== undefined) {
    where.push('jobs.experiment = @experiment');
    params.experiment = query.experiment;
  }
  if (query.label !== undefined) {
    where.push('runs.label = @label');
    params.label = query.label;
  }
  if (query.status !== undefined) {
    where.push('runs.status = @status');
    params.status = query.status;
  }
  const text = searchNeedle(query.text);
  if (text !== undefined) {
    // The jobs whose own text matches are found once, not once per run.
    where.push(`(dl_contains(runs.label, @text) OR runs.job_id IN (SELECT jobs.id FROM jobs WHERE ${JOB_TEXT_MATCHES}))`);
    params.text = text;
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return {
    count: `SELECT count(*) AS n FROM jobs JOIN runs ON runs.job_id = jobs.id ${whereSql}`,
    page: `SELECT ${RUN_LIST_COLUMNS}
       FROM jobs JOIN runs ON runs.job_id = jobs.id ${whereSql}
       ORDER BY jobs.created_at DESC, jobs.id DESC, runs.idx
       LIMIT @limit OFFSET @offset`,
    params,
  };
}
