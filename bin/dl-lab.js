#!/usr/bin/env node
// The `dl-lab` command: runs the CLI's TypeScript source, which Node ≥ 22.18 / 23.6 strips of its
// types by itself (older 22.x need --experimental-strip-types, so we re-run Node with it).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import checkNode from '../scripts/check-node.cjs';

checkNode.requireNode('dl-lab');

const source = fileURLToPath(new URL('../src-main/cli/main.ts', import.meta.url));
if (process.features.typescript) {
  await import(source);
} else {
  const { status } = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', source, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(status ?? 1);
}
