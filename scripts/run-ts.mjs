// `node scripts/run-ts.mjs FILE.ts ARGS…`: runs a TypeScript entry point (the lab CLI, the web host,
// the benches) after checking the Node version in one line. Node ≥ 22.18 / 23.6 strips types by
// itself and the file runs in this process; older 22.x need --experimental-strip-types, so Node
// is run again with it. `runTypeScript` does the same for another script (scripts/web.mjs).
import { spawn } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import checkNode from './check-node.cjs';

/** Runs `entry` with `args` as its command line (call after checkNode.requireNode). */
export async function runTypeScript(entry, args) {
  const source = realpathSync(entry); // as import.meta.url names it, for the entry's own "am I the program" check
  if (process.features.typescript) {
    process.argv = [process.argv[0], source, ...args];
    await import(source);
    return;
  }
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', source, ...args], { stdio: 'inherit' });
  // Ctrl-C reaches both processes from the terminal: this one waits for the child's own shutdown.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  checkNode.requireNode();
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: node scripts/run-ts.mjs FILE.ts [ARGS…]');
    process.exit(2);
  }
  await runTypeScript(entry, args);
}
