// The bench's suite: the chapter's six MNIST experiments at their defaults, end to end through the
// lab service as the app runs them — real worker threads (one per core), real SQLite in a
// temporary folder, MNIST read once. Seconds per experiment, the peak RSS of the process (main and
// workers are threads of it) while each ran, and how much the job grew the database (its curves,
// kept networks and X-ray: page_count × page_size, which a reader sees including the WAL).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExperimentId } from '../../../src-shared/experiments/spec.ts';
import { openDatabase } from '../../store/sqlite.ts';
import { LabService } from '../lab-service.ts';

/** The six MNIST experiments, in the chapter's order. */
export const SUITE: readonly ExperimentId[] = [
  'optimizer-compare',
  'weight-init-compare',
  'batchnorm-compare',
  'overfit-weight-decay',
  'dropout',
  'hyperparameter-search',
];

export interface SuiteResult {
  workers: number;
  seconds: Record<string, number>;
  totalSeconds: number;
  peakRssMB: Record<string, number>;
  dbGrowthMB: Record<string, number>;
}

/** One network trained alone, every core available: the dropout experiment without its comparison. */
export interface LoneNetworkResult {
  workers: number;
  /** Seconds on a pool of one worker, and on one of `workers` that lends the idle ones to its measurements. */
  aloneSeconds: number;
  helpedSeconds: number;
}

export async function runLoneNetwork(log: (line: string) => void = () => {}): Promise<LoneNetworkResult> {
  const workers = availableParallelism();
  const seconds = async (poolSize: number): Promise<number> => {
    const folder = mkdtempSync(join(tmpdir(), 'dl-lab-bench-lone-'));
    const service = new LabService({ dbPath: join(folder, 'lab.sqlite'), workers: poolSize });
    try {
      await service.whenSettled(service.start({ experiment: 'optimizer-compare', params: { iterations: 1 }, seed: 1 }));
      log(`lone network: dropout without its comparison, ${poolSize} worker${poolSize === 1 ? '' : 's'}`);
      const t0 = performance.now();
      const status = await service.whenSettled(service.start({ experiment: 'dropout', params: { compareWithout: false }, seed: 1 }));
      if (status !== 'done') throw new Error(`lone network: the job ended ${status}`);
      return (performance.now() - t0) / 1000;
    } finally {
      await service.close();
      rmSync(folder, { recursive: true, force: true });
    }
  };
  const aloneSeconds = await seconds(1);
  return { workers, aloneSeconds, helpedSeconds: workers > 1 ? await seconds(workers) : aloneSeconds };
}

export async function runSuite(log: (line: string) => void = () => {}): Promise<SuiteResult> {
  const folder = mkdtempSync(join(tmpdir(), 'dl-lab-bench-suite-'));
  const workers = availableParallelism();
  const dbPath = join(folder, 'lab.sqlite');
  const service = new LabService({ dbPath, workers });
  const databaseBytes = (): number => {
    const db = openDatabase(dbPath, { readonly: true });
    try {
      return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    } finally {
      db.close();
    }
  };
  try {
    // Workers started and MNIST shared before the clock runs, as in an app that already ran a job.
    await service.whenSettled(service.start({ experiment: 'optimizer-compare', params: { iterations: 1 }, seed: 1 }));
    const seconds: Record<string, number> = {};
    const peakRssMB: Record<string, number> = {};
    const dbGrowthMB: Record<string, number> = {};
    for (const experiment of SUITE) {
      const sizeBefore = databaseBytes();
      log(`suite: ${experiment}`);
      let peak = process.memoryUsage.rss();
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
      const t0 = performance.now();
      const jobId = service.start({ experiment, seed: 1 });
      const status = await service.whenSettled(jobId);
      seconds[experiment] = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      peakRssMB[experiment] = Math.max(peak, process.memoryUsage.rss()) / 2 ** 20;
      if (status !== 'done') throw new Error(`suite: ${experiment} ended ${status}`);
      dbGrowthMB[experiment] = (databaseBytes() - sizeBefore) / 2 ** 20;
    }
    const totalSeconds = Object.values(seconds).reduce((a, b) => a + b, 0);
    return { workers, seconds, totalSeconds, peakRssMB, dbGrowthMB };
  } finally {
    await service.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
