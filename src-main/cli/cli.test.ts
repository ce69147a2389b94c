import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { problem, problemLine } from '../../src-shared/params/problems.ts';
import { openStore } from '../store/store.ts';
import { openDatabase } from '../store/sqlite.ts';

// The real CLI in a child process (Node runs the TypeScript source), against a temporary database.
const CLI = join(import.meta.dirname, 'main.ts');

/** Points of `metric` committed so far, summed over runs, read without disturbing the writer. */
/** The points committed so far of each curve of a metric (one entry per run that has any). */
function committedPoints(db: string, metric: string): number[] {
  try {
    const raw = openDatabase(db, { readonly: true });
    try {
      const rows = raw.prepare('SELECT length FROM curves WHERE metric = ? ORDER BY run_id').all(metric) as { length: number }[];
      return rows.map((row) => row.length);
    } finally {
      raw.close();
    }
  } catch {
    return []; // not created yet
  }
}

describe('lab CLI', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-lab-cli-'));
    db = join(dir, 'lab.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const lab = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--db', db], { encoding: 'utf8', timeout: 60_000 });
  const start = (...args: string[]): ChildProcess =>
    spawn(process.execPath, [CLI, ...args, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  /** Resolves once the child's stderr shows the progress bar past `percent`. */
  const progressPast = (child: ChildProcess, percent: number) =>
    new Promise<void>((resolve, reject) => {
      let text = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const shown = [...text.matchAll(/(\d+)% \d+\/\d+/g)].map((m) => Number(m[1]));
        if (shown.some((p) => p >= percent)) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before ${percent}%: ${text}`)));
    });

  // `npm test` builds before the unit tests; `vitest` alone on a fresh clone has no bundle to run.
  const BUILT_CLI = join(import.meta.dirname, '../../out/main/cli.js');
  it.skipIf(!existsSync(BUILT_CLI))('runs from the built bundle too, training in the bundled worker', () => {
    const { status, stdout, stderr } = spawnSync(
      process.execPath,
      [
        BUILT_CLI,
        'run',
        'optimizer-compare',
        '--set',
        'iterations=20',
        '--set',
        'optimizers=SGD',
        '--set',
        'hiddenSizes=10',
        '--seed',
        '1',
        '--json',
        '--db',
        db,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(status, stderr).toBe(0);
    expect(JSON.parse(stdout).runs[0].curves.loss).toHaveLength(20);
  });

  it('lists the nine experiments with their defaults', () => {
    const { stdout, status } = lab('list');
    expect(status).toBe(0);
    for (const id of [
      'optimizer-paths',
      'activation-histograms',
      'optimizer-compare',
      'weight-init-compare',
      'batchnorm-compare',
      'overfit-weight-decay',
      'dropout',
      'hyperparameter-search',
      'gradient-check',
    ]) {
      expect(stdout).toContain(`${id}  (`);
    }
    expect(stdout).toMatch(/lrAdam\s+0\.001/);
  });

  it('runs optimizer-paths and prints one JSON document with the book’s last positions', () => {
    const { stdout, status } = lab('run', 'optimizer-paths', '--seed', '1', '--json', '--workers', '1');
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ experiment: 'optimizer-paths', seed: 1, status: 'done' });
    expect(typeof doc.durationMs).toBe('number');
    const last = Object.fromEntries(
      doc.runs.map((r: { label: string; curves: { x: number[]; y: number[] } }) => [r.label, [r.curves.x.at(-1), r.curves.y.at(-1)]]),
    );
    const book: Record<string, [number, number]> = {
      SGD: [-0.387, -0.094],
      Momentum: [0.814, 0.273],
      AdaGrad: [-0.136, 0],
      Adam: [0.02, 0.322],
    };
    for (const [label, [x, y]] of Object.entries(book)) {
      expect(Math.abs(last[label][0] - x)).toBeLessThanOrEqual(0.001);
      expect(Math.abs(last[label][1] - y)).toBeLessThanOrEqual(0.001);
    }
    expect(doc.runs[0]).toMatchObject({ label: 'SGD', params: { optimizer: 'SGD', lr: 0.95 }, status: 'done' });
  });

  it('refuses bad arguments with exit code 2 and every problem named, writing nothing', () => {
    const bad = lab('run', 'optimizer-compare', '--set', 'lrSGD=0', '--set', 'hiddenSizes=100,0');
    expect(bad.status).toBe(2);
    // Each problem on its own line, in English, as problemLine words it.
    const lines = bad.stderr.split('\n').map((line) => line.replace(/^(lab: )?(\d+ problems:)?(- )?/, ''));
    expect(lines).toContain(problemLine(problem('lrSGD', 'not-above-min', { min: 0, got: 0 })));
    expect(lines).toContain(problemLine(problem('hiddenSizes', 'below-min', { index: 2, min: 1, got: 0 })));
    expect(problemLine(problem('hiddenSizes', 'below-min', { index: 2, min: 1, got: 0 }))).toBe(
      'hiddenSizes: Value 2: Must be at least 1 (got 0).',
    );
    const unknown = lab('run', 'nonsense');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/experiment: Unknown experiment \(known: .*optimizer-compare.*\) \(got "nonsense"\)/);
    expect(lab('run', 'dropout', '--seed', 'abc').status).toBe(2);
    expect(lab('frobnicate').status).toBe(2);
    expect(JSON.parse(lab('jobs', '--json').stdout)).toEqual([]);
  });

  it('cancels cleanly on Ctrl-C: exit 130, the job cancelled, its points kept', async () => {
    const child = start('run', 'optimizer-compare', '--set', 'iterations=100000', '--set', 'hiddenSizes=20', '--seed', '3');
    await progressPast(child, 1); // training has produced points
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    const store = openStore(db, { readonly: true });
    const [job] = store.listJobs({});
    expect(job.status).toBe('cancelled');
    expect(store.getJobCurves(job.id)[0].points.length).toBeGreaterThan(0);
    store.close();
  });

  it('survives SIGKILL mid-job: the file opens, passes integrity_check, and the job shows interrupted with its points', async () => {
    const child = start('run', 'overfit-weight-decay', '--set', 'epochs=100000', '--seed', '4');
    await progressPast(child, 0);
    // Kill it once both networks have committed points, a few epochs in all (however loaded the
    // machine is). A curve goes to the store once its oldest point waited STORE_MAX_AGE_MS, so the
    // second network, started a moment later, can have its first chunk in the next write.
    await expect
      .poll(
        () => {
          const points = committedPoints(db, 'testAcc');
          return points.length === 2 && Math.min(...points) >= 1 && points[0] + points[1] >= 3;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(true);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const raw = openDatabase(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const store = openStore(db);
    const [job] = store.listJobs({});
    expect(job.status).toBe('interrupted');
    const detail = store.getJob(job.id)!;
    expect(detail.runs.every((r) => r.status === 'interrupted')).toBe(true);
    const testAcc = store.getJobCurves(job.id).filter((c) => c.metric === 'testAcc');
    expect(testAcc.length).toBe(2);
    expect(testAcc[0].points.length).toBeGreaterThan(0);
    store.close();
  });

  it('shows, exports and deletes a stored job', () => {
    expect(
      lab('run', 'optimizer-compare', '--set', 'iterations=20', '--set', 'optimizers=SGD,Adam', '--set', 'hiddenSizes=10', '--seed', '2')
        .status,
    ).toBe(0);
    const [job] = JSON.parse(lab('jobs', '--json').stdout);
    expect(job).toMatchObject({ experiment: 'optimizer-compare', status: 'done', runCount: 2 });
    expect(lab('show', String(job.id)).stdout).toMatch(/SGD\s+done\s+loss=/);
    const out = join(dir, 'job.csv');
    expect(lab('export', String(job.id), '--format', 'csv', '--out', out).status).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('job_id,run_index,label,metric,x_kind,x,value');
    expect(lines).toHaveLength(1 + 2 * 20);
    const json = JSON.parse(lab('export', String(job.id), '--format', 'json').stdout);
    expect(json.runs[1].curves.loss).toHaveLength(20);
    expect(lab('export', String(job.id), '--format', 'xml').status).toBe(2);
    // A classmate's export comes back as a new job with the same curves.
    const exported = join(dir, 'job.json');
    expect(lab('export', String(job.id), '--format', 'json', '--out', exported).status).toBe(0);
    expect(lab('import', exported).status).toBe(0);
    const [imported] = JSON.parse(lab('jobs', '--json').stdout);
    expect(imported.id).not.toBe(job.id);
    expect(JSON.parse(lab('show', String(imported.id), '--json').stdout).runs[1].curves.loss).toEqual(json.runs[1].curves.loss);
    expect(lab('delete', String(imported.id)).status).toBe(0);
    const bogus = join(dir, 'bogus.json');
    writeFileSync(bogus, '{"format":"something-else"}');
    const refused = lab('import', bogus);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/nothing was imported/);
    expect(lab('delete', String(job.id)).status).toBe(0);
    expect(lab('show', String(job.id)).status).toBe(1);
    expect(JSON.parse(lab('jobs', '--json').stdout)).toEqual([]);
  });

  it('checks a repeated list’s length before expanding it, and refuses a count too big to be one, fast', () => {
    const started = Date.now();
    for (const list of ['1*100000000', '100*99999999999']) {
      const { status, stderr } = lab('run', 'overfit-weight-decay', '--set', `hiddenSizes=${list}`);
      expect(status, stderr).toBe(2);
      expect(stderr).toMatch(/^lab: hiddenSizes: Enter 1–20 values separated by commas/m);
      expect(stderr).not.toMatch(/Invalid array length|\n\s+at /);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(db)).toBe(false); // nothing opened, nothing written
  });

  it('reads numbers as decimals, names a __proto__ parameter, and refuses a bad --limit with a message', () => {
    const hex = lab('run', 'optimizer-compare', '--set', 'iterations=0x10');
    expect(hex.status).toBe(2);
    expect(hex.stderr).toContain('lab: iterations: Enter a number (got NaN).');
    const proto = lab('run', 'optimizer-paths', '--set', '__proto__=1');
    expect(proto.status).toBe(2);
    expect(proto.stderr).toMatch(/lab: __proto__: Unknown parameter/);
    for (const limit of ['-1', '0', 'ten']) {
      const { status, stderr } = lab('jobs', '--limit', limit);
      expect(status, limit).toBe(2);
      // (`-1` reads as another option to the argument parser, which says so.)
      expect(stderr).toMatch(limit === '-1' ? /^lab: Option '--limit' argument is ambiguous/m : /^lab: --limit must be/m);
      expect(stderr).not.toMatch(/no jobs yet|\n\s+at /);
    }
  });

  it('takes --set repeats=N as --repeat N', () => {
    const { status, stdout, stderr } = lab(
      'run',
      'optimizer-paths',
      '--set',
      'repeats=3',
      '--set',
      'optimizers=SGD',
      '--seed',
      '5',
      '--json',
    );
    expect(status, stderr).toBe(0);
    const doc = JSON.parse(stdout) as { params: { repeats: number }; runs: { params: { seed: number } }[] };
    expect(doc.params.repeats).toBe(3);
    expect(doc.runs.map((run) => run.params.seed)).toEqual([5, 6, 7]);
    const disagree = lab('run', 'optimizer-paths', '--set', 'repeats=3', '--repeat', '2');
    expect(disagree.status).toBe(2);
    expect(disagree.stderr).toMatch(/disagree/);
  });
});
