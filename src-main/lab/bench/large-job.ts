// `npm run bench:service` — the lab service under a very large job: a hyperparameter search of
// 10,000 trials × 20 repeats (200,000 runs) through the real service (real workers, real SQLite in
// a temporary folder, real MNIST). It times the calls a host makes — start, a page of the job
// (getJob, and the bytes of its JSON), the history list, cancel — and samples the event loop every
// millisecond the whole time, so the longest block says how long the app's UI (or the web host)
// could have waited on the service. Also the peak RSS and the RSS after the cancel. `--json` prints
// one object. The goal (issue "One database, many processes"): no call blocks for more than 100 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabService } from '../lab-service.ts';

const TRIALS = 10_000;
const REPEATS = 20;

/** The longest gap between 1 ms ticks, per phase. */
class LoopSampler {
  #last = performance.now();
  #timer: NodeJS.Timeout;
  phase = 'idle';
  readonly longest: Record<string, number> = {};
  peakRss = process.memoryUsage.rss();

  constructor() {
    this.#timer = setInterval(() => {
      const now = performance.now();
      this.longest[this.phase] = Math.max(this.longest[this.phase] ?? 0, now - this.#last);
      this.#last = now;
      this.peakRss = Math.max(this.peakRss, process.memoryUsage.rss());
    }, 1);
  }

  /** Ends the current phase at a tick, so that a block is counted in the phase that caused it. */
  async enter(phase: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 2));
    this.phase = phase;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

function timed<T>(call: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = call();
  return { value, ms: performance.now() - t0 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const folder = mkdtempSync(join(tmpdir(), 'dl-lab-bench-service-'));
const json = process.argv.includes('--json');
try {
  const service = new LabService({ dbPath: join(folder, 'lab.sqlite'), workers: 2 });
  await service.warmUp();
  const sampler = new LoopSampler();
  const rssBefore = process.memoryUsage.rss();

  await sampler.enter('start');
  const start = timed(() => service.start({ experiment: 'hyperparameter-search', params: { trials: TRIALS }, seed: 1, repeats: REPEATS }));
  const jobId = start.value;
  await sampler.enter('preparing and training');
  await sleep(8000); // its runs are written in steps meanwhile, and the first trials train

  await sampler.enter('getJob');
  const page = timed(() => JSON.stringify(service.getJob(jobId)));
  await sampler.enter('queryJobs');
  const list = timed(() => JSON.stringify(service.queryJobs({ offset: 0, limit: 50 })));
  await sampler.enter('training');
  await sleep(2000);

  await sampler.enter('cancel');
  const cancel = timed(() => service.cancel(jobId));
  const t0 = performance.now();
  const status = await service.whenSettled(jobId);
  const settledMs = performance.now() - t0;
  await sampler.enter('after');
  await sleep(3000);
  globalThis.gc?.();
  const rssAfter = process.memoryUsage.rss();
  sampler.stop();
  await service.close();

  const result = {
    runs: TRIALS * REPEATS,
    startMs: start.ms,
    getJobMs: page.ms,
    getJobBytes: page.value.length,
    queryJobsMs: list.ms,
    cancelMs: cancel.ms,
    cancelToSettledMs: settledMs,
    status,
    longestBlockMs: sampler.longest,
    worstBlockMs: Math.max(...Object.values(sampler.longest)),
    rssBeforeMB: rssBefore / 1e6,
    peakRssMB: sampler.peakRss / 1e6,
    rssAfterMB: rssAfter / 1e6,
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(
      `a search of ${TRIALS.toLocaleString('en')} trials × ${REPEATS} repeats (${result.runs.toLocaleString('en')} runs), ended ${status}`,
    );
    console.log(
      `start ${start.ms.toFixed(0)} ms · getJob ${page.ms.toFixed(0)} ms (${(page.value.length / 1e6).toFixed(2)} MB of JSON) · history page ${list.ms.toFixed(0)} ms`,
    );
    console.log(`cancel ${cancel.ms.toFixed(0)} ms, settled after ${settledMs.toFixed(0)} ms`);
    console.log(
      `longest event-loop block: ${Object.entries(sampler.longest)
        .map(([phase, ms]) => `${phase} ${ms.toFixed(0)} ms`)
        .join(' · ')} (goal ≤ 100 ms)`,
    );
    console.log(
      `RSS ${result.rssBeforeMB.toFixed(0)} MB before, peak ${result.peakRssMB.toFixed(0)} MB, ${result.rssAfterMB.toFixed(0)} MB after the cancel`,
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
