// A worker that behaves like the real one, except that the run with index 1 reports some progress
// and then fails with an error text full of what must never reach a screen (a stack frame, file
// paths): progress must not count that run's work as done, and its problem must read cleanly.
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', (task: { type: string; taskId: number; runIndex: number }) => {
  if (task.type !== 'run' || task.runIndex !== 1) return;
  parentPort!.postMessage({ type: 'progress', taskId: task.taskId, done: 10, total: 30, curves: {}, replace: [] });
  parentPort!.postMessage({
    type: 'failed',
    taskId: task.taskId,
    message: 'Cannot read /home/someone/dl-lab/src-worker/engine/net.ts:12:5\n    at train (file:///opt/dl-lab/out/worker.js:1:2)',
    detail: '',
  });
});
await import('../../../src-worker/worker.ts');
