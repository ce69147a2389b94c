import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from './build-if-stale.mjs';

const { nodeProblem, commandName } = createRequire(import.meta.url)('./check-node.cjs') as {
  nodeProblem: (version: string, command?: string | null) => string | null;
  commandName: (env: Record<string, string | undefined>) => string | null;
};

describe('the Node check of every entry point', () => {
  it('says in one line which Node is needed, how to get it, and the command to run again', () => {
    const line = nodeProblem('v20.20.2', 'npm run web')!;
    expect(line).not.toContain('\n');
    expect(line).toContain('>= 22.12');
    expect(line).toContain('v20.20.2');
    expect(line).toContain('source scripts/use-node.sh');
    expect(line).toContain('`npm run web`');
    expect(nodeProblem('v22.11.0', 'npm test')).not.toBeNull();
    for (const fine of ['v22.12.0', 'v22.18.1', 'v24.22.3', 'v26.0.0']) expect(nodeProblem(fine, 'npm test')).toBeNull();
  });

  it('names the command npm ran; an install is to be redone with `npm ci` (native modules were built for the old Node)', () => {
    expect(commandName({ npm_lifecycle_event: 'web' })).toBe('npm run web');
    expect(commandName({ npm_lifecycle_event: 'bench:store' })).toBe('npm run bench:store');
    expect(commandName({ npm_lifecycle_event: 'test' })).toBe('npm test');
    expect(commandName({ npm_lifecycle_event: 'start' })).toBe('npm start');
    expect(commandName({ npm_lifecycle_event: 'preinstall', npm_command: 'install' })).toBe('npm ci');
    expect(commandName({})).toBeNull();
  });

  // A real old Node where the machine has one (Debian's Node 20 here): the launcher of the lab, the
  // web host and the benches stops before Node can choke on --experimental-strip-types.
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find(
    (path) => existsSync(path) && Number(spawnSync(path, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout) < 22,
  );
  it.skipIf(!oldNode)('on an old Node, the lab, the web host and npm start print that one line and exit 1', () => {
    for (const args of [
      ['scripts/run-ts.mjs', 'src-main/cli/main.ts', 'jobs'],
      ['scripts/web.mjs'],
      ['scripts/start.mjs'],
      ['scripts/test.mjs'],
    ]) {
      const result = spawnSync(oldNode!, args, {
        cwd: join(import.meta.dirname, '..'),
        encoding: 'utf8',
        env: { ...process.env, npm_lifecycle_event: '' },
      });
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^DL Lab needs Node\.js >= 22\.12 .*source scripts\/use-node\.sh/);
    }
  });
});

describe('building only when a source changed', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function project(): string {
    const root = mkdtempSync(join(tmpdir(), 'dl-lab-stale-'));
    dirs.push(root);
    mkdirSync(join(root, 'src/deep'), { recursive: true });
    mkdirSync(join(root, 'out'), { recursive: true });
    writeFileSync(join(root, 'src/deep/a.ts'), '');
    writeFileSync(join(root, 'config.ts'), '');
    return root;
  }
  const at = (root: string, file: string, seconds: number) => utimesSync(join(root, file), seconds, seconds);

  it('needs a build when an output is missing, or any input file (however deep) is newer than the oldest output', () => {
    const root = project();
    const inputs = ['src', 'config.ts'];
    const outputs = ['out/a.js', 'out/b.html'];
    expect(staleReason(root, inputs, outputs)).toBe('out/a.js is missing');
    writeFileSync(join(root, 'out/a.js'), '');
    writeFileSync(join(root, 'out/b.html'), '');
    for (const file of ['src', 'src/deep', 'src/deep/a.ts', 'config.ts']) at(root, file, 1000);
    at(root, 'out/a.js', 2000);
    at(root, 'out/b.html', 3000);
    expect(staleReason(root, inputs, outputs)).toBeNull();
    at(root, 'src/deep/a.ts', 2500); // newer than one output
    expect(staleReason(root, inputs, outputs)).toBe('src changed since the last build');
    at(root, 'src/deep/a.ts', 1000);
    at(root, 'config.ts', 4000);
    expect(staleReason(root, inputs, outputs)).toBe('config.ts changed since the last build');
  });
});
