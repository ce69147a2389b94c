// `npm run web`: the app in a browser — the lab service behind the loopback web host, serving the
// built renderer. Builds first only when a source changed since the last build.
import { join } from 'node:path';
import checkNode from './check-node.cjs';

checkNode.requireNode('npm run web');
const { buildIfStale } = await import('./build-if-stale.mjs');
const { runTypeScript } = await import('./run-ts.mjs');
const root = join(import.meta.dirname, '..');
buildIfStale(root);
await runTypeScript(join(root, 'src-main/web-host/main.ts'), process.argv.slice(2));
