// Run by kill.test.ts in a child process (`node kill-child.ts <db file>`): opens the store, starts a
// job and writes progress for its runs in a loop — one transaction per batch, each curve growing by
// a chunk of POINTS_PER_BATCH — printing `committed <batch>` after each commit returns, until it is
// SIGKILLed.
import { writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openStore } from './store.ts';
import type { RunProgress } from './types.ts';

export const RUNS = 17; // the last one stays queued, as a run waiting for a worker would
export const METRICS = ['loss', 'trainAcc', 'testAcc'] as const;
export const POINTS_PER_BATCH = 50;
const MAX_BATCHES = 1000; // if nobody kills us, stop instead of filling the disk

/** Point i of a run's metric: the same at every batch, so any stored curve can be checked as a prefix. */
export function expectedPoint(run: number, metric: number, i: number): number {
  if (i % 97 === 96) return NaN; // diverged-looking values must survive too
  return Math.fround(Math.exp(-i / 500) * (metric + 1) + run / 100 + Math.sin(i) / 1000);
}

export function expectedCurve(run: number, metric: number, length: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => expectedPoint(run, metric, i));
}

function main(file: string): void {
  const say = (line: string): void => void writeSync(1, `${line}\n`); // unbuffered: printed means committed
  const store = openStore(file);
  const { jobId, runIds } = store.createJob(
    { experiment: 'kill-test', params: { runs: RUNS }, seed: 1 },
    Array.from({ length: RUNS }, (_, run) => ({ label: `run ${run}`, params: { run } })),
  );
  const active = runIds.slice(0, -1);
  // Computed once, handed out as growing views: the loop's time is then spent inside writeProgress,
  // so the kill lands in a transaction (or its WAL write) rather than in our own arithmetic.
  const full = active.map((_, run) => METRICS.map((_, m) => expectedCurve(run, m, MAX_BATCHES * POINTS_PER_BATCH)));
  say(`job ${jobId}`);
  for (let batch = 1; batch <= MAX_BATCHES; batch++) {
    const start = (batch - 1) * POINTS_PER_BATCH;
    const progress: RunProgress[] = active.map((runId, run) => ({
      runId,
      status: batch === 1 ? 'running' : undefined,
      curves: METRICS.map((metric, m) => ({
        metric,
        xKind: 'iteration',
        start,
        points: full[run][m].subarray(start, start + POINTS_PER_BATCH),
      })),
    }));
    store.writeProgress(progress);
    say(`committed ${batch}`);
  }
  store.close();
  process.exit(3); // the test treats a child that was never killed as a failure
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv[2]);
