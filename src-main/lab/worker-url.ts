// Where a worker thread's entry is: the TypeScript source when running from source (tests,
// `npm run lab`: Node strips the types), or its `.js` in the bundle in out/main. The bundler may
// move this code into out/main/chunks/, so the built file is looked for beside this module and one
// folder up.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The entries electron.vite.config.ts builds into out/main, by their source from this folder. */
const ENTRIES = {
  /** The training worker. */
  worker: '../../src-worker/worker.ts',
  /** The store's checkpointer. */
  'checkpoint-worker': '../store/checkpoint-worker.ts',
  /** The reader of imports. */
  'import-worker': './import-worker.ts',
} as const;

export function entryUrl(entry: keyof typeof ENTRIES, from: string = import.meta.url): URL {
  // Paths built from variables, so that the bundler leaves them alone.
  const source = ENTRIES[entry];
  if (from.endsWith('.ts')) return new URL(source, from);
  const candidates = [`./${entry}.js`, `../${entry}.js`].map((path) => new URL(path, from));
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) throw new Error(`${entry}.js is missing next to ${fileURLToPath(from)}; rebuild with \`npm run build\``);
  return found;
}

/** The training worker's entry. */
export const defaultWorkerUrl = (from: string = import.meta.url): URL => entryUrl('worker', from);
