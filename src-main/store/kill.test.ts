import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METRICS, POINTS_PER_BATCH, RUNS, expectedCurve } from './kill-child.ts';
import { openDatabase } from './sqlite.ts';
import { openStore, type Store } from './store.ts';
import { bitsOf, useTempFolders } from './test-helpers.ts';

const tempFolder = useTempFolders();
const CHILD = fileURLToPath(new URL('./kill-child.ts', import.meta.url));

interface KilledWriter {
  jobId: number;
  /** The last batch the child reported as committed before it was killed. */
  reportedBatch: number;
}

/**
 * Starts the writer and SIGKILLs it once it reports `killAfter` committed batches, after a random
 * 0–3 ms: a batch takes about a millisecond and nearly all of it is spent inside writeProgress, so the
 * kill lands at a random point of a transaction — now and then during the WAL write of its commit.
 */
function runAndKill(file: string, killAfter: number): Promise<KilledWriter> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-warnings', CHILD, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let jobId = -1;
    let reportedBatch = 0;
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'job') jobId = Number(value);
        if (word === 'committed') reportedBatch = Number(value);
      }
      if (reportedBatch >= killAfter && child.exitCode === null && !child.killed) {
        const killAt = performance.now() + Math.random() * 3;
        while (performance.now() < killAt); // a timer cannot wait less than 1 ms
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with code ${code} before it was killed:\n${stderr}`));
      else resolve({ jobId, reportedBatch });
    });
  });
}

/**
 * Checks a job its writer was killed in: interrupted with all its runs, and its curves all from one
 * whole batch holding exactly the values written. Returns that batch's curve length.
 */
function expectKilledJobIntact(store: Store, jobId: number): number {
  const job = store.getJob(jobId);
  expect(job?.status).toBe('interrupted');
  expect(job?.runs).toHaveLength(RUNS);
  expect(job?.runs.every((run) => run.status === 'interrupted')).toBe(true);

  const curves = store.getJobCurves(jobId);
  expect(curves).toHaveLength((RUNS - 1) * METRICS.length);
  // One transaction per batch: every curve of the job comes from the same, whole batch...
  const lengths = new Set(curves.map((c) => c.points.length));
  expect(lengths.size).toBe(1);
  const [length] = lengths;
  expect(length % POINTS_PER_BATCH).toBe(0);
  // ...holding exactly the values that were written (a prefix of the ever-growing curves).
  const runIndex = new Map(job?.runs.map((run) => [run.id, run.idx]));
  for (const c of curves) {
    const metric = METRICS.indexOf(c.metric as (typeof METRICS)[number]);
    expect(bitsOf(c.points)).toEqual(bitsOf(expectedCurve(runIndex.get(c.runId) ?? -1, metric, length)));
  }
  return length;
}

describe('store under a kill', () => {
  it('a writer SIGKILLed mid-write leaves an intact file: job and runs interrupted, every reported batch kept', async () => {
    const file = join(tempFolder(), 'lab.sqlite');
    const earlier = new Map<number, number>(); // job id -> curve length found after its kill
    // Kills in a row on the same file, each after a different number of batches (curves of 500 to
    // 4000 points): every reopen must also leave the earlier crashes' jobs as they were.
    for (const killAfter of [10, 25, 40, 55, 70, 80]) {
      const killed = await runAndKill(file, killAfter);
      expect(killed.reportedBatch).toBeGreaterThanOrEqual(killAfter);

      const store = openStore(file);
      expect(store.interruptedAtOpen).toEqual({ jobs: 1, runs: RUNS });
      const length = expectKilledJobIntact(store, killed.jobId);
      // At least the last batch reported committed (a later one may have committed unreported).
      expect(length).toBeGreaterThanOrEqual(killed.reportedBatch * POINTS_PER_BATCH);
      for (const [jobId, lengthThen] of earlier) expect(expectKilledJobIntact(store, jobId)).toBe(lengthThen);
      earlier.set(killed.jobId, length);
      store.close();

      const checker = openDatabase(file, { readonly: true });
      expect(checker.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(checker.pragma('foreign_key_check')).toEqual([]);
      checker.close();
    }
  });
});
