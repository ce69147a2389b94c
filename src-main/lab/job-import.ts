// Importing a job export (lab/job-document.ts) — a classmate's shared result, say. The document came
// from outside: every field is checked before anything is written, and the first problem is
// reported with its path (`runs[3].curves.loss[17] is not a number (found "abc")`). A valid job is
// written as NEW rows in one transaction (store.importJob): it never replaces a local job, and a
// failure half way leaves nothing behind.
//
// Kept as in the file: name, params, seed, statuses, problems, creation time, duration, notes,
// tags, run labels, params, finals and curves. The name is kept verbatim — not suffixed
// " (imported)" — because the job's provenance has its own column (`importedAt`, which the UI can
// show as a badge): a suffix would change the user's data, break the export → import → export round
// trip, and could push a 200-character name over the limit. A job or run exported while still
// `queued`/`running` comes in `interrupted`: nothing will ever train it here.
import { readFileSync, statSync } from 'node:fs';
import { EXPERIMENTS } from '../../src-shared/experiments/catalog.ts';
import { isExperimentId } from '../../src-shared/experiments/spec.ts';
import { parseJobProblem, parseRunProblem, type JobProblem, type RunProblem } from '../../src-shared/outcome.ts';
import {
  JOB_STATUSES,
  MAX_NAME_LENGTH,
  MAX_NOTES_LENGTH,
  MAX_TAG_LENGTH,
  MAX_TAGS,
  RUN_STATUSES,
  X_KINDS,
} from '../../src-shared/vocabulary.ts';
import { base64ToFloat32 } from '../../src-shared/base64.ts';
import {
  cleanNetworkConfig,
  expectedTensors,
  networkConfigProblem,
  tensorLength,
  type NetworkConfig,
  type NetworkSnapshot,
} from '../../src-shared/network.ts';
import { cleanXrayLayout, sampleLength, xrayLayoutProblem, type XrayLayout } from '../../src-shared/xray.ts';
import { dedupeTags } from '../store/annotations.ts';
import type { Store } from '../store/store.ts';
import type { CurveUpdate, FinalMetrics, FinishedJobStatus, JobImport, JsonObject, RunImport, XKind, XrayWrite } from '../store/types.ts';
import { DOCUMENT_VERSION, JOB_DOCUMENT_FORMAT, SELECTION_DOCUMENT_FORMAT } from './job-document.ts';

/** Bounds on what an import may hold: far above any real job, low enough to refuse a hostile file. */
export const IMPORT_LIMITS = {
  runs: 100_000,
  pointsPerCurve: 1_000_000,
  /** Over all curves of all runs (20 MB of float32; an export of that many is about 60 MB of JSON). */
  points: 5_000_000,
  /** Float values of the trained networks and X-ray samples of all runs (64 MB of float32: more than a file within fileBytes can hold in base64). */
  insideValues: 16_000_000,
  /** Base64 characters of one tensor or one run's X-ray (its values are counted against insideValues too). */
  blobLength: 64 * 1024 * 1024,
  curvesPerRun: 1_000,
  finalsPerRun: 1_000,
  metricNameLength: 100,
  labelLength: 1_000,
  errorLength: 100_000,
  /** Characters of a params object written as JSON. */
  paramsLength: 100_000,
  paramsDepth: 32,
  /** Bytes of an export file, refused by size before it is read (a 250 MB file took 2.5 GB to parse). */
  fileBytes: 64 * 1024 * 1024,
  /** Memory the worker thread that reads an import may use. */
  workerHeapMb: 1024,
} as const;

/** Why a document was refused; nothing was imported. `path` locates the problem in the document. */
export class JobImportError extends Error {
  override name = 'JobImportError';
  /** e.g. `runs[3].curves.loss[17]`; null for a problem with the file as a whole. */
  readonly path: string | null;
  /** `hint`: what the user can do about it, after the problem. */
  constructor(problem: string, path: string | null = null, hint?: string) {
    super(`Cannot import: ${path === null ? problem : `${path} ${problem}`}; nothing was imported.${hint ? ` ${hint}` : ''}`);
    this.path = path;
  }
}

/** Imports a parsed job document as a new job. Throws JobImportError (nothing written) if it is not one. */
export function importJobDocument(store: Store, input: unknown): { jobId: number } {
  const job = readJobDocument(input);
  return { jobId: store.importJob(job) };
}

/** The same from the file's text: empty, truncated or otherwise invalid JSON is refused clearly. */
export function importJobDocumentText(store: Store, text: string): { jobId: number } {
  return importJobDocument(store, parseJobDocumentText(text));
}

/** The same from a file; a file too large to be an export is refused before it is read. */
export function importJobDocumentFile(store: Store, file: string): { jobId: number } {
  return importJobDocumentText(store, readJobDocumentFileText(file));
}

/** A file's text; one too large to be an export is refused before it is read, one that cannot be read is named. */
export function readJobDocumentFileText(file: string): string {
  let text: string;
  try {
    const { size } = statSync(file);
    if (size > IMPORT_LIMITS.fileBytes) {
      throw new JobImportError(
        `the file is too large to be a DL Lab export (${formatMiB(size)}, at most ${formatMiB(IMPORT_LIMITS.fileBytes)})`,
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof JobImportError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new JobImportError(`the file ${file} cannot be read (${reason})`);
  }
  return text;
}

/** JSON.parse with a message for people: an export cut short (a partial download) says so. */
export function parseJobDocumentText(text: string): unknown {
  if (typeof text !== 'string') throw new JobImportError('the file is not text');
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM some editors add
  if (body.trim() === '') throw new JobImportError('the file is empty');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // Cut short: the parser ran out of text (V8 says so, or points at the very end of it).
    const position = /at position (\d+)/.exec(detail);
    const truncated = /end of JSON input|unterminated/i.test(detail) || (position !== null && Number(position[1]) >= body.trimEnd().length);
    throw new JobImportError(
      truncated
        ? `the file is cut short — not a whole JSON document, perhaps an interrupted download (${detail})`
        : `the file is not valid JSON, so not a DL Lab export (${detail})`,
    );
  }
}

/** Checks a parsed document completely and returns the job to write; throws JobImportError at the first problem. */
export function readJobDocument(input: unknown): JobImport {
  if (!isPlainObject(input)) {
    throw new JobImportError(`this is not a DL Lab job export (expected a JSON object, found ${found(input)})`);
  }
  const format = field(input, 'format');
  if (format === SELECTION_DOCUMENT_FORMAT) {
    throw new JobImportError('this is a DL Lab selection export (runs picked from several jobs); only job exports can be imported');
  }
  if (format !== JOB_DOCUMENT_FORMAT) {
    throw new JobImportError(
      format === undefined
        ? `this is not a DL Lab job export (it has no "format": ${JSON.stringify(JOB_DOCUMENT_FORMAT)})`
        : `this is not a DL Lab job export (its format is ${found(format)}, expected ${JSON.stringify(JOB_DOCUMENT_FORMAT)})`,
    );
  }
  const version = field(input, 'version');
  if (typeof version !== 'number')
    throw new JobImportError(`is ${version === undefined ? 'missing' : `not a number (found ${found(version)})`}`, 'version');
  if (!Number.isInteger(version) || version < 1) throw new JobImportError(`${version} is not a format version of DL Lab`, 'version');
  if (version > DOCUMENT_VERSION) {
    throw new JobImportError(
      `this file was written by a newer version of DL Lab (format version ${version}, this version reads up to ${DOCUMENT_VERSION})`,
      null,
      'Update DL Lab to import it.',
    );
  }

  const doc = new Reader(input);
  doc.optional('jobId', (v, path) => wholeNumber(v, path, 1));
  const experiment = doc.required('experiment', (v, path) => {
    const id = text(v, path, 100);
    if (!isExperimentId(id)) throw new JobImportError(`${found(id)} is not an experiment of this version of DL Lab`, path);
    return id;
  });
  const declared: Readonly<Record<string, XKind>> = EXPERIMENTS[experiment].curves;
  const name = doc.required('name', (v, path) => {
    const name = text(v, path).trim();
    if (name.length > MAX_NAME_LENGTH)
      throw new JobImportError(`is too long for a job name (${name.length} characters, at most ${MAX_NAME_LENGTH})`, path);
    return name;
  });
  const params = doc.required('params', jsonObject);
  const seed = doc.required('seed', (v, path) => wholeNumber(v, path, 0)); // as the lab accepts seeds
  const status = doc.required('status', (v, path) => oneOf(v, path, JOB_STATUSES));
  const problem: JobProblem | null =
    version === 1
      ? jobProblemFromText(doc.required('error', (v, path) => nullable(v, path, (w, p) => text(w, p, IMPORT_LIMITS.errorLength))))
      : doc.required('problem', (v, path) => nullable(v, path, jobProblem));
  const createdAt = doc.required('createdAt', timestamp);
  const durationMs = doc.required('durationMs', (v, path) => nullable(v, path, timestamp));
  // Not in the first exports: when absent (not when null), derived as the store records them.
  const startedAtField = doc.optional('startedAt', (v, path) => nullable(v, path, timestamp));
  const startedAt = startedAtField === undefined ? createdAt : startedAtField;
  const finishedAtField = doc.optional('finishedAt', (v, path) => nullable(v, path, timestamp));
  const finishedAt =
    finishedAtField !== undefined ? finishedAtField : durationMs !== null && startedAt !== null ? startedAt + durationMs : null;
  const notes = doc.required('notes', (v, path) => {
    const notes = text(v, path);
    if (notes.length > MAX_NOTES_LENGTH)
      throw new JobImportError(`are too long (${notes.length} characters, at most ${MAX_NOTES_LENGTH})`, path);
    return notes;
  });
  const tags = doc.required('tags', tagList);

  const budget = { points: 0, inside: 0 };
  const runs = doc.required('runs', (v, path) => {
    const list = array(v, path, IMPORT_LIMITS.runs, 'runs');
    const indexes = new Map<number, number>();
    return list.map((item, i) => {
      const run = readRun(item, `${path}[${i}]`, declared, budget, version);
      const earlier = indexes.get(run.idx);
      if (earlier !== undefined)
        throw new JobImportError(`is ${run.idx}, as is runs[${earlier}].index: a job's runs have distinct indexes`, `${path}[${i}].index`);
      indexes.set(run.idx, i);
      return run;
    });
  });

  return {
    experiment,
    name,
    params,
    seed,
    status: stillRunning(status) ? 'interrupted' : (status as FinishedJobStatus),
    problem,
    createdAt,
    startedAt,
    finishedAt,
    durationMs,
    notes,
    tags,
    runs,
  };
}

function readRun(
  input: unknown,
  path: string,
  declared: Readonly<Record<string, XKind>>,
  budget: { points: number; inside: number },
  version: number,
): RunImport {
  if (!isPlainObject(input)) throw new JobImportError(`is not a run (expected an object, found ${found(input)})`, path);
  const run = new Reader(input, path);
  const idx = run.required('index', (v, p) => wholeNumber(v, p, 0, 2 ** 31 - 1));
  const label = run.required('label', (v, p) => text(v, p, IMPORT_LIMITS.labelLength));
  const params = run.required('params', jsonObject);
  const status = run.required('status', (v, p) => oneOf(v, p, RUN_STATUSES));
  const problem: RunProblem | null =
    version === 1
      ? runProblemFromText(run.required('error', (v, p) => nullable(v, p, (w, q) => text(w, q, IMPORT_LIMITS.errorLength))))
      : run.required('problem', (v, p) => nullable(v, p, runProblem));
  const final = run.required('final', finalMetrics);
  const points = run.required('curves', (v, p) => curveMap(v, p, budget));
  const xKinds = run.optional('xKinds', xKindMap) ?? {};
  for (const metric of Object.keys(xKinds)) {
    if (!points.has(metric)) throw new JobImportError('names no curve of this run', at(`${path}.xKinds`, metric));
  }
  const curves: CurveUpdate[] = [];
  for (const [metric, values] of points) {
    const xKind = Object.hasOwn(xKinds, metric) ? xKinds[metric] : Object.hasOwn(declared, metric) ? declared[metric] : undefined;
    if (xKind === undefined) {
      throw new JobImportError(
        'is missing, and the experiment declares no curve of that name to take it from',
        at(`${path}.xKinds`, metric),
      );
    }
    curves.push({ metric, xKind, points: values });
  }
  const network = run.optional('network', (v, p) => networkDocument(v, p, budget));
  const xray = run.optional('xray', (v, p) => xrayDocument(v, p, budget));
  return {
    idx,
    label,
    params,
    status: stillRunning(status) ? 'interrupted' : (status as RunImport['status']),
    problem,
    final,
    startedAt: run.optional('startedAt', (v, p) => nullable(v, p, timestamp)) ?? null,
    finishedAt: run.optional('finishedAt', (v, p) => nullable(v, p, timestamp)) ?? null,
    curves,
    ...(network ? { network } : {}),
    ...(xray ? { xray } : {}),
  };
}

/** Counts `values` against the import's budget for networks and X-ray samples. */
function spendInside(budget: { inside: number }, values: number, path: string): void {
  budget.inside += values;
  if (budget.inside > IMPORT_LIMITS.insideValues) {
    throw new JobImportError(
      `brings the network and X-ray values in this file past the ${IMPORT_LIMITS.insideValues.toLocaleString('en')} an import may hold`,
      path,
    );
  }
}

/** Float32 values from base64 text: exactly `length` of them, every one finite unless `allowNaN`. */
function float32Blob(value: unknown, path: string, length: number, allowNaN = false): Float32Array {
  const data = text(value, path, IMPORT_LIMITS.blobLength);
  const values = base64ToFloat32(data);
  if (!values) throw new JobImportError('is not base64 of float32 values', path);
  if (values.length !== length) throw new JobImportError(`holds ${values.length} float32 values, not the ${length} its shape says`, path);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(Number.isFinite(v) || (allowNaN && Number.isNaN(v))))
      throw new JobImportError(`holds a value that is not finite (at ${i})`, path);
  }
  return values;
}

/** A run's trained network: a config the inspector can rebuild, and exactly its tensors. */
function networkDocument(value: unknown, path: string, budget: { inside: number }): NetworkSnapshot {
  if (!isPlainObject(value)) throw new JobImportError(`is not a network (expected an object, found ${found(value)})`, path);
  const doc = new Reader(value, path);
  const config = doc.required('config', (v, p) => {
    const problem = networkConfigProblem(v);
    if (problem) throw new JobImportError(`is not a network DL Lab can rebuild: ${problem}`, p);
    return cleanNetworkConfig(v as NetworkConfig);
  });
  const expected = expectedTensors(config);
  const tensors = doc.required('tensors', (v, p) => {
    const list = array(v, p, expected.length, 'tensors');
    const byName = new Map<string, unknown>();
    list.forEach((tensor, i) => {
      if (!isPlainObject(tensor)) throw new JobImportError(`is not a tensor (found ${found(tensor)})`, `${p}[${i}]`);
      const name = text(field(tensor, 'name'), `${p}[${i}].name`, 100);
      if (byName.has(name)) throw new JobImportError(`is ${name} again: a tensor appears once`, `${p}[${i}].name`);
      byName.set(name, tensor);
    });
    return expected.map(({ name, shape }) => {
      const tensor = byName.get(name) as Record<string, unknown> | undefined;
      if (!tensor)
        throw new JobImportError(
          `lacks ${name}, which a ${[config.inputSize, ...config.hiddenSizes, config.outputSize].join('-')} network has`,
          p,
        );
      const shapePath = at(p, name);
      const given = field(tensor, 'shape');
      if (!Array.isArray(given) || given.length !== shape.length || given.some((n, i) => n !== shape[i]))
        throw new JobImportError(`has shape ${JSON.stringify(given)}, not ${JSON.stringify(shape)}`, `${shapePath}.shape`);
      spendInside(budget, tensorLength(shape), shapePath);
      return { name, shape: [...shape], values: float32Blob(field(tensor, 'data'), `${shapePath}.data`, tensorLength(shape)) };
    });
  });
  return { config, tensors };
}

/** A run's X-ray: a layout DL Lab reads, whole iteration numbers in increasing order, and their samples. */
function xrayDocument(value: unknown, path: string, budget: { inside: number }): XrayWrite {
  if (!isPlainObject(value)) throw new JobImportError(`is not an X-ray (expected an object, found ${found(value)})`, path);
  const doc = new Reader(value, path);
  const layout = doc.required('layout', (v, p) => {
    const problem = xrayLayoutProblem(v);
    if (problem) throw new JobImportError(`is not an X-ray layout DL Lab reads: ${problem}`, p);
    return cleanXrayLayout(v as XrayLayout);
  });
  const iterations = doc.required('iterations', (v, p) =>
    array(v, p, IMPORT_LIMITS.pointsPerCurve, 'samples').map((n, i) => {
      const iteration = wholeNumber(n, `${p}[${i}]`, 0);
      if (i > 0 && iteration <= (v as number[])[i - 1]) throw new JobImportError('is not after the one before it', `${p}[${i}]`);
      return iteration;
    }),
  );
  const length = sampleLength(layout);
  spendInside(budget, length * iterations.length, path);
  // NaN stands for a ratio of a layer whose weights were all zero: the sampler writes it, an import keeps it.
  const data = doc.required('data', (v, p) => float32Blob(v, p, length * iterations.length, true));
  return { layout, samples: iterations.map((iteration, i) => ({ iteration, data: data.slice(i * length, (i + 1) * length) })) };
}

// ---- checks: each returns the value as the store wants it, or throws naming the path --------------

type Check<T> = (value: unknown, path: string) => T;

/** Reads an object's own fields (never inherited ones: a `constructor` key is just a key). */
class Reader {
  readonly #object: Record<string, unknown>;
  readonly #path: string;
  constructor(object: Record<string, unknown>, path = '') {
    this.#object = object;
    this.#path = path;
  }
  required<T>(key: string, check: Check<T>): T {
    const path = at(this.#path, key);
    const value = field(this.#object, key);
    if (value === undefined) throw new JobImportError('is missing', path);
    return check(value, path);
  }
  optional<T>(key: string, check: Check<T>): T | undefined {
    const value = field(this.#object, key);
    return value === undefined ? undefined : check(value, at(this.#path, key));
  }
}

function field(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A plain JSON-like object: not an array, a Date, a Map or a class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function text(value: unknown, path: string, maxLength = Infinity): string {
  if (typeof value !== 'string') throw new JobImportError(`is not text (found ${found(value)})`, path);
  if (value.length > maxLength) throw new JobImportError(`is too long (${value.length} characters, at most ${maxLength})`, path);
  return value;
}

function wholeNumber(value: unknown, path: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number') throw new JobImportError(`is not a number (found ${found(value)})`, path);
  if (!Number.isSafeInteger(value)) throw new JobImportError(`is not a whole number that fits exactly (found ${value})`, path);
  if (value < min || value > max) throw new JobImportError(`is out of range (found ${value}, expected ${min} to ${max})`, path);
  return value;
}

/** The latest moment a JavaScript Date can show (8.64e15 ms after the epoch). */
const MAX_DATE_MS = 8.64e15;

/** Milliseconds since the epoch, within what a Date can show (a later one would break every list that prints it). */
const timestamp: Check<number> = (value, path) => wholeNumber(value, path, 0, MAX_DATE_MS);

const runProblem: Check<RunProblem> = (value, path) => {
  const problem = parseRunProblem(value);
  if (problem === null) throw new JobImportError(`is not a run problem DL Lab knows (found ${found(value)})`, path);
  return problem;
};

const jobProblem: Check<JobProblem> = (value, path) => {
  const problem = parseJobProblem(value);
  if (problem === null) throw new JobImportError(`is not a job problem DL Lab knows (found ${found(value)})`, path);
  return problem;
};

/** A version-1 document's run `error` text as data: what migration 3 does to stored rows. */
function runProblemFromText(error: string | null): RunProblem | null {
  if (error === null) return null;
  const diverged = /^loss became \S+ at iteration (\d+); training stopped/.exec(error);
  if (diverged) return { code: 'diverged', iteration: Number(diverged[1]), loss: null };
  return { code: 'error', message: error.split('\n')[0].slice(0, 300) };
}

/** A version-1 document's job `error` text (`2 of 4 runs failed: …`) as data. */
function jobProblemFromText(error: string | null): JobProblem | null {
  if (error === null) return null;
  const failed = /^(\d+) of (\d+) runs failed: (.*)$/s.exec(error);
  return failed
    ? {
        code: 'runs-failed',
        failed: Number(failed[1]),
        total: Number(failed[2]),
        first: { code: 'error', message: failed[3].slice(0, 300) },
      }
    : { code: 'runs-failed', failed: 0, total: 0, first: { code: 'error', message: error.slice(0, 300) } };
}

function nullable<T>(value: unknown, path: string, check: Check<T>): T | null {
  return value === null ? null : check(value, path);
}

function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new JobImportError(`is not one of ${allowed.join(', ')} (found ${found(value)})`, path);
  }
  return value as T;
}

function array(value: unknown, path: string, maxLength: number, what: string): unknown[] {
  if (!Array.isArray(value)) throw new JobImportError(`is not a list (found ${found(value)})`, path);
  if (value.length > maxLength) {
    throw new JobImportError(
      `has ${value.length.toLocaleString('en')} ${what}, more than the ${maxLength.toLocaleString('en')} an import may hold`,
      path,
    );
  }
  return value;
}

const stillRunning = (status: string): boolean => status === 'queued' || status === 'running';

/** Params: an object of JSON values (finite numbers, text, booleans, null, lists, objects), bounded in size. */
const jsonObject: Check<JsonObject> = (value, path) => {
  if (!isPlainObject(value)) throw new JobImportError(`is not an object (found ${found(value)})`, path);
  checkJsonValue(value, path, 0);
  const size = JSON.stringify(value).length;
  if (size > IMPORT_LIMITS.paramsLength) {
    throw new JobImportError(`is too large (${size} characters as JSON, at most ${IMPORT_LIMITS.paramsLength})`, path);
  }
  return value;
};

function checkJsonValue(value: unknown, path: string, depth: number): void {
  if (depth > IMPORT_LIMITS.paramsDepth)
    throw new JobImportError(`is nested too deeply (more than ${IMPORT_LIMITS.paramsDepth} levels)`, path);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new JobImportError(`is not a finite number (found ${value})`, path);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkJsonValue(item, `${path}[${i}]`, depth + 1));
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      // JSON.parse makes "__proto__" an own key; spread or assigned later it would set a prototype.
      if (key === '__proto__') throw new JobImportError('is a key DL Lab refuses (__proto__)', at(path, key));
      checkJsonValue(item, at(path, key), depth + 1);
    }
    return;
  }
  throw new JobImportError(`is not a JSON value (found ${found(value)})`, path);
}

function metricName(name: string, path: string): void {
  if (name === '' || name.length > IMPORT_LIMITS.metricNameLength) {
    throw new JobImportError(`is not a metric name (1 to ${IMPORT_LIMITS.metricNameLength} characters)`, path);
  }
}

/** metric -> number, or null for a non-finite value (JSON has no NaN), which the store keeps as NaN. */
const finalMetrics: Check<FinalMetrics> = (value, path) => {
  if (!isPlainObject(value)) throw new JobImportError(`is not an object (found ${found(value)})`, path);
  const entries = Object.entries(value);
  if (entries.length > IMPORT_LIMITS.finalsPerRun) throw new JobImportError(`has more than ${IMPORT_LIMITS.finalsPerRun} metrics`, path);
  return Object.fromEntries(
    entries.map(([metric, v]) => {
      const metricPath = at(path, metric);
      metricName(metric, metricPath);
      if (v === null) return [metric, NaN];
      if (typeof v !== 'number') throw new JobImportError(`is not a number (found ${found(v)})`, metricPath);
      if (!Number.isFinite(v))
        throw new JobImportError(`is not a finite number (found ${v}; a non-finite value is written null)`, metricPath);
      return [metric, v];
    }),
  );
};

const FLOAT32_MAX = 3.4028234663852886e38;

/** metric -> points: a list of numbers, null marking a non-finite one. Counted against the whole import's budget. */
function curveMap(value: unknown, path: string, budget: { points: number }): Map<string, Float32Array> {
  if (!isPlainObject(value)) throw new JobImportError(`is not an object of curves (found ${found(value)})`, path);
  const entries = Object.entries(value);
  if (entries.length > IMPORT_LIMITS.curvesPerRun) throw new JobImportError(`has more than ${IMPORT_LIMITS.curvesPerRun} curves`, path);
  const curves = new Map<string, Float32Array>();
  for (const [metric, list] of entries) {
    const curvePath = at(path, metric);
    metricName(metric, curvePath);
    const values = array(list, curvePath, IMPORT_LIMITS.pointsPerCurve, 'points');
    budget.points += values.length;
    if (budget.points > IMPORT_LIMITS.points) {
      throw new JobImportError(
        `brings the points in this file past the ${IMPORT_LIMITS.points.toLocaleString('en')} an import may hold`,
        curvePath,
      );
    }
    const points = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'number') {
        // 1e400 parses as Infinity, and 1e39 is Infinity once stored as float32: neither is a point.
        if (!(Math.abs(v) <= FLOAT32_MAX))
          throw new JobImportError(`is not a finite float32 number (found ${v}; a non-finite point is written null)`, `${curvePath}[${i}]`);
        points[i] = v;
      } else if (v === null) points[i] = NaN;
      else throw new JobImportError(`is not a number (found ${found(v)})`, `${curvePath}[${i}]`);
    }
    curves.set(metric, points);
  }
  return curves;
}

const xKindMap: Check<Record<string, XKind>> = (value, path) => {
  if (!isPlainObject(value)) throw new JobImportError(`is not an object (found ${found(value)})`, path);
  return Object.fromEntries(Object.entries(value).map(([metric, kind]) => [metric, oneOf(kind, at(path, metric), X_KINDS)]));
};

/** Tags as the store keeps them (trimmed, deduplicated); over-long or too many are refused, not cut. */
const tagList: Check<string[]> = (value, path) => {
  const list = array(value, path, 10_000, 'tags');
  list.forEach((tag, i) => {
    const tagPath = `${path}[${i}]`;
    const trimmed = text(tag, tagPath).trim();
    if (trimmed.length > MAX_TAG_LENGTH)
      throw new JobImportError(`is too long for a tag (${trimmed.length} characters, at most ${MAX_TAG_LENGTH})`, tagPath);
  });
  const tags = dedupeTags(list as string[]);
  if (tags.length > MAX_TAGS) throw new JobImportError(`lists ${tags.length} different tags; a job has at most ${MAX_TAGS}`, path);
  return tags;
};

// ---- messages ------------------------------------------------------------------------------------

/** `runs[3].curves.loss`; a key that is not a plain identifier is quoted: `curves["val acc"]`. */
function at(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** What was found instead, short enough for one line. */
function found(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
