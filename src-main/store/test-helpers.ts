// Test-only helpers: each test gets its own temp folder with real SQLite files in it, removed after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { expectedTensors, tensorLength, type NetworkConfig, type NetworkSnapshot } from '../../src-shared/network.ts';
import { sampleLength, xrayLayout, type XrayLayout } from '../../src-shared/xray.ts';

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

/** A network of `hiddenSizes` (784-…-10) whose values are 0.001·(tensor index + 1)·(i + 1): distinct, finite, easy to check. */
export function testSnapshot(hiddenSizes: number[] = [3], useBatchnorm = false): NetworkSnapshot {
  const config: NetworkConfig = {
    inputSize: 784,
    hiddenSizes,
    outputSize: 10,
    activation: 'relu',
    weightInit: 'he',
    weightDecayLambda: 0,
    useBatchnorm,
    useDropout: false,
    dropoutRatio: 0.5,
  };
  return {
    config,
    tensors: expectedTensors(config).map((t, k) => ({
      ...t,
      values: Float32Array.from({ length: tensorLength(t.shape) }, (_, i) => 0.001 * (k + 1) * (i + 1)),
    })),
  };
}

/** An X-ray layout of `layers` layers and `count` samples whose values are iteration + i/1000. */
export function testXray(
  layers: number,
  iterations: number[],
): { layout: XrayLayout; samples: { iteration: number; data: Float32Array }[] } {
  const layout = xrayLayout('relu', layers);
  return {
    layout,
    samples: iterations.map((iteration) => ({
      iteration,
      data: Float32Array.from({ length: sampleLength(layout) }, (_, i) => iteration + i / 1000),
    })),
  };
}
