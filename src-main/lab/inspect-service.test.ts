// The lab service's inside view, end to end over real worker threads and a real SQLite file: the
// X-ray as stored (the book's vanishing gradients read back from the database), the trained
// networks kept by each job's rule, and the inspector's verdicts computed from them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToFloat32 } from '../../src-shared/base64.ts';
import type { LabEvent } from '../../src-shared/events.ts';
import { layerRecord, XRAY_EVERY } from '../../src-shared/xray.ts';
import { loadMnist } from '../../src-worker/data/mnist.ts';
import { LabService } from './lab-service.ts';
import { SEARCH_KEPT_NETWORKS } from './run-extras.ts';

describe('lab service: X-ray and inspector', () => {
  let dir: string;
  let lab: LabService;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dl-lab-inspect-'));
    lab = new LabService({ dbPath: join(dir, 'lab.sqlite'), workers: 2 });
  });
  afterEach(async () => {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the X-ray of a weight-init job: read back from SQLite, std = 0.01’s first-layer gradients have vanished, He’s have not', async () => {
    const events: LabEvent[] = [];
    lab.onEvent((event) => events.push(event));
    const jobId = lab.start({ experiment: 'weight-init-compare', params: { iterations: 100 }, seed: 3 });
    expect(await lab.whenSettled(jobId)).toBe('done');
    const runs = lab.getJob(jobId)!.runs;
    expect(lab.jobExtras(jobId)).toEqual({ networkRunIds: runs.map((r) => r.id), xrayRunIds: runs.map((r) => r.id) });

    const xray = lab.getXray(jobId)!;
    const byLabel = new Map(xray.map((x) => [runs.find((r) => r.id === x.runId)!.label, x]));
    const firstLayerRms = (label: string) => {
      const x = byLabel.get(label)!;
      expect(x.iterations).toEqual(Array.from({ length: Math.ceil(100 / XRAY_EVERY) }, (_, i) => i * XRAY_EVERY));
      expect(x.damage).toBeNull();
      const all = base64ToFloat32(x.data)!;
      const length = all.length / x.iterations.length;
      return x.iterations.map((_, s) => layerRecord(x.layout, all.subarray(s * length, (s + 1) * length), 0).gradRms);
    };
    const small = firstLayerRms('std=0.01');
    const he = firstLayerRms('He');
    small.forEach((rms, s) => expect(rms).toBeLessThan(1e-3 * he[s]));

    // The same samples reached the listeners while the job trained.
    const told = events.flatMap((e) =>
      e.type === 'progress' ? e.runs.flatMap((r) => (r.xray ? r.xray.iterations.map((i) => `${r.runId}:${i}`) : [])) : [],
    );
    expect(told.sort()).toEqual(xray.flatMap((x) => x.iterations.map((i) => `${x.runId}:${i}`)).sort());
  });

  it('inspects the kept networks on the test set with the engine, and predicts a digit for each of them', async () => {
    const jobId = lab.start({
      experiment: 'optimizer-compare',
      params: { optimizers: ['SGD', 'Adam'], iterations: 150, hiddenSizes: [50, 50], sharedInit: true },
      seed: 2,
    });
    expect(await lab.whenSettled(jobId)).toBe('done');
    const job = lab.getJob(jobId)!;
    const report = (await lab.inspectJob(jobId))!;
    expect(report.networks.map((n) => n.label)).toEqual(['SGD', 'Adam']);
    const mnist = loadMnist();
    expect(Array.from(base64ToBytes(report.labels)!)).toEqual(Array.from(mnist.test.labels));
    for (const network of report.networks) {
      expect(network.confusion.reduce((a, b) => a + b, 0)).toBe(10_000);
      // Rebuilt from the stored float32 weights, the network scores exactly what the run measured when it ended.
      expect(network.accuracy).toBe(job.runs.find((r) => r.id === network.runId)!.final.testAcc);
      expect(network.mistakeCount).toBe(Math.round(10_000 * (1 - network.accuracy)));
      const confidences = network.mistakes.map((m) => m.top[0].p);
      expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
      const predicted = base64ToBytes(network.predicted)!;
      for (const m of network.mistakes.slice(0, 20)) {
        expect(m.label).toBe(mnist.test.labels[m.index]);
        expect(predicted[m.index]).toBe(m.top[0].digit);
        expect(m.top[0].digit).not.toBe(m.label);
      }
    }

    // A digit as the inspector's canvas sends it: test image 0, every network's softmax, each as it predicted it above.
    const pixels = Float32Array.from(mnist.test.images.subarray(0, 784), (v) => v / 255);
    const times: number[] = [];
    let prediction = null;
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      prediction = (await lab.predictDigit(jobId, pixels))!;
      times.push(performance.now() - t0);
    }
    for (const [n, network] of prediction!.networks.entries()) {
      expect(network.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      const best = network.probs.indexOf(Math.max(...network.probs));
      expect(best).toBe(base64ToBytes(report.networks[n].predicted)![0]);
    }
    times.sort((a, b) => a - b);
    console.log(`predictDigit, 2 networks, in-process: median ${times[7].toFixed(2)} ms (worker ${prediction!.ms.toFixed(2)} ms)`);
    expect(times[7]).toBeLessThan(30);

    const images = lab.testImages([0, 9999]);
    const bytes = base64ToBytes(images.pixels)!;
    expect(Array.from(bytes.subarray(0, 784))).toEqual(Array.from(mnist.test.images.subarray(0, 784)));
    expect(Array.from(bytes.subarray(784))).toEqual(Array.from(mnist.test.images.subarray(9999 * 784)));
  });

  it(`keeps the networks of a search's best ${SEARCH_KEPT_NETWORKS} trials only, by validation accuracy`, async () => {
    const trials = SEARCH_KEPT_NETWORKS + 4;
    const jobId = lab.start({ experiment: 'hyperparameter-search', params: { trials, epochs: 2, hiddenSizes: [10] }, seed: 5 });
    expect(await lab.whenSettled(jobId)).toBe('done');
    const runs = lab.getJob(jobId)!.runs;
    const kept = new Set(lab.jobExtras(jobId)!.networkRunIds);
    expect(kept.size).toBe(SEARCH_KEPT_NETWORKS);
    const worstKept = Math.min(...runs.filter((r) => kept.has(r.id)).map((r) => r.final.valAcc));
    for (const run of runs.filter((r) => !kept.has(r.id))) expect(run.final.valAcc).toBeLessThanOrEqual(worstKept);
    expect(lab.jobExtras(jobId)!.xrayRunIds).toEqual([]); // the search takes no X-ray
  });

  it('answers null for a job without networks and forgets a deleted job', async () => {
    const jobId = lab.start({ experiment: 'optimizer-paths', params: {}, seed: 1 });
    expect(await lab.whenSettled(jobId)).toBe('done');
    expect(lab.jobExtras(jobId)).toEqual({ networkRunIds: [], xrayRunIds: [] });
    expect(await lab.inspectJob(jobId)).toBeNull();
    expect(await lab.predictDigit(jobId, new Float32Array(784))).toBeNull();
    expect(lab.jobExtras(999)).toBeNull();
    lab.deleteJob(jobId);
    expect(lab.getXray(jobId)).toBeNull();
  });
});
