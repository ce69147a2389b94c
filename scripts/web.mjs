// `npm run web`: the same UI and lab service for a browser at a loopback address. Rebuilds out/ only
// when the sources changed since the last build (scripts/stale.mjs), then starts the web host with
// the arguments given (`npm run web -- --port 5190 --db FILE --workers 1`).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { staleReason } from './stale.mjs';

const root = join(import.meta.dirname, '..');
const reason = staleReason(root);
if (reason) {
  console.log(`web: building (${reason})`);
  const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const host = spawn(
  process.execPath,
  ['--experimental-strip-types', '--no-warnings', join(root, 'src-main/web-host/main.ts'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => host.kill(signal));
host.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
