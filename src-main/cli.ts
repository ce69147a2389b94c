#!/usr/bin/env node
// `lab` — DL Lab from the command line: the same lab service, store and workers as the desktop app.
//   lab list | run | jobs | show | export | delete     (lab help for details)
// Exit codes: 0 done, 1 the job failed (or an operation failed), 2 bad arguments, 130 cancelled.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXPERIMENTS, EXPERIMENT_LIST } from '../src-worker/experiments/catalog.ts';
import { formatParamValue, parseParamText, type ParamSpec } from '../src-worker/experiments/params.ts';
import { ProgressDisplay, formatDuration } from './cli/progress-bar.ts';
import { InvalidRequestError, LabService } from './lab/lab-service.ts';
import { jobCsv, jobDocument } from './lab/job-document.ts';
import { importJobDocumentFile, JobImportError } from './lab/job-import.ts';
import { defaultDbPath } from './paths.ts';
import { StoreFileError, StoreVersionError } from './store/errors.ts';

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

function openLab(db: string | undefined, workers?: number): LabService {
  return new LabService({ dbPath: db ?? defaultDbPath(), workers });
}

function jobIdArg(positionals: string[], command: string): number {
  const text = positionals[0];
  if (text === undefined) throw new UsageError(`${command} needs a job id`);
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`job id must be a positive whole number (got ${JSON.stringify(text)})`);
  return id;
}

function describeSpec(spec: ParamSpec): string {
  let range = '';
  if (spec.kind === 'number' || spec.kind === 'number-list') range = ` [${spec.kind === 'number' && spec.minExclusive ? '>' : ''}${spec.min}…${spec.max}]`;
  if (spec.kind === 'choice' || spec.kind === 'choice-list') range = ` {${spec.options.join(',')}}`;
  return `    ${spec.name.padEnd(16)} ${formatParamValue(spec.default as never).padEnd(26)} ${spec.label.en}${range}`;
}

function listCommand(args: string[]): number {
  const { values } = parse(args, { json: { type: 'boolean' } });
  if (values.json) {
    console.log(JSON.stringify(EXPERIMENT_LIST.map(({ id, section, title, params }) => ({ id, section, title, params })), null, 2));
    return 0;
  }
  for (const experiment of EXPERIMENT_LIST) {
    console.log(`${experiment.id}  (${experiment.section}) ${experiment.title.en} — ${experiment.title.ko}`);
    for (const spec of experiment.params) console.log(describeSpec(spec));
    console.log('');
  }
  return 0;
}

/** `--set name=value` → raw values typed by each parameter's spec (validation comes later, all at once). */
function paramsFromSets(experimentId: string, sets: string[]): Record<string, unknown> {
  const experiment = EXPERIMENTS[experimentId as keyof typeof EXPERIMENTS];
  const params: Record<string, unknown> = {};
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set needs name=value (got ${JSON.stringify(set)})`);
    const name = set.slice(0, eq).trim();
    const text = set.slice(eq + 1);
    const spec = experiment?.params.find((s) => s.name === name);
    params[name] = spec ? parseParamText(spec, text) : text;
  }
  return params;
}

function integerOption(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new UsageError(`--${name} must be a whole number (got ${JSON.stringify(text)})`);
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
  const request = {
    experiment: experimentId,
    params: paramsFromSets(experimentId, values.set ?? []),
    seed: integerOption(values.seed, 'seed'),
    name: values.name,
    repeats: integerOption(values.repeat, 'repeat'),
  };
  const workers = integerOption(values.workers, 'workers');
  const lab = openLab(values.db, workers);
  try {
    lab.validate(request); // every problem reported before anything is written
  } catch (error) {
    lab.store.close();
    throw error;
  }
  const display = new ProgressDisplay();
  lab.onEvent((event) => {
    if (event.type === 'progress') display.update(event);
  });
  const jobId = lab.start(request);
  const seed = lab.store.getJob(jobId)!.seed;
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
  const doc = jobDocument(lab.store, jobId)!;
  await lab.close();
  if (values.json) process.stdout.write(`${JSON.stringify(doc)}\n`);
  else printJob(doc, process.stderr);
  if (status === 'cancelled') return 130;
  return status === 'done' ? 0 : 1;
}

function printJob(doc: NonNullable<ReturnType<typeof jobDocument>>, stream: NodeJS.WritableStream = process.stdout): void {
  const duration = doc.durationMs === null ? '' : ` in ${formatDuration(doc.durationMs)}`;
  stream.write(`job ${doc.jobId} ${doc.experiment}${doc.name ? ` "${doc.name}"` : ''}: ${doc.status}${duration}, seed ${doc.seed}\n`);
  if (doc.error) stream.write(`  error: ${doc.error.split('\n')[0]}\n`);
  const params = Object.entries(doc.params).map(([k, v]) => `${k}=${formatParamValue(v as never)}`).join(' ');
  stream.write(`  params: ${params}\n`);
  for (const run of doc.runs) {
    const final = Object.entries(run.final)
      .map(([k, v]) => `${k}=${Number.isFinite(v) ? +v.toPrecision(4) : v}`)
      .join(' ');
    stream.write(`  ${String(run.index).padStart(3)}  ${run.label.padEnd(24)} ${run.status.padEnd(10)} ${final}\n`);
    if (run.error && run.status !== 'done') stream.write(`       ${run.error.split('\n')[0]}\n`);
  }
}

function jobsCommand(args: string[]): number {
  const { values } = parse(args, { experiment: { type: 'string' }, json: { type: 'boolean' }, limit: { type: 'string' } });
  const lab = openLab(values.db);
  try {
    const jobs = lab.store.listJobs({ experiment: values.experiment, limit: integerOption(values.limit, 'limit') ?? 100 });
    if (values.json) {
      console.log(JSON.stringify(jobs));
      return 0;
    }
    if (jobs.length === 0) console.log('no jobs yet — try `lab run optimizer-compare`');
    for (const job of jobs) {
      const when = new Date(job.createdAt).toISOString().replace('T', ' ').slice(0, 19);
      const duration = job.durationMs === null ? '' : formatDuration(job.durationMs);
      console.log(`${String(job.id).padStart(5)}  ${when}  ${job.experiment.padEnd(22)} ${job.status.padEnd(11)} ${String(job.runCount).padStart(3)} runs  ${duration.padStart(7)}  ${job.name}`);
    }
    return 0;
  } finally {
    lab.store.close();
  }
}

function showCommand(args: string[]): number {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const jobId = jobIdArg(positionals, 'show');
  const lab = openLab(values.db);
  try {
    const doc = jobDocument(lab.store, jobId);
    if (!doc) {
      console.error(`lab: no job ${jobId}`);
      return 1;
    }
    if (values.json) console.log(JSON.stringify(doc));
    else printJob(doc);
    return 0;
  } finally {
    lab.store.close();
  }
}

function exportCommand(args: string[]): number {
  const { values, positionals } = parse(args, { format: { type: 'string' }, out: { type: 'string' } });
  const jobId = jobIdArg(positionals, 'export');
  if (values.format !== 'csv' && values.format !== 'json') throw new UsageError('export needs --format csv or --format json');
  const lab = openLab(values.db);
  try {
    const doc = jobDocument(lab.store, jobId);
    if (!doc) {
      console.error(`lab: no job ${jobId}`);
      return 1;
    }
    const text = values.format === 'csv' ? jobCsv(doc) : `${JSON.stringify(doc, null, 1)}\n`;
    if (values.out) {
      writeFileSync(values.out, text);
      console.error(`wrote ${values.out}`);
    } else process.stdout.write(text);
    return 0;
  } finally {
    lab.store.close();
  }
}

function deleteCommand(args: string[]): number {
  const { values, positionals } = parse(args, {});
  const jobId = jobIdArg(positionals, 'delete');
  const lab = openLab(values.db);
  try {
    if (!lab.store.deleteJob(jobId)) {
      console.error(`lab: no job ${jobId}`);
      return 1;
    }
    console.error(`deleted job ${jobId}`);
    return 0;
  } finally {
    lab.store.close();
  }
}

function importCommand(args: string[]): number {
  const { values, positionals } = parse(args, {});
  const file = positionals[0];
  if (!file) throw new UsageError('import needs a file exported with `lab export <jobId> --format json`');
  const lab = openLab(values.db);
  try {
    const { jobId } = importJobDocumentFile(lab.store, file);
    console.error(`imported ${file} as job ${jobId}`);
    return 0;
  } catch (error) {
    if (error instanceof JobImportError) {
      console.error(`lab: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    lab.store.close();
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
    } else if (error instanceof StoreVersionError || error instanceof StoreFileError) {
      console.error(`lab: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(`lab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    }
  }
}

void entry();
