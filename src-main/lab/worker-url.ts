// Where the worker entry is: next to the bundle (out/main/worker.js) in the built app and CLI, or
// the TypeScript source when running from source (tests, `node src-main/cli.ts` — Node strips types).
export function defaultWorkerUrl(from: string = import.meta.url): URL {
  // Built by variable so that the bundler leaves these URLs alone.
  const relative = from.endsWith('.ts') ? '../../src-worker/worker.ts' : './worker.js';
  return new URL(relative, from);
}
