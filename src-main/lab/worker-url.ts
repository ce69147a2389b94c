// Where a worker thread's entry is: the TypeScript source when running from source (tests,
// `npm run lab`: Node strips the types), or its `.js` in the bundle in out/main. The bundler may
// move this code into out/main/chunks/, so the built file is looked for beside this module and one
// folder up. In a packaged app the bundle is inside app.asar and the workers' files are unpacked
// beside it (electron-builder.yml asarUnpack): a worker starts from app.asar.unpacked.
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
  /** The inspection worker (confusion matrices, mistakes, a drawn digit's softmax). */
  'inspect-worker': '../../src-worker/inspect-worker.ts',
} as const;

export function entryUrl(entry: keyof typeof ENTRIES, from: string = import.meta.url): URL {
  // Paths built from variables, so that the bundler leaves them alone.
  const source = ENTRIES[entry];
  if (from.endsWith('.ts')) return new URL(source, from);
  const candidates = [`./${entry}.js`, `../${entry}.js`].flatMap((path) => {
    const url = new URL(path, from);
    return [unpacked(url), url];
  });
  const found = candidates.find((url) => url !== null && existsSync(fileURLToPath(url))) ?? null;
  if (!found) throw new Error(`${entry}.js is missing next to ${fileURLToPath(from)}; rebuild with \`npm run build\``);
  return found;
}

/** The same file in app.asar.unpacked, for a path inside app.asar; else null. */
export function unpacked(url: URL): URL | null {
  const path = url.pathname;
  const at = path.indexOf('/app.asar/');
  return at < 0 ? null : new URL(`file://${path.slice(0, at)}/app.asar.unpacked/${path.slice(at + '/app.asar/'.length)}`);
}

/** The training worker's entry. */
export const defaultWorkerUrl = (from: string = import.meta.url): URL => entryUrl('worker', from);

/** The inspection worker's entry. */
export const inspectWorkerUrl = (from: string = import.meta.url): URL => entryUrl('inspect-worker', from);
