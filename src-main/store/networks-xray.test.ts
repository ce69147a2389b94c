import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './sqlite.ts';
import { openStore, type Store } from './store.ts';
import { bitsOf, testSnapshot, testXray, useTempFolders } from './test-helpers.ts';

const tempFolder = useTempFolders();

function freshStore(): { store: Store; file: string } {
  const file = join(tempFolder(), 'lab.sqlite');
  return { store: openStore(file), file };
}

function countRows(file: string, table: string): number {
  const db = openDatabase(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function jobWithRuns(store: Store, count: number): { jobId: number; runIds: number[] } {
  return store.createJob(
    { experiment: 'hyperparameter-search', params: {}, seed: 1 },
    Array.from({ length: count }, (_, i) => ({ label: `trial ${i + 1}`, params: {} })),
  );
}

describe('store: trained networks', () => {
  it('keeps a run’s network with its progress and reads every tensor back bit for bit', () => {
    const { store } = freshStore();
    const { jobId, runIds } = jobWithRuns(store, 2);
    const snapshot = testSnapshot([5, 4], true);
    store.writeProgress([
      { runId: runIds[1], curves: [], status: 'done', final: { valAcc: 0.5 }, network: { snapshot, keep: { kind: 'all' } } },
    ]);
    expect(store.jobNetworkRunIds(jobId)).toEqual([runIds[1]]);
    const [stored] = store.getJobNetworks(jobId);
    expect(stored.runId).toBe(runIds[1]);
    expect(stored.damage).toBeNull();
    expect(stored.snapshot!.config).toEqual(snapshot.config);
    const byName = new Map(stored.snapshot!.tensors.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(snapshot.tensors.map((t) => t.name).sort());
    for (const tensor of snapshot.tensors) {
      expect(byName.get(tensor.name)!.shape).toEqual(tensor.shape);
      expect(bitsOf(byName.get(tensor.name)!.values)).toEqual(bitsOf(tensor.values));
    }
  });

  it('under a best-N rule keeps only the N runs with the highest final metric, whatever order they finish in', () => {
    const { store, file } = freshStore();
    const { jobId, runIds } = jobWithRuns(store, 5);
    const keep = { kind: 'best', count: 2, metric: 'valAcc' } as const;
    const accuracies = [0.3, 0.9, 0.1, 0.7, 0.95];
    runIds.forEach((runId, i) =>
      store.writeProgress([
        { runId, curves: [], status: 'done', final: { valAcc: accuracies[i] }, network: { snapshot: testSnapshot(), keep } },
      ]),
    );
    // 0.3 was kept, then displaced by 0.9 and 0.7, which 0.95 displaced in turn.
    expect(store.jobNetworkRunIds(jobId)).toEqual([runIds[1], runIds[4]]);
    expect(countRows(file, 'run_networks')).toBe(2);
    expect(countRows(file, 'run_tensors')).toBe(2 * testSnapshot().tensors.length); // the dropped ones' tensors went too
  });

  it('under a best-N rule ranks a run without the metric (NaN: diverged) last', () => {
    const { store } = freshStore();
    const { jobId, runIds } = jobWithRuns(store, 2);
    const keep = { kind: 'best', count: 1, metric: 'valAcc' } as const;
    store.writeProgress([
      { runId: runIds[0], curves: [], status: 'done', final: { valAcc: 0.2 }, network: { snapshot: testSnapshot(), keep } },
    ]);
    store.writeProgress([
      { runId: runIds[1], curves: [], status: 'done', final: { valAcc: NaN }, network: { snapshot: testSnapshot(), keep } },
    ]);
    expect(store.jobNetworkRunIds(jobId)).toEqual([runIds[0]]);
  });

  it('says which network is damaged instead of handing back wrong weights', () => {
    const { store, file } = freshStore();
    const { jobId, runIds } = jobWithRuns(store, 1);
    store.writeProgress([{ runId: runIds[0], curves: [], network: { snapshot: testSnapshot(), keep: { kind: 'all' } } }]);
    store.close();
    const db = openDatabase(file);
    db.prepare(`UPDATE run_tensors SET data = zeroblob(length(data)) WHERE name = 'W1'`).run();
    db.close();
    const reopened = openStore(file);
    expect(reopened.getJobNetworks(jobId)).toEqual([{ runId: runIds[0], snapshot: null, damage: 'tensor W1 fails its checksum' }]);
    reopened.close();
  });

  it('goes with its job: deleting the job removes its networks, tensors and X-ray in the same statement', () => {
    const { store, file } = freshStore();
    const { jobId, runIds } = jobWithRuns(store, 1);
    store.writeProgress([
      { runId: runIds[0], curves: [], xray: testXray(2, [0, 20]), network: { snapshot: testSnapshot(), keep: { kind: 'all' } } },
    ]);
    expect(store.deleteJob(jobId)).toBe(true);
    for (const table of ['run_networks', 'run_tensors', 'run_xray', 'run_xray_samples']) expect(countRows(file, table)).toBe(0);
  });
});

describe('store: X-ray samples', () => {
  it('appends samples batch after batch and reads them back in iteration order, bit for bit', () => {
    const { store } = freshStore();
    const { jobId, runIds } = jobWithRuns(store, 2);
    const first = testXray(3, [0, 20]);
    const second = testXray(3, [40]);
    store.writeProgress([{ runId: runIds[0], curves: [], xray: first }]);
    store.writeProgress([{ runId: runIds[0], curves: [], xray: second }]);
    expect(store.jobXrayRunIds(jobId)).toEqual([runIds[0]]);
    const [xray] = store.getJobXray(jobId);
    expect(xray.layout).toEqual(first.layout);
    expect(xray.iterations).toEqual([0, 20, 40]);
    expect(xray.samples.map(bitsOf)).toEqual([...first.samples, ...second.samples].map((s) => bitsOf(s.data)));
    expect(xray.damage).toBeNull();
  });

  it('leaves out a sample that fails its checksum and says which', () => {
    const { store, file } = freshStore();
    const { jobId, runIds } = jobWithRuns(store, 1);
    store.writeProgress([{ runId: runIds[0], curves: [], xray: testXray(1, [0, 20, 40]) }]);
    store.close();
    const db = openDatabase(file);
    db.prepare(`UPDATE run_xray_samples SET crc = crc + 1 WHERE iteration = 20`).run();
    db.close();
    const reopened = openStore(file);
    const [xray] = reopened.getJobXray(jobId);
    expect(xray.iterations).toEqual([0, 40]);
    expect(xray.damage).toBe('the samples of iteration 20 fail their checksum');
    reopened.close();
  });

  it('writes a batch all or nothing: a sample stored twice fails the whole batch, curves and status included', () => {
    const { store } = freshStore();
    const { jobId, runIds } = jobWithRuns(store, 1);
    store.writeProgress([{ runId: runIds[0], curves: [], xray: testXray(1, [0]) }]);
    expect(() => store.writeProgress([{ runId: runIds[0], curves: [], status: 'done', xray: testXray(1, [0]) }])).toThrow();
    expect(store.getJob(jobId)!.runs[0].status).toBe('queued');
    expect(store.getJobXray(jobId)[0].iterations).toEqual([0]);
  });
});
