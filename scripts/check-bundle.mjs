// `npm run check:bundle` (part of `npm test`, after the build): the built renderer must not carry
// worker code. The WASM kernels are the tell-tale — a binary module starts with "\0asm", which is
// "AGFzbQ" in base64 — and they only get there when the renderer imports src-worker (the lint rule
// forbids it; this checks what the bundler actually emitted).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const dir = join(root, 'out/renderer');
const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);
const problems = [];
let bytes = 0;
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const path = join(entry.parentPath, entry.name);
  const content = readFileSync(path);
  bytes += content.length;
  const name = relative(root, path);
  if (entry.name.endsWith('.wasm')) problems.push(`${name} is a WebAssembly file`);
  if (/\.(js|mjs|css|html)$/.test(entry.name)) {
    if (content.includes('AGFzbQ')) problems.push(`${name} holds a base64 WebAssembly binary`);
    if (content.includes(WASM_MAGIC)) problems.push(`${name} holds raw WebAssembly bytes`);
  }
}
if (problems.length > 0) {
  console.error(`check-bundle: the renderer bundle carries worker code:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.error(`check-bundle: out/renderer has no WebAssembly (${(bytes / 1024 / 1024).toFixed(1)} MB in all)`);
