// A worker that behaves like the real one but dies outright (process-level exit of its thread)
// when asked to train the run with index 1: the pool must fail that run, replace the worker and
// go on with the others.
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', (task: { runIndex: number }) => {
  if (task.runIndex === 1) process.exit(3);
});
await import('../../../src-worker/worker.ts');
