// Where the worker entry is: the TypeScript source when running from source (tests, `npm run lab`:
// Node strips the types), or `worker.js` of the bundle in out/main. The bundler may move this code
// into out/main/chunks/, so the built file is looked for beside this module and one folder up.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function defaultWorkerUrl(from: string = import.meta.url): URL {
  return entryUrl('worker', 'training', from);
}

/** The inspection worker (src-worker/inspect-worker.ts), found the same way. */
export function inspectWorkerUrl(from: string = import.meta.url): URL {
  return entryUrl('inspect-worker', 'inspection', from);
}

function entryUrl(name: string, what: string, from: string): URL {
  // Paths built from variables, so that the bundler leaves them alone.
  const source = `../../src-worker/${name}.ts`;
  if (from.endsWith('.ts')) return new URL(source, from);
  const candidates = [`./${name}.js`, `../${name}.js`].map((path) => new URL(path, from));
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) throw new Error(`the ${what} worker (${name}.js) is missing next to ${fileURLToPath(from)}; rebuild with \`npm run build\``);
  return found;
}
