// `npm run bench:store` — write amplification of training: bytes the process writes (the -wal
// file, the checkpoints into the database, everything: /proc/self/io wchar) ÷ bytes the job keeps:
// its curves' points (4 per float32) and what the inspector reads — each run's trained network and
// its X-ray samples (float32 BLOBs too). Both ratios are printed: over all of it and over points. Real jobs through the real lab service: optimizer-compare with SGD
// and Adam (two runs, one per worker thread), real MNIST, the checkpointer thread, a fresh database
// each. The figure depends on how fast points arrive, so two networks are measured:
//   fast  784-20-10, batch 32: ~10⁴ iterations a second per run: 10⁴, 10⁵ and 10⁶ iterations
//   book  784-100-100-100-100-10, batch 128 (the book's net): ~10³ a second: 10⁴ and 10⁵
//         (`--quick`: 10⁴ only)
// `--json` prints one JSON object. Linux only (/proc/self/io).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../store/sqlite.ts';
import { openStore } from '../../store/store.ts';
import { LabService } from '../lab-service.ts';

interface Case {
  net: 'fast' | 'book';
  iterations: number;
}

interface Result extends Case {
  points: number;
  pointBytes: number;
  /** The trained networks' tensors and the X-ray samples of the job's runs. */
  inspectorBytes: number;
  bytesWritten: number;
  /** bytesWritten ÷ (pointBytes + inspectorBytes). */
  amplification: number;
  /** bytesWritten ÷ pointBytes. */
  overPoints: number;
  fileBytes: number;
  seconds: number;
  iterationsPerSecond: number;
}

const NETS = {
  fast: { hiddenSizes: [20], batchSize: 32 },
  book: { hiddenSizes: [100, 100, 100, 100], batchSize: 128 },
} as const;

function bytesWritten(): number {
  const match = /^wchar:\s*(\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
  if (!match) throw new Error('/proc/self/io has no wchar line');
  return Number(match[1]);
}

async function measure({ net, iterations }: Case): Promise<Result> {
  const folder = mkdtempSync(join(tmpdir(), 'dl-lab-bench-store-'));
  const dbPath = join(folder, 'lab.sqlite');
  try {
    const service = new LabService({ dbPath, workers: 2 });
    // What a running app has done before a job: the schema written and checkpointed, the worker
    // threads and the 1 MiB disk reserve (store/disk-reserve.ts) made, MNIST read — a first job of
    // one iteration does it, and the count starts after it.
    const warmUp = service.start({
      experiment: 'optimizer-compare',
      params: { optimizers: ['SGD', 'Adam'], iterations: 1, ...NETS[net] },
      seed: 1,
    });
    await service.whenSettled(warmUp);
    await new Promise((resolve) => setTimeout(resolve, 500)); // its checkpoint
    const before = bytesWritten();
    const t0 = performance.now();
    const jobId = service.start({
      experiment: 'optimizer-compare',
      params: { optimizers: ['SGD', 'Adam'], iterations, ...NETS[net] },
      seed: 1,
    });
    const status = await service.whenSettled(jobId);
    const seconds = (performance.now() - t0) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 600)); // its last checkpoint is part of the cost
    const written = bytesWritten() - before;
    await service.close();
    if (status !== 'done') throw new Error(`the ${net} job of ${iterations} iterations ended ${status}`);
    const store = openStore(dbPath, { readonly: true });
    const points = store.getJobCurves(jobId).reduce((sum, curve) => sum + curve.points.length, 0);
    store.close();
    const raw = openDatabase(dbPath, { readonly: true });
    const { inspectorBytes } = raw
      .prepare(
        `SELECT (SELECT coalesce(sum(length(data)), 0) FROM run_tensors JOIN runs ON runs.id = run_id WHERE job_id = ?)
              + (SELECT coalesce(sum(length(data)), 0) FROM run_xray_samples JOIN runs ON runs.id = run_id WHERE job_id = ?) AS inspectorBytes`,
      )
      .get(jobId, jobId) as { inspectorBytes: number };
    raw.close();
    const fileBytes = ['', '-wal'].reduce((sum, suffix) => {
      try {
        return sum + statSync(dbPath + suffix).size;
      } catch {
        return sum;
      }
    }, 0);
    return {
      net,
      iterations,
      points,
      pointBytes: points * 4,
      inspectorBytes,
      bytesWritten: written,
      amplification: written / (points * 4 + inspectorBytes),
      overPoints: written / (points * 4),
      fileBytes,
      seconds,
      iterationsPerSecond: iterations / seconds,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
const cases: Case[] = (process.env.CASES ? JSON.parse(process.env.CASES) : null) ?? [
  { net: 'fast', iterations: 1e4 },
  { net: 'fast', iterations: 1e5 },
  { net: 'fast', iterations: 1e6 },
  { net: 'book', iterations: 1e4 },
  ...(quick ? [] : [{ net: 'book' as const, iterations: 1e5 }]),
];
const results: Result[] = [];
for (const c of cases) {
  results.push(await measure(c));
  if (!json) {
    const r = results.at(-1)!;
    console.log(
      `${r.net.padEnd(4)} ${r.iterations.toExponential(0).padStart(5)} iterations × 2 runs: ` +
        `${(r.bytesWritten / 2 ** 20).toFixed(2)} MiB written for ${(r.pointBytes / 2 ** 20).toFixed(2)} MiB of points ` +
        `+ ${(r.inspectorBytes / 2 ** 20).toFixed(2)} MiB of networks and X-ray = ${r.amplification.toFixed(2)}× ` +
        `(${r.overPoints.toFixed(2)}× over points alone; file ${(r.fileBytes / 2 ** 20).toFixed(2)} MiB; ${r.iterationsPerSecond.toFixed(0)} it/s per run, ${r.seconds.toFixed(1)} s)`,
    );
  }
}
// What each point costs beyond a job's fixed bookkeeping (its rows, their indexes, its status
// changes, their checkpoints): the slope between the smallest and the largest job of a network.
const marginal = Object.fromEntries(
  (['fast', 'book'] as const).flatMap((net) => {
    const own = results.filter((r) => r.net === net).sort((a, b) => a.iterations - b.iterations);
    if (own.length < 2) return [];
    const [small, large] = [own[0], own.at(-1)!];
    const kept = (r: Result) => r.pointBytes + r.inspectorBytes;
    return [[net, (large.bytesWritten - small.bytesWritten) / (kept(large) - kept(small))]];
  }),
);
const fixed = results
  .filter((r) => r.iterations === 1e4)
  .map((r) => r.bytesWritten - (marginal[r.net] ?? 0) * (r.pointBytes + r.inspectorBytes));
const worst = Math.max(...results.map((r) => r.amplification));
if (json) console.log(JSON.stringify({ results, marginal, worst, goal: 3 }));
else {
  for (const [net, slope] of Object.entries(marginal)) console.log(`${net}: each further byte kept costs ${slope.toFixed(2)}× its size`);
  if (fixed.length > 0) console.log(`a job's fixed bookkeeping: about ${(Math.max(...fixed) / 1024).toFixed(0)} KiB`);
  console.log(`worst: ${worst.toFixed(2)}× (goal ≤ 3×)`);
}
