import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { entryUrl, unpacked } from './worker-url.ts';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })));

describe('where a worker thread starts from', () => {
  it('is the TypeScript source when running from source', () => {
    expect(fileURLToPath(entryUrl('worker'))).toMatch(/src-worker\/worker\.ts$/);
    expect(fileURLToPath(entryUrl('checkpoint-worker'))).toMatch(/src-main\/store\/checkpoint-worker\.ts$/);
  });

  it('is the bundle beside the built module or one folder up, and app.asar.unpacked first in a packaged app', () => {
    const root = mkdtempSync(join(tmpdir(), 'dl-lab-entry-'));
    folders.push(root);
    const main = join(root, 'resources', 'app.asar', 'out', 'main');
    const unpackedMain = join(root, 'resources', 'app.asar.unpacked', 'out', 'main');
    mkdirSync(join(main, 'chunks'), { recursive: true });
    mkdirSync(unpackedMain, { recursive: true });
    writeFileSync(join(main, 'worker.js'), '');
    const from = pathToFileURL(join(main, 'chunks', 'lab.js')).href;
    expect(fileURLToPath(entryUrl('worker', from))).toBe(join(main, 'worker.js'));
    writeFileSync(join(unpackedMain, 'worker.js'), '');
    expect(fileURLToPath(entryUrl('worker', from))).toBe(join(unpackedMain, 'worker.js'));
    expect(() => entryUrl('import-worker', from)).toThrow(/import-worker\.js is missing/);
    expect(unpacked(new URL('file:///x/out/main/worker.js'))).toBeNull();
  });
});
