// What main accepts from a worker about trained networks and X-ray samples: checked before it is
// believed, so that a confused worker cannot put wrong shapes into the store.
import { describe, expect, it } from 'vitest';
import { expectedTensors, tensorLength, type NetworkConfig } from '../src-shared/network.ts';
import { sampleLength, xrayLayout } from '../src-shared/xray.ts';
import { mirrorLayout } from './network-mirror.ts';
import { parseWorkerMessage } from './protocol.ts';

const config: NetworkConfig = {
  inputSize: 784,
  hiddenSizes: [4],
  outputSize: 10,
  activation: 'relu',
  weightInit: 'he',
  weightDecayLambda: 0,
  useBatchnorm: false,
  useDropout: false,
  dropoutRatio: 0.5,
};
const network = () => ({
  config: { ...config },
  tensors: expectedTensors(config).map((t) => ({ ...t, values: new Float32Array(tensorLength(t.shape)) })),
});
const finished = (net: unknown) => ({ type: 'finished', taskId: 1, outcome: { status: 'done', final: {}, network: net } });
const layout = xrayLayout('relu', 2);
const progress = (xray: unknown) => ({ type: 'progress', taskId: 1, done: 1, total: 2, curves: {}, replace: [], xray });

describe('worker messages about networks and the X-ray', () => {
  it('accepts a finished run with its network and progress with X-ray samples', () => {
    expect(parseWorkerMessage(finished(network()))).toMatchObject({ type: 'finished' });
    const samples = [{ iteration: 0, data: new Float32Array(sampleLength(layout)) }];
    expect(parseWorkerMessage(progress({ layout, samples }))).toMatchObject({ type: 'progress' });
  });

  it.each([
    ['a missing tensor', (n: ReturnType<typeof network>) => ({ ...n, tensors: n.tensors.slice(1) }), 'has 3 tensors, its architecture 4'],
    [
      'a tensor of the wrong shape',
      (n: ReturnType<typeof network>) => ({ ...n, tensors: n.tensors.map((t) => (t.name === 'b1' ? { ...t, shape: [5] } : t)) }),
      'tensor b1 is not 4',
    ],
    [
      'too few values',
      (n: ReturnType<typeof network>) => ({
        ...n,
        tensors: n.tensors.map((t) => (t.name === 'W2' ? { ...t, values: new Float32Array(3) } : t)),
      }),
      'tensor W2 does not hold 40 float32 values',
    ],
    [
      'a value that is not finite',
      (n: ReturnType<typeof network>) => {
        n.tensors[0].values[7] = NaN;
        return n;
      },
      'tensor W1 holds a value that is not finite',
    ],
    [
      'numbers instead of float32',
      (n: ReturnType<typeof network>) => ({ ...n, tensors: n.tensors.map((t) => ({ ...t, values: [...t.values] })) }),
      'float32',
    ],
    ['another input size', (n: ReturnType<typeof network>) => ({ ...n, config: { ...n.config, inputSize: 100 } }), 'input size is 100'],
    [
      'an unknown activation',
      (n: ReturnType<typeof network>) => ({ ...n, config: { ...n.config, activation: 'gelu' } }),
      'activation "gelu"',
    ],
  ])('refuses a network with %s', (_, change, message) => {
    expect(() => parseWorkerMessage(finished(change(network())))).toThrow(message);
  });

  it.each([
    ['no layout', { samples: [] }, 'layout is not an object'],
    ['a layout of another version', { layout: { ...layout, version: 2 }, samples: [] }, 'layout version 2'],
    ['a sample of the wrong length', { layout, samples: [{ iteration: 0, data: new Float32Array(3) }] }, 'does not hold the'],
    [
      'a sample without an iteration',
      { layout, samples: [{ iteration: -1, data: new Float32Array(sampleLength(layout)) }] },
      'no iteration number',
    ],
    ['samples that are not a list', { layout, samples: {} }, 'has no samples'],
  ])('refuses X-ray progress with %s', (_, xray, message) => {
    expect(() => parseWorkerMessage(progress(xray))).toThrow(message);
  });
});

describe('a worker offering to share its measurements', () => {
  const weights = () => new SharedArrayBuffer(mirrorLayout(config).bytes);
  const share = (setup: Record<string, unknown>) => ({
    type: 'share',
    taskId: 1,
    setup: { config: { ...config }, weights: weights(), sets: [{ set: 'test', indices: Int32Array.of(0, 9999) }], ...setup },
  });

  it('is believed with a valid network, a mirror of its size and sets of MNIST indices', () => {
    expect(parseWorkerMessage(share({}))).toMatchObject({ type: 'share' });
    expect(parseWorkerMessage({ type: 'helped', lease: 3 })).toEqual({ type: 'helped', lease: 3 });
  });

  it('is refused for a mirror of the wrong size or not shared, indices outside MNIST, or too many sets', () => {
    const bytes = mirrorLayout(config).bytes;
    expect(() => parseWorkerMessage(share({ weights: new SharedArrayBuffer(bytes - 4) }))).toThrow(`not a shared buffer of ${bytes} bytes`);
    expect(() => parseWorkerMessage(share({ weights: new ArrayBuffer(bytes) }))).toThrow('not a shared buffer');
    expect(() => parseWorkerMessage(share({ sets: [{ set: 'test', indices: Int32Array.of(10_000) }] }))).toThrow('outside 0…9999');
    expect(() => parseWorkerMessage(share({ sets: [{ set: 'test', indices: [1, 2] }] }))).toThrow('no list of image indices');
    expect(() => parseWorkerMessage(share({ sets: [{ set: 'valid', indices: Int32Array.of(1) }] }))).toThrow('neither train nor test');
    const five = Array.from({ length: 5 }, () => ({ set: 'train', indices: Int32Array.of(1) }));
    expect(() => parseWorkerMessage(share({ sets: five }))).toThrow('1 to 4 sets');
    expect(() => parseWorkerMessage(share({ config: { ...config, hiddenSizes: [] } }))).toThrow('hidden layer sizes');
    expect(() => parseWorkerMessage({ type: 'helped' })).toThrow('no lease');
  });
});
