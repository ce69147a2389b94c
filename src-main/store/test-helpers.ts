// Test-only helpers: each test gets its own temp folder with real SQLite files in it, removed after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Call at the top of a describe/file; returns a function giving a fresh folder for the current test. */
export function useTempFolders(): () => string {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return () => {
    const folder = mkdtempSync(join(tmpdir(), 'dl-lab-store-'));
    folders.push(folder);
    return folder;
  };
}

/** The 32-bit patterns of the values, to compare floats bit for bit (NaN payloads included). */
export function bitsOf(points: Float32Array): number[] {
  return Array.from(new Uint32Array(points.buffer, points.byteOffset, points.length));
}

/** Number of commits in a WAL file: frames whose header records a database size (only commit frames do). */
export function countWalCommits(wal: Uint8Array): number {
  const WAL_HEADER = 32;
  const FRAME_HEADER = 24;
  if (wal.byteLength < WAL_HEADER) return 0;
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const pageSize = view.getUint32(8); // big-endian, as all WAL header fields
  let commits = 0;
  for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= wal.byteLength; at += FRAME_HEADER + pageSize) {
    if (view.getUint32(at + 4) !== 0) commits++;
  }
  return commits;
}
