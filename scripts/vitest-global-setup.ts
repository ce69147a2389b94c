import { execFileSync } from 'node:child_process';

// Builds the WASM kernels (a no-op when the generated module is newer than its source).
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-wasm.mjs'], { stdio: 'inherit' });
}
