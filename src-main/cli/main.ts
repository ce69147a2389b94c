#!/usr/bin/env node
// `lab` — DL Lab from the command line, its own Node process: the same lab service, store and
// workers as the desktop app, through the service only.
//   lab list | run | jobs | show | export | delete | import     (lab help for details)
// Exit codes: 0 done, 1 the job failed (or an operation failed), 2 bad arguments, 130 cancelled.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPERIMENTS, EXPERIMENT_LIST } from '../../src-shared/experiments/catalog.ts';
import { isExperimentId } from '../../src-shared/experiments/spec.ts';
import { jobProblemText, runProblemText } from '../../src-shared/outcome.ts';
import { problemLine } from '../../src-shared/params/problems.ts';
import { optionValues, type ParamSpec } from '../../src-shared/params/spec.ts';
import { formatParamValue, parseParamText } from '../../src-shared/params/validate.ts';
import { MnistFileError } from '../../src-worker/data/mnist.ts';
import { DamagedCurvesError, type JobDocument } from '../lab/job-document.ts';
import { InvalidRequestError, LabRequestError, LabService } from '../lab/lab-service.ts';
import { defaultDbPath } from '../lab/paths.ts';
import { StoreFileError, StoreVersionError, StoreWriteError } from '../store/errors.ts';
import { ProgressDisplay, formatDuration } from './progress-bar.ts';

const HELP = `DL Lab — the experiments of Deep Learning from Scratch, chapter 6, on MNIST.

usage: lab <command> [options]

  list                              the experiments, their parameters and defaults
  run <experiment> [options]        run an experiment, with a progress bar on stderr
      --set name=value              change a parameter (repeatable; lists as 100,100 or 100*6)
      --seed N                      seed of every random stream (default: random, printed)
      --workers N                   worker threads (default: the number of cores)
      --repeat N                    run the job N times, with seeds seed, seed+1, … (1–20)
      --name TEXT                   a name for the job
      --json                        print the finished job as one JSON document on stdout
  jobs [--experiment X] [--json]    the stored jobs, newest first
  show <jobId> [--json]             a job, its runs and final metrics
  export <jobId> --format csv|json [--out FILE]
  delete <jobId>                    delete a job with its runs and curves
  import <file.json>                add a job exported with \`export --format json\` (as a new job)

  --db FILE                         the database (default: ${defaultDbPath()})

Ctrl-C during run cancels the job cleanly: what was computed is kept, the job is 'cancelled'.`;

class UsageError extends Error {}

function main(argv: string[]): Promise<number> | number {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    case 'list':
      return listCommand(rest);
    case 'run':
      return runCommand(rest);
    case 'jobs':
      return jobsCommand(rest);
    case 'show':
      return showCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'delete':
      return deleteCommand(rest);
    case 'import':
      return importCommand(rest);
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}; try \`lab help\``);
  }
}

function parse<T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, db: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A lab that writes (run, import, delete): a read-only database is refused in one line. */
function openLab(db: string | undefined, workers?: number): LabService {
  let told = false;
  return new LabService({
    dbPath: db ?? defaultDbPath(),
    workers,
    // The database refused a write while a job trained: say why once (the job stops as failed).
    onStoreFault: (_fault, error) => {
      if (told || !(error instanceof StoreWriteError) || error.fault === 'busy') return;
      told = true;
      process.stderr.write(`\nlab: ${error.message}\n`);
    },
  });
}

/**
 * A lab for reading (jobs, show, export): read-write when it can be (so that jobs left running by
 * a dead process are marked interrupted first), else read-only — a read-only file or mount, or a
 * full disk, still lists, shows and exports.
 */
function openLabForReading(db: string | undefined): LabService {
  try {
    return openLab(db);
  } catch (error) {
    if (error instanceof StoreWriteError && error.fault !== 'damaged')
      return new LabService({ dbPath: db ?? defaultDbPath(), readonly: true });
    throw error;
  }
}

function jobIdArg(positionals: string[], command: string): number {
  const text = positionals[0];
  if (text === undefined) throw new UsageError(`${command} needs a job id`);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < 1) {
    throw new UsageError(`job id must be a positive whole number (got ${JSON.stringify(text)})`);
  }
  return Number(text);
}

function describeSpec(spec: ParamSpec): string {
  let range = '';
  if (spec.kind === 'number' || spec.kind === 'number-list')
    range = ` [${spec.kind === 'number' && spec.minExclusive ? '>' : ''}${spec.min}…${spec.max}]`;
  if (spec.kind === 'choice' || spec.kind === 'choice-list') range = ` {${optionValues(spec).join(',')}}`;
  return `    ${spec.name.padEnd(16)} ${formatParamValue(spec.default).padEnd(26)} ${spec.label.en}${range}`;
}

function listCommand(args: string[]): number {
  // `list` reads the shared catalog: no database is opened.
  const { values } = parse(args, { json: { type: 'boolean' } });
  if (values.json) {
    console.log(
      JSON.stringify(
        EXPERIMENT_LIST.map(({ id, section, title, params }) => ({ id, section, title, params })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const experiment of EXPERIMENT_LIST) {
    console.log(`${experiment.id}  (${experiment.section}) ${experiment.title.en} — ${experiment.title.ko}`);
    for (const spec of experiment.params) console.log(describeSpec(spec));
    console.log('');
  }
  return 0;
}

/**
 * `--set name=value` → raw values typed by each parameter's spec (validation comes later, all at
 * once). `repeats` is the `--repeat` flag written as a parameter, and means the same.
 */
function paramsFromSets(experimentId: string, sets: string[]): { params: Record<string, unknown>; repeats?: number } {
  const experiment = isExperimentId(experimentId) ? EXPERIMENTS[experimentId] : undefined;
  const params: Record<string, unknown> = {};
  let repeats: number | undefined;
  const problems: string[] = [];
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set needs name=value (got ${JSON.stringify(set)})`);
    const name = set.slice(0, eq).trim();
    const text = set.slice(eq + 1);
    if (name === 'repeats') {
      repeats = integerOption(text, 'set repeats');
      continue;
    }
    const spec = experiment?.params.find((s) => s.name === name);
    const parsed = spec ? parseParamText(spec, text) : ({ ok: true, value: text } as const);
    if (!parsed.ok) {
      problems.push(problemLine(parsed.problem));
      continue;
    }
    // An own property even for a name like "__proto__", so that the validator names it instead of
    // the assignment quietly setting the object's prototype.
    Object.defineProperty(params, name, { value: parsed.value, enumerable: true, configurable: true, writable: true });
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return { params, repeats };
}

/** A whole number as a person writes it in decimal (no `0x10`, no `1e3`, no blanks). */
function integerOption(text: string | undefined, name: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^-?\d+$/.test(trimmed) || !Number.isSafeInteger(value))
    throw new UsageError(`--${name} must be a whole number (got ${JSON.stringify(text)})`);
  if (value < min) throw new UsageError(`--${name} must be at least ${min} (got ${value})`);
  return value;
}

async function runCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    set: { type: 'string', multiple: true },
    seed: { type: 'string' },
    workers: { type: 'string' },
    name: { type: 'string' },
    repeat: { type: 'string' },
    json: { type: 'boolean' },
  });
  const experimentId = positionals[0];
  if (!experimentId) throw new UsageError('run needs an experiment id; `lab list` shows them');
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[1])}`);
  const { params, repeats: setRepeats } = paramsFromSets(experimentId, values.set ?? []);
  const repeatFlag = integerOption(values.repeat, 'repeat');
  if (setRepeats !== undefined && repeatFlag !== undefined && setRepeats !== repeatFlag) {
    throw new UsageError(`--repeat ${repeatFlag} and --set repeats=${setRepeats} disagree; give one`);
  }
  const request = {
    experiment: experimentId,
    params,
    seed: integerOption(values.seed, 'seed'),
    name: values.name,
    repeats: repeatFlag ?? setRepeats,
  };
  const workers = integerOption(values.workers, 'workers');
  const lab = openLab(values.db, workers);
  // From here on the lab may own worker threads: every way out closes it, so the process can end.
  try {
    lab.validate(request); // every problem reported before anything is written
    const display = new ProgressDisplay();
    lab.onEvent((event) => {
      if (event.type === 'progress') display.update(event);
    });
    const jobId = lab.start(request);
    const seed = lab.jobRow(jobId)?.seed;
    process.stderr.write(`job ${jobId}: ${experimentId}, seed ${seed}, ${lab.workerCount} worker${lab.workerCount > 1 ? 's' : ''}\n`);
    let interrupted = false;
    const onSigint = () => {
      if (interrupted) return;
      interrupted = true;
      process.stderr.write('\ncancelling…\n');
      lab.cancel(jobId);
    };
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);
    const status = await lab.whenSettled(jobId);
    display.finish();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    const doc = readDocument(lab, jobId);
    if (doc) {
      if (values.json) process.stdout.write(`${JSON.stringify(doc)}\n`);
      else printJob(doc, process.stderr);
    }
    if (status === 'cancelled') return 130;
    return status === 'done' ? 0 : 1;
  } finally {
    await lab.close();
  }
}

/** The job's document, or null (with the reason on stderr) when the database can no longer give it. */
function readDocument(lab: LabService, jobId: number): JobDocument | null {
  try {
    return lab.jobDocument(jobId);
  } catch (error) {
    if (error instanceof DamagedCurvesError || error instanceof StoreWriteError) {
      console.error(`lab: ${error.message}`);
      return null;
    }
    throw error;
  }
}

function printJob(doc: JobDocument, stream: NodeJS.WritableStream = process.stdout): void {
  const duration = doc.durationMs === null ? '' : ` in ${formatDuration(doc.durationMs)}`;
  stream.write(`job ${doc.jobId} ${doc.experiment}${doc.name ? ` "${doc.name}"` : ''}: ${doc.status}${duration}, seed ${doc.seed}\n`);
  if (doc.problem) stream.write(`  ${jobProblemText(doc.problem, 'en')}\n`);
  const params = Object.entries(doc.params)
    .map(([k, v]) => `${k}=${formatParamValue(v)}`)
    .join(' ');
  stream.write(`  params: ${params}\n`);
  for (const run of doc.runs) {
    const final = Object.entries(run.final)
      .map(([k, v]) => `${k}=${Number.isFinite(v) ? +v.toPrecision(4) : v}`)
      .join(' ');
    stream.write(`  ${String(run.index).padStart(3)}  ${run.label.padEnd(24)} ${run.status.padEnd(10)} ${final}\n`);
    if (run.problem && run.status !== 'done') stream.write(`       ${runProblemText(run.problem, 'en')}\n`);
  }
}

/** A job's date as the list prints it; a date no Date can show is printed as its number, never a crash. */
function when(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString().replace('T', ' ').slice(0, 19);
}

async function jobsCommand(args: string[]): Promise<number> {
  const { values } = parse(args, { experiment: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } });
  const limit = integerOption(values.limit, 'limit', 1) ?? 100;
  if (limit > 10_000) throw new UsageError(`--limit must be at most 10000 (got ${limit})`);
  if (values.experiment !== undefined && !isExperimentId(values.experiment)) {
    throw new UsageError(`unknown experiment ${JSON.stringify(values.experiment)}; \`lab list\` shows them`);
  }
  const lab = openLabForReading(values.db);
  try {
    const jobs = lab.listJobs({ experiment: values.experiment, limit });
    if (values.json) {
      console.log(JSON.stringify(jobs));
      return 0;
    }
    if (jobs.length === 0)
      console.log(values.experiment ? `no ${values.experiment} jobs yet` : 'no jobs yet — try `lab run optimizer-compare`');
    for (const job of jobs) {
      const duration = job.durationMs === null ? '' : formatDuration(job.durationMs);
      console.log(
        `${String(job.id).padStart(5)}  ${when(job.createdAt)}  ${job.experiment.padEnd(22)} ${job.status.padEnd(11)} ${String(job.runCount).padStart(3)} runs  ${duration.padStart(7)}  ${job.name}`,
      );
    }
    return 0;
  } finally {
    await lab.close();
  }
}

async function showCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const jobId = jobIdArg(positionals, 'show');
  const lab = openLabForReading(values.db);
  try {
    const doc = lab.jobDocument(jobId);
    if (!doc) {
      console.error(`lab: no job ${jobId}`);
      return 1;
    }
    if (values.json) console.log(JSON.stringify(doc));
    else printJob(doc);
    return 0;
  } finally {
    await lab.close();
  }
}

async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' }, out: { type: 'string' } });
  const jobId = jobIdArg(positionals, 'export');
  const format = values.format;
  if (format !== 'csv' && format !== 'json') throw new UsageError('export needs --format csv or --format json');
  const lab = openLabForReading(values.db);
  try {
    const file = lab.exportJob(jobId, format);
    if (!file) {
      console.error(`lab: no job ${jobId}`);
      return 1;
    }
    if (values.out) {
      writeFileSync(values.out, file.text);
      console.error(`wrote ${values.out}`);
    } else process.stdout.write(file.text);
    return 0;
  } finally {
    await lab.close();
  }
}

async function deleteCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {});
  const jobId = jobIdArg(positionals, 'delete');
  const lab = openLab(values.db);
  try {
    if (!lab.deleteJob(jobId)) {
      console.error(`lab: no job ${jobId}`);
      return 1;
    }
    console.error(`deleted job ${jobId}`);
    return 0;
  } finally {
    await lab.close();
  }
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {});
  const file = positionals[0];
  if (!file) throw new UsageError('import needs a file exported with `lab export <jobId> --format json`');
  const lab = openLab(values.db);
  try {
    const result = await lab.importJobFile(file);
    if (!result.ok) {
      console.error(`lab: ${result.message}`);
      return 1;
    }
    console.error(`imported ${file} as job ${result.jobId}`);
    return 0;
  } finally {
    await lab.close();
  }
}

async function entry(): Promise<void> {
  // `lab export 1 --format csv | head`: a closed pipe is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError || error instanceof InvalidRequestError) {
      console.error(`lab: ${error.message}`);
      process.exitCode = 2;
    } else if (
      error instanceof StoreVersionError ||
      error instanceof StoreFileError ||
      error instanceof StoreWriteError ||
      error instanceof LabRequestError ||
      error instanceof DamagedCurvesError ||
      error instanceof MnistFileError
    ) {
      console.error(`lab: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(`lab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    }
  }
}

void entry();
