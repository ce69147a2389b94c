// Where the worker entry is: the TypeScript source when running from source (tests, `npm run lab`:
// Node strips the types), or `worker.js` of the bundle in out/main. The bundler may move this code
// into out/main/chunks/, so the built file is looked for beside this module and one folder up.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function defaultWorkerUrl(from: string = import.meta.url): URL {
  // Paths built from variables, so that the bundler leaves them alone.
  const source = '../../src-worker/worker.ts';
  if (from.endsWith('.ts')) return new URL(source, from);
  const candidates = ['./worker.js', '../worker.js'].map((path) => new URL(path, from));
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) throw new Error(`the training worker (worker.js) is missing next to ${fileURLToPath(from)}; rebuild with \`npm run build\``);
  return found;
}
