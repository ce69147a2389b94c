// The launcher every npm entry point goes through: on an old Node it says in one line which Node
// DL Lab needs and how to get it, before anything else runs; on a current one it runs the task.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_INPUTS, BUILD_OUTPUTS, staleReason } from './stale.mjs';

const require = createRequire(import.meta.url);
const { nodeProblem, TASKS } = require('./run.cjs') as {
  nodeProblem: (version: string, task: string) => string | null;
  TASKS: Record<string, string[][]>;
};
const root = join(import.meta.dirname, '..');
const packageJson = require('../package.json') as { scripts: Record<string, string> };

/** Runs the launcher under this Node pretending to be `version`. */
function launchAs(version: string, task: string): { status: number | null; stdout: string; stderr: string } {
  const pretend = `Object.defineProperty(process.versions, 'node', { value: ${JSON.stringify(version)} });`;
  const preload = join(mkdtempSync(join(tmpdir(), 'dl-lab-run-')), 'pretend.cjs');
  writeFileSync(preload, pretend);
  try {
    return spawnSync(process.execPath, ['--require', preload, join(root, 'scripts/run.cjs'), task], { encoding: 'utf8', timeout: 30_000 });
  } finally {
    rmSync(dirname(preload), { recursive: true, force: true });
  }
}

describe('the Node launcher', () => {
  it('refuses Node 20 in one line naming the Node it needs and `source scripts/use-node.sh`', () => {
    const message = nodeProblem('20.19.2', 'web');
    expect(message).toContain('Node.js >= 22.12');
    expect(message).toContain('v20.19.2');
    expect(message).toContain('source scripts/use-node.sh');
    expect(message).toContain('`npm run web` again');
    expect(message).not.toContain('\n');
    expect(nodeProblem('22.11.0', 'lab')).toContain('`npm run lab` again');
    expect(nodeProblem('18.0.0', 'install')).toContain('`npm install` again');
    expect(nodeProblem('20.0.0', 'start')).toContain('`npm start` again');
  });

  it('accepts Node 22.12 and newer', () => {
    expect(nodeProblem('22.12.0', 'web')).toBeNull();
    expect(nodeProblem('v24.1.0', 'web')).toBeNull();
    expect(nodeProblem('23.0.0', 'web')).toBeNull();
  });

  it('stops an old Node before the task runs, with exit code 1 and nothing else printed', () => {
    for (const task of ['web', 'lab', 'start', 'bench']) {
      const { status, stdout, stderr } = launchAs('20.19.2', task);
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain('source scripts/use-node.sh');
    }
  });

  it('runs the task on a current Node (`lab list`)', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts/run.cjs'), 'lab', 'list'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('hyperparameter-search');
  });

  it('is the way in of every entry point of package.json', () => {
    for (const script of ['start', 'web', 'lab', 'test', 'bench', 'bench:store', 'dev', 'build']) {
      expect(packageJson.scripts[script], script).toBe(`node scripts/run.cjs ${script}`);
      expect(TASKS[script], script).toBeDefined();
    }
    expect(packageJson.scripts.preinstall).toBe('node scripts/check-node.cjs');
  });

  it('the preinstall check says the same one line under an old Node', () => {
    const preload = join(mkdtempSync(join(tmpdir(), 'dl-lab-run-')), 'pretend.cjs');
    writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '20.19.2' });");
    const result = spawnSync(process.execPath, ['--require', preload, join(root, 'scripts/check-node.cjs')], { encoding: 'utf8' });
    rmSync(dirname(preload), { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(nodeProblem('20.19.2', 'install'));
  });
});

describe('the rebuild check of npm start and npm run web', () => {
  function project(): string {
    const dir = mkdtempSync(join(tmpdir(), 'dl-lab-stale-'));
    for (const input of BUILD_INPUTS) {
      if (input.includes('.')) writeFileSync(join(dir, input), '');
      else {
        mkdirSync(join(dir, input, 'deep'), { recursive: true });
        writeFileSync(join(dir, input, 'deep', 'a.ts'), '');
      }
    }
    return dir;
  }
  const build = (dir: string, at: number) => {
    for (const output of BUILD_OUTPUTS) {
      mkdirSync(dirname(join(dir, output)), { recursive: true });
      writeFileSync(join(dir, output), '');
      utimesSync(join(dir, output), at, at);
    }
  };
  const touch = (path: string, at: number) => utimesSync(path, at, at);

  it('builds when out/ is missing, skips when it is newer than every source, rebuilds after a change', () => {
    const dir = project();
    try {
      const t = Date.now() / 1000;
      for (const input of BUILD_INPUTS) {
        touch(join(dir, input), t - 100);
        if (!input.includes('.')) {
          touch(join(dir, input, 'deep'), t - 100);
          touch(join(dir, input, 'deep', 'a.ts'), t - 100);
        }
      }
      expect(staleReason(dir)).toMatch(/missing/);
      build(dir, t - 50);
      expect(staleReason(dir)).toBeNull();
      touch(join(dir, 'src-shared', 'deep', 'a.ts'), t - 10); // a shared file: the renderer and main both use it
      expect(staleReason(dir)).toBe('src-shared changed since the last build');
      build(dir, t);
      expect(staleReason(dir)).toBeNull();
      touch(join(dir, 'electron.vite.config.ts'), t + 5);
      expect(staleReason(dir)).toBe('electron.vite.config.ts changed since the last build');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
