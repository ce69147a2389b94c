import { afterEach, describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src-shared/experiments/catalog.ts';
import { defaultsOf } from '../../src-shared/params/spec.ts';
import type { FromWorker } from '../../src-worker/protocol.ts';
import { loadSharedMnist } from './lab-service.ts';
import { WorkerPool } from './worker-pool.ts';
import { defaultWorkerUrl } from './worker-url.ts';

type Finished = Extract<FromWorker, { type: 'finished' }>;

/** One network of the dropout experiment, short: its 10,000 test images are measured every epoch. */
const spec = EXPERIMENTS.dropout;
const params = { ...defaultsOf(spec.params), compareWithout: false, epochs: 40 };
const [plan] = spec.plan(params, 5);

interface Trained {
  finished: Finished;
  curves: Record<string, number[]>;
}

// Real worker threads running the TypeScript sources, real MNIST in SharedArrayBuffers.
describe('worker pool: idle workers lent to a run’s measurements', () => {
  let pool: WorkerPool | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  /** Trains the run on a pool of `size` workers that lends its idle ones; `onProgress` sees each progress message. */
  function train(size: number, onProgress: (done: number, pool: WorkerPool) => void = () => {}): Promise<Trained> {
    return new Promise((resolve, reject) => {
      const curves: Record<string, number[]> = {};
      const p = new WorkerPool({
        size,
        workerUrl: defaultWorkerUrl(),
        handlers: {
          onProgress: (message) => {
            for (const [metric, points] of Object.entries(message.curves)) (curves[metric] ??= []).push(...points);
            onProgress(message.done / message.total, p);
          },
          onFinished: (finished) => resolve({ finished, curves }),
          onFailed: (_, problem) => reject(new Error(JSON.stringify(problem))),
          onHelpChanged: () => p.lendIdleCores(),
        },
      });
      pool = p;
      p.provideMnist(loadSharedMnist());
      p.dispatch(0, { type: 'run', taskId: 1, experiment: 'dropout', params, seed: 5, runIndex: 0, run: plan });
    });
  }

  it('measures with the lent worker and keeps, bit for bit, the curves of the run measured alone', async () => {
    const alone = await train(1);
    await pool!.close();
    const helped = await train(2);
    expect(alone.finished.helpedGroups).toBe(0);
    // The helper measured a share of most epochs' test images (it joins once its copy is built).
    expect(helped.finished.helpedGroups).toBeGreaterThan(20 * 800);
    expect(helped.curves.testAcc).toHaveLength(40);
    expect(helped.curves).toEqual(alone.curves);
    expect(helped.finished.outcome.final).toEqual(alone.finished.outcome.final);
  }, 60_000);

  it('carries on alone, with the same curves, when the lent worker is killed mid-run', async () => {
    const alone = await train(1);
    await pool!.close();
    let killed = false;
    const helped = await train(2, (done, p) => {
      const [helper] = p.lentThreads();
      if (!killed && done > 0.4 && helper) {
        killed = true;
        void helper.terminate();
      }
    });
    expect(killed).toBe(true);
    expect(helped.finished.outcome.status).toBe('done');
    expect(helped.curves).toEqual(alone.curves);
    // The replacement worker is lent again and helps with the rest.
    expect(helped.finished.helpedGroups).toBeGreaterThan(0);
  }, 60_000);
});
