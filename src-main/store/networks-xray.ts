// The store's part for what a run trained (run_networks, run_tensors) and its X-ray (run_xray,
// run_xray_samples; migration 4). Functions over the store's statement cache, called by store.ts
// inside its transactions: a network or samples are written with the run's progress batch, in the
// same BEGIN IMMEDIATE transaction, and read back with their CRC-32 checked.
import { crc32 } from 'node:zlib';
import {
  cleanNetworkConfig,
  expectedTensors,
  networkConfigProblem,
  type NetworkConfig,
  type NetworkSnapshot,
} from '../../src-shared/network.ts';
import { cleanXrayLayout, sampleLength, xrayLayoutProblem, type XrayLayout } from '../../src-shared/xray.ts';
import { decodeCurve, encodeCurve } from './curve-codec.ts';
import type { Statement } from './sqlite.ts';

export type StatementOf = <Row>(sql: string) => Statement<Row>;

/**
 * Which networks of a job are kept. `all`: every one. `best`: at most `count`, those with the
 * highest final `metric` (the search keeps its best trials: a hundred networks would be 50 MB).
 */
export type KeepNetworks = { kind: 'all' } | { kind: 'best'; count: number; metric: string };

/** A trained network to store with a run's progress. */
export interface NetworkWrite {
  snapshot: NetworkSnapshot;
  keep: KeepNetworks;
}

/** X-ray samples to append to a run's (the layout is stored with the first). */
export interface XrayWrite {
  layout: XrayLayout;
  samples: readonly { iteration: number; data: Float32Array }[];
}

export interface StoredNetwork {
  runId: number;
  /** Null when the stored network is damaged (`damage` says how). */
  snapshot: NetworkSnapshot | null;
  damage: string | null;
}

export interface StoredXray {
  runId: number;
  layout: XrayLayout;
  iterations: number[];
  samples: Float32Array[];
  /** Null when every sample read back whole; else which were left out. */
  damage: string | null;
}

/**
 * Stores the network of `runId` (replacing one it had), or — under a `best` rule — only if it is
 * among the best `count` of its job so far, dropping the one it displaces. Call after the run's
 * final metrics were written in the same transaction. Returns whether it was kept.
 */
export function writeNetwork(sql: StatementOf, runId: number, network: NetworkWrite): boolean {
  const { keep } = network;
  if (keep.kind === 'best') {
    const path = `$."${keep.metric.replace(/"/g, '')}"`;
    const ranked = sql<{ runId: number }>(
      `SELECT runs.id AS runId FROM runs
       WHERE runs.job_id = (SELECT job_id FROM runs WHERE id = @runId)
         AND (runs.id = @runId OR runs.id IN (SELECT run_id FROM run_networks))
       ORDER BY json_extract(runs.final, @path) IS NULL, json_extract(runs.final, @path) DESC, runs.idx`,
    )
      .all({ runId, path })
      .map((row) => row.runId);
    const kept = ranked.slice(0, Math.max(0, keep.count));
    for (const dropped of ranked.slice(kept.length)) if (dropped !== runId) deleteNetwork(sql, dropped);
    if (!kept.includes(runId)) return false;
  }
  deleteNetwork(sql, runId);
  sql(`INSERT INTO run_networks (run_id, config) VALUES (?, ?)`).run(runId, JSON.stringify(cleanNetworkConfig(network.snapshot.config)));
  const insert = sql(`INSERT INTO run_tensors (run_id, name, shape, data, crc) VALUES (?, ?, ?, ?, ?)`);
  for (const tensor of network.snapshot.tensors) {
    const bytes = encodeCurve(tensor.values);
    insert.run(runId, tensor.name, JSON.stringify(tensor.shape), bytes, crc32(bytes));
  }
  return true;
}

function deleteNetwork(sql: StatementOf, runId: number): void {
  sql(`DELETE FROM run_networks WHERE run_id = ?`).run(runId); // its tensors cascade
}

/** Appends X-ray samples to the run's, storing the layout with the first ones. */
export function writeXray(sql: StatementOf, runId: number, xray: XrayWrite): void {
  if (xray.samples.length === 0) return;
  sql(`INSERT INTO run_xray (run_id, layout) VALUES (?, ?) ON CONFLICT (run_id) DO NOTHING`).run(
    runId,
    JSON.stringify(cleanXrayLayout(xray.layout)),
  );
  const insert = sql(`INSERT INTO run_xray_samples (run_id, iteration, data, crc) VALUES (?, ?, ?, ?)`);
  for (const sample of xray.samples) {
    const bytes = encodeCurve(sample.data);
    insert.run(runId, sample.iteration, bytes, crc32(bytes));
  }
}

/** Ids of the job's runs that kept a network, in run order. */
export function jobNetworkRunIds(sql: StatementOf, jobId: number): number[] {
  return sql<{ id: number }>(
    `SELECT runs.id FROM runs JOIN run_networks ON run_networks.run_id = runs.id WHERE runs.job_id = ? ORDER BY runs.idx`,
  )
    .all(jobId)
    .map((row) => row.id);
}

/** Ids of the job's runs that have X-ray samples, in run order. */
export function jobXrayRunIds(sql: StatementOf, jobId: number): number[] {
  return sql<{ id: number }>(`SELECT runs.id FROM runs JOIN run_xray ON run_xray.run_id = runs.id WHERE runs.job_id = ? ORDER BY runs.idx`)
    .all(jobId)
    .map((row) => row.id);
}

interface TensorRow {
  run_id: number;
  name: string;
  shape: string;
  data: Uint8Array;
  crc: number;
}

/** The job's stored networks, in run order; a network whose config or a tensor does not read back whole is returned as damaged. */
export function readJobNetworks(sql: StatementOf, jobId: number, runIds?: readonly number[]): StoredNetwork[] {
  const networks = sql<{ run_id: number; config: string }>(
    `SELECT run_networks.run_id, run_networks.config FROM runs JOIN run_networks ON run_networks.run_id = runs.id
     WHERE runs.job_id = ? ORDER BY runs.idx`,
  ).all(jobId);
  const tensors = sql<TensorRow>(
    `SELECT run_tensors.run_id, run_tensors.name, run_tensors.shape, run_tensors.data, run_tensors.crc
     FROM runs JOIN run_tensors ON run_tensors.run_id = runs.id WHERE runs.job_id = ? ORDER BY runs.idx, run_tensors.name`,
  ).all(jobId);
  const byRun = new Map<number, TensorRow[]>();
  for (const row of tensors) {
    let list = byRun.get(row.run_id);
    if (!list) byRun.set(row.run_id, (list = []));
    list.push(row);
  }
  const wanted = runIds ? new Set(runIds) : null;
  return networks
    .filter((row) => !wanted || wanted.has(row.run_id))
    .map((row) => {
      const config = JSON.parse(row.config) as NetworkConfig;
      const problem = networkConfigProblem(config);
      if (problem) return { runId: row.run_id, snapshot: null, damage: problem };
      const list = byRun.get(row.run_id) ?? [];
      const bad = list.find((t) => !(t.data instanceof Uint8Array) || t.data.byteLength % 4 !== 0 || crc32(t.data) !== t.crc);
      if (bad) return { runId: row.run_id, snapshot: null, damage: `tensor ${bad.name} fails its checksum` };
      // In the architecture's order (W1, b1, gamma1, …), not the table's.
      const order = new Map(expectedTensors(config).map((t, i) => [t.name, i]));
      list.sort((a, b) => (order.get(a.name) ?? Infinity) - (order.get(b.name) ?? Infinity));
      return {
        runId: row.run_id,
        snapshot: {
          config,
          tensors: list.map((t) => ({ name: t.name, shape: JSON.parse(t.shape) as number[], values: decodeCurve(t.data) })),
        },
        damage: null,
      };
    });
}

/** The job's X-ray, per run in run order; samples that fail their checksum or length are left out and named in `damage`. */
export function readJobXray(sql: StatementOf, jobId: number): StoredXray[] {
  const layouts = sql<{ run_id: number; layout: string }>(
    `SELECT run_xray.run_id, run_xray.layout FROM runs JOIN run_xray ON run_xray.run_id = runs.id WHERE runs.job_id = ? ORDER BY runs.idx`,
  ).all(jobId);
  const rows = sql<{ run_id: number; iteration: number; data: Uint8Array; crc: number }>(
    `SELECT run_xray_samples.run_id, run_xray_samples.iteration, run_xray_samples.data, run_xray_samples.crc
     FROM runs JOIN run_xray_samples ON run_xray_samples.run_id = runs.id WHERE runs.job_id = ? ORDER BY runs.idx, run_xray_samples.iteration`,
  ).all(jobId);
  const out: StoredXray[] = [];
  const byRun = new Map<number, StoredXray>();
  for (const row of layouts) {
    const layout = JSON.parse(row.layout) as XrayLayout;
    if (xrayLayoutProblem(layout)) continue; // unreadable: as if the run had no X-ray
    const xray: StoredXray = { runId: row.run_id, layout, iterations: [], samples: [], damage: null };
    byRun.set(row.run_id, xray);
    out.push(xray);
  }
  const bad = new Map<number, number[]>();
  for (const row of rows) {
    const xray = byRun.get(row.run_id);
    if (!xray) continue;
    const whole = row.data instanceof Uint8Array && row.data.byteLength === 4 * sampleLength(xray.layout) && crc32(row.data) === row.crc;
    if (!whole) {
      let list = bad.get(row.run_id);
      if (!list) bad.set(row.run_id, (list = []));
      list.push(row.iteration);
      continue;
    }
    xray.iterations.push(row.iteration);
    xray.samples.push(decodeCurve(row.data));
  }
  for (const [runId, iterations] of bad) {
    byRun.get(runId)!.damage = `the samples of iteration${iterations.length > 1 ? 's' : ''} ${iterations.join(', ')} fail their checksum`;
  }
  return out;
}
