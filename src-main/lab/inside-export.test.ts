// A job's trained networks and X-ray travel with its JSON export and come back with its import,
// bit for bit; a document whose networks or samples are not what they claim is refused, naming
// where, and nothing is written. And the handlers of the inspector's methods check what crosses.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../src-shared/base64.ts';
import { openStore, type Store } from '../store/store.ts';
import { bitsOf, testSnapshot, testXray, useTempFolders } from '../store/test-helpers.ts';
import { BadArgumentError, createLabHandlers } from './api-handlers.ts';
import { importJobDocumentText } from './job-import.ts';
import { LabService } from './lab-service.ts';

const tempFolder = useTempFolders();
const services: LabService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
});

function lab(): LabService {
  const service = new LabService({ dbPath: join(tempFolder(), 'lab.sqlite'), workers: 1 });
  services.push(service);
  return service;
}

function withStore<T>(service: LabService, use: (store: Store) => T): T {
  const store = openStore(service.dbPath);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** A finished two-run optimizer job whose first run kept a BatchNorm network and both an X-ray. */
function seedJob(service: LabService): number {
  return withStore(service, (store) =>
    store.importJob({
      experiment: 'optimizer-compare',
      name: 'inside',
      params: {},
      seed: 1,
      status: 'done',
      problem: null,
      createdAt: 1,
      startedAt: 1,
      finishedAt: 2,
      durationMs: 1,
      notes: '',
      tags: [],
      runs: [0, 1].map((idx) => ({
        idx,
        label: idx === 0 ? 'SGD' : 'Adam',
        params: {},
        status: 'done' as const,
        problem: null,
        final: {},
        startedAt: 1,
        finishedAt: 2,
        curves: [{ metric: 'loss', xKind: 'iteration' as const, points: Float32Array.from([2.3, 1]) }],
        ...(idx === 0 ? { network: testSnapshot([6, 5], true) } : {}),
        xray: testXray(2, idx === 0 ? [0, 20, 40] : [0]),
      })),
    }),
  );
}

describe('networks and X-ray in a job export', () => {
  it('come back with the import, every tensor and sample bit for bit', async () => {
    const service = lab();
    const jobId = seedJob(service);
    const file = service.exportJob(jobId, 'json')!;
    const imported = await service.importJob(file.text);
    if (!imported.ok) throw new Error(imported.message);
    const [before, after] = withStore(service, (store) =>
      [jobId, imported.jobId].map((id) => ({ networks: store.getJobNetworks(id), xray: store.getJobXray(id) })),
    );
    expect(after.networks).toHaveLength(1);
    expect(after.networks[0].snapshot!.config).toEqual(before.networks[0].snapshot!.config);
    const bits = (n: typeof before.networks) => n[0].snapshot!.tensors.map((t) => [t.name, t.shape, bitsOf(t.values)]);
    expect(bits(after.networks)).toEqual(bits(before.networks));
    expect(after.xray.map((x) => [x.layout, x.iterations, x.samples.map(bitsOf)])).toEqual(
      before.xray.map((x) => [x.layout, x.iterations, x.samples.map(bitsOf)]),
    );
    // `lab show --json` stays readable: the document without `inside` carries neither.
    const shown = service.jobDocument(jobId)!;
    expect(shown.runs.every((run) => run.network === undefined && run.xray === undefined)).toBe(true);
  });

  /** What the changes below touch of an exported run. */
  type RunDoc = {
    network: { config: { inputSize: number }; tensors: { shape: number[]; data: string }[] };
    xray: { layout: { version: number }; iterations: number[] };
  };
  const exported = (change: (run: RunDoc) => void): string => {
    const service = lab();
    const doc = JSON.parse(service.exportJob(seedJob(service), 'json')!.text);
    change(doc.runs[0]);
    return JSON.stringify(doc);
  };

  it.each([
    [
      'a tensor of another shape',
      (r: RunDoc) => (r.network.tensors[0].shape = [784, 7]),
      'runs[0].network.tensors.W1.shape has shape [784,7], not [784,6]',
    ],
    ['a missing tensor', (r: RunDoc) => r.network.tensors.splice(2, 1), 'runs[0].network.tensors lacks gamma1'],
    [
      'bytes that are not base64',
      (r: RunDoc) => (r.network.tensors[1].data = 'not base64!'),
      'runs[0].network.tensors.b1.data is not base64 of float32 values',
    ],
    [
      'too few values',
      (r: RunDoc) => (r.network.tensors[1].data = bytesToBase64(new Uint8Array(8))),
      'holds 2 float32 values, not the 6 its shape says',
    ],
    [
      'a NaN weight',
      (r: RunDoc) => (r.network.tensors[1].data = bytesToBase64(new Uint8Array(new Float32Array([0, 0, NaN, 0, 0, 0]).buffer))),
      'holds a value that is not finite (at 2)',
    ],
    [
      'an architecture the inspector cannot feed',
      (r: RunDoc) => (r.network.config.inputSize = 100),
      "is not a network DL Lab can rebuild: the network's input size is 100",
    ],
    [
      'X-ray iterations out of order',
      (r: RunDoc) => (r.xray.iterations = [0, 40, 20]),
      'runs[0].xray.iterations[2] is not after the one before it',
    ],
    ['X-ray samples cut short', (r: RunDoc) => (r.xray.iterations = [0, 20, 40, 60]), 'runs[0].xray.data holds'],
    ['an unknown X-ray layout', (r: RunDoc) => (r.xray.layout.version = 9), 'runs[0].xray.layout is not an X-ray layout DL Lab reads'],
  ])('refuse a document with %s, writing nothing', (_, change, message) => {
    const text = exported(change);
    const target = openStore(join(tempFolder(), 'target.sqlite'));
    try {
      expect(() => importJobDocumentText(target, text)).toThrow(message);
      expect(target.listJobs()).toEqual([]);
    } finally {
      target.close();
    }
  });
});

describe('the inspector’s methods of the contract', () => {
  const handlers = (service: LabService) =>
    createLabHandlers(service, () => ({ name: 'DL Lab', version: 'test', versions: {}, dataDir: '' }));

  it('tell what a job kept, and refuse bad job ids, drawings and image lists', async () => {
    const service = lab();
    const jobId = seedJob(service);
    const h = handlers(service);
    const runIds = service.getJob(jobId)!.runs.map((r) => r.id);
    expect(await h.jobExtras(jobId)).toEqual({ networkRunIds: [runIds[0]], xrayRunIds: runIds });
    expect((await h.getXray(jobId))!.map((x) => x.iterations)).toEqual([[0, 20, 40], [0]]);
    expect(await h.jobExtras(12345)).toBeNull();
    for (const bad of [0, -1, 1.5, '1', null]) await expect(h.jobExtras(bad)).rejects.toBeInstanceOf(BadArgumentError);
    const reject = (call: Promise<unknown>, message: string) => expect(call).rejects.toThrow(message);
    await reject(h.predictDigit(jobId, new Array(783).fill(0)), 'pixels must be a list of 784 numbers from 0 to 1');
    await reject(h.predictDigit(jobId, [...new Array(783).fill(0), 1.5]), 'pixels must be a list of 784 numbers from 0 to 1');
    await reject(h.predictDigit(jobId, 'x'), 'pixels must be a list');
    await reject(h.testImages([]), 'indices must be a list of 1 to 500');
    await reject(h.testImages([10_000]), 'whole numbers from 0 to 9999');
    await reject(h.testImages(new Array(501).fill(0)), 'indices must be a list of 1 to 500');
    expect((await h.testImages([3])).indices).toEqual([3]);
  });
});
