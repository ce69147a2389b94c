// One database, many processes, for real: two `lab run` commands, the web host running a job of its
// own through its HTTP API, and a process reading as fast as it can — all on one SQLite file at
// once. Every job must end `done` with every point stored, and every process must exit cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../store/store.ts';
import { useTempFolders } from '../store/test-helpers.ts';

const tempFolder = useTempFolders();
const CLI = join(import.meta.dirname, '../cli/main.ts');
const FIXTURES = join(import.meta.dirname, 'test-fixtures');
const ITERATIONS = 3000;

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const node = (...args: string[]) => spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });

describe('one database, many processes', () => {
  it('two lab runs, the web host and a reader loop share a file: every job done, every point kept, no crash', async () => {
    const db = join(tempFolder(), 'lab.sqlite');
    openStore(db).close(); // created once, so that no process races another to migrate it
    const cliRun = (seed: number) =>
      run(
        node(
          CLI,
          'run',
          'optimizer-compare',
          '--set',
          'optimizers=SGD,Adam',
          '--set',
          `iterations=${ITERATIONS}`,
          '--set',
          'hiddenSizes=20',
          '--set',
          'batchSize=16',
          '--seed',
          String(seed),
          '--workers',
          '1',
          '--db',
          db,
        ),
      );
    const reader = node(join(FIXTURES, 'reader-loop.ts'), db);
    const reading = run(reader);
    const results = await Promise.all([cliRun(1), cliRun(2), run(node(join(FIXTURES, 'web-host-job.ts'), db, String(ITERATIONS)))]);
    reader.kill('SIGTERM');
    const readerEnd = await reading;

    for (const result of [...results, readerEnd]) {
      expect(result.signal, result.stderr).toBeNull();
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/SqliteError|SQLITE_BUSY|database is locked|Error:/);
    }
    expect(results[2].stdout).toMatch(/^job \d+ done$/m);
    const reads = Number(/reads (\d+)/.exec(readerEnd.stdout)?.[1]);
    expect(reads).toBeGreaterThan(10); // it really read while the others wrote

    const store = openStore(db, { readonly: true });
    const jobs = store.listJobs();
    expect(jobs).toHaveLength(3);
    for (const job of jobs) {
      expect(job.status, `job ${job.id}`).toBe('done');
      const curves = store.getJobCurves(job.id);
      expect(curves.map((c) => [c.metric, c.points.length, c.damage])).toEqual([
        ['loss', ITERATIONS, null],
        ['loss', ITERATIONS, null],
      ]);
    }
    store.close();
    console.log(`concurrency: 4 processes (2 lab run, web host, reader) × ${ITERATIONS} iterations, ${reads} reader passes, 3 jobs done`);
  }, 120_000);
});
