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
  const seconds = (poolSize: number): Promise<number> =>
    withWarmService(poolSize, async (service) => {
      log(`lone network: dropout without its comparison, ${poolSize} worker${poolSize === 1 ? '' : 's'}`);
      const t0 = performance.now();
      const status = await service.whenSettled(service.start({ experiment: 'dropout', params: { compareWithout: false }, seed: 1 }));
      if (status !== 'done') throw new Error(`lone network: the job ended ${status}`);
      return (performance.now() - t0) / 1000;
    });
  const aloneSeconds = await seconds(1);
  return { workers, aloneSeconds, helpedSeconds: workers > 1 ? await seconds(workers) : aloneSeconds };
}

/**
 * A lab service of `workers` workers on a database in a temporary folder (removed after), its
 * workers started and MNIST shared before `use` runs, as in an app that already ran a job.
 */
async function withWarmService<T>(workers: number, use: (service: LabService, dbPath: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'dl-lab-bench-'));
  const dbPath = join(folder, 'lab.sqlite');
  const service = new LabService({ dbPath, workers });
  try {
    await service.whenSettled(service.start({ experiment: 'optimizer-compare', params: { iterations: 1 }, seed: 1 }));
    return await use(service, dbPath);
  } finally {
    await service.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function runSuite(log: (line: string) => void = () => {}): Promise<SuiteResult> {
  const workers = availableParallelism();
  return withWarmService(workers, async (service, dbPath) => {
    const databaseBytes = (): number => {
      const db = openDatabase(dbPath, { readonly: true });
      try {
        return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
      } finally {
        db.close();
      }
    };
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
  });
}
