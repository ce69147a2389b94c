// A trained network as data: its architecture (what MultiLayerNet was built with) and its tensors —
// every parameter (W1, b1, gamma1, beta1, …) and each BatchNorm layer's running statistics — as
// float32 values. The worker sends one when a run ends, the store keeps it as BLOBs, exports carry
// it, and the inspector rebuilds the network from it. One list of the tensors an architecture has
// (`expectedTensors`), so that the worker message, the store and an import are checked alike.

export const NETWORK_ACTIVATIONS = ['relu', 'sigmoid', 'tanh'] as const;
export type NetworkActivation = (typeof NETWORK_ACTIVATIONS)[number];

/** MultiLayerNet's config (src-worker/engine/multi-layer-net.ts): enough to rebuild it. */
export interface NetworkConfig {
  inputSize: number;
  hiddenSizes: number[];
  outputSize: number;
  activation: NetworkActivation;
  /** A standard deviation, or 'xavier' / 'he' (also 'sigmoid' / 'relu', the book's keys). */
  weightInit: number | string;
  weightDecayLambda: number;
  useBatchnorm: boolean;
  useDropout: boolean;
  dropoutRatio: number;
}

export interface Tensor {
  name: string;
  shape: number[];
  /** Row-major values; length = product of shape. */
  values: Float32Array;
}

export interface NetworkSnapshot {
  config: NetworkConfig;
  tensors: Tensor[];
}

/** The inspector feeds 28×28 MNIST images and reads 10 classes: only such networks are kept. */
export const MNIST_INPUT = 784;
export const MNIST_CLASSES = 10;
/** Bounds far above any network of the chapter, low enough to refuse a hostile document. */
export const NETWORK_LIMITS = { hiddenLayers: 20, layerSize: 4096 } as const;

/** BatchNorm running statistics, named after their layer's index like gamma/beta. */
export const runningMeanName = (index: number): string => `runningMean${index}`;
export const runningVarName = (index: number): string => `runningVar${index}`;

/** Every tensor a network of `config` has, in a fixed order: per layer W, b, [gamma, beta, running mean, running var]. */
export function expectedTensors(config: NetworkConfig): { name: string; shape: number[] }[] {
  const sizes = [config.inputSize, ...config.hiddenSizes, config.outputSize];
  const tensors: { name: string; shape: number[] }[] = [];
  for (let i = 1; i < sizes.length; i++) {
    tensors.push({ name: `W${i}`, shape: [sizes[i - 1], sizes[i]] }, { name: `b${i}`, shape: [sizes[i]] });
    if (config.useBatchnorm && i < sizes.length - 1) {
      tensors.push(
        { name: `gamma${i}`, shape: [sizes[i]] },
        { name: `beta${i}`, shape: [sizes[i]] },
        { name: runningMeanName(i), shape: [sizes[i]] },
        { name: runningVarName(i), shape: [sizes[i]] },
      );
    }
  }
  return tensors;
}

export const tensorLength = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** What is wrong with a config that came from outside (a worker, a file), or null when it is one the inspector can rebuild. */
export function networkConfigProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the network config is not an object';
  const c = value;
  if (c.inputSize !== MNIST_INPUT) return `the network's input size is ${String(c.inputSize)}, not ${MNIST_INPUT}`;
  if (c.outputSize !== MNIST_CLASSES) return `the network's output size is ${String(c.outputSize)}, not ${MNIST_CLASSES}`;
  const hidden = c.hiddenSizes;
  if (!Array.isArray(hidden) || hidden.length < 1 || hidden.length > NETWORK_LIMITS.hiddenLayers)
    return `the network has no list of 1 to ${NETWORK_LIMITS.hiddenLayers} hidden layer sizes`;
  if (!hidden.every((n) => isWhole(n, 1, NETWORK_LIMITS.layerSize)))
    return `a hidden layer size is not a whole number from 1 to ${NETWORK_LIMITS.layerSize}`;
  if (!(NETWORK_ACTIVATIONS as readonly unknown[]).includes(c.activation))
    return `the activation ${JSON.stringify(c.activation)} is unknown`;
  const init = c.weightInit;
  const initOk =
    (typeof init === 'number' && Number.isFinite(init) && init > 0) ||
    (typeof init === 'string' && ['he', 'relu', 'xavier', 'sigmoid'].includes(init));
  if (!initOk) return 'the weight init is neither a positive std nor he/xavier';
  if (typeof c.weightDecayLambda !== 'number' || !(c.weightDecayLambda >= 0) || !Number.isFinite(c.weightDecayLambda))
    return 'the weight decay is not a finite number ≥ 0';
  if (typeof c.useBatchnorm !== 'boolean' || typeof c.useDropout !== 'boolean') return 'useBatchnorm/useDropout are not true or false';
  if (typeof c.dropoutRatio !== 'number' || !(c.dropoutRatio >= 0 && c.dropoutRatio < 1)) return 'the dropout ratio is not in [0, 1)';
  return null;
}

/** Only the config's own fields, in a fixed order (whatever else an object carried is dropped). */
export function cleanNetworkConfig(c: NetworkConfig): NetworkConfig {
  return {
    inputSize: c.inputSize,
    hiddenSizes: [...c.hiddenSizes],
    outputSize: c.outputSize,
    activation: c.activation,
    weightInit: c.weightInit,
    weightDecayLambda: c.weightDecayLambda,
    useBatchnorm: c.useBatchnorm,
    useDropout: c.useDropout,
    dropoutRatio: c.dropoutRatio,
  };
}

/**
 * What is wrong with a snapshot from outside, or null: a valid config, exactly its tensors (names,
 * shapes, lengths, in any order) and only finite values — a diverged network is not kept.
 */
export function networkSnapshotProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'the network is not an object';
  const configProblem = networkConfigProblem(value.config);
  if (configProblem) return configProblem;
  if (!Array.isArray(value.tensors)) return 'the network has no list of tensors';
  const expected = expectedTensors(value.config as NetworkConfig);
  if (value.tensors.length !== expected.length)
    return `the network has ${value.tensors.length} tensors, its architecture ${expected.length}`;
  const byName = new Map<string, unknown>();
  for (const tensor of value.tensors) {
    if (!isRecord(tensor) || typeof tensor.name !== 'string') return 'a tensor has no name';
    if (byName.has(tensor.name)) return `tensor ${tensor.name} appears twice`;
    byName.set(tensor.name, tensor);
  }
  for (const { name, shape } of expected) {
    const tensor = byName.get(name) as Record<string, unknown> | undefined;
    if (!tensor) return `tensor ${name} is missing`;
    if (!Array.isArray(tensor.shape) || tensor.shape.length !== shape.length || tensor.shape.some((n, i) => n !== shape[i]))
      return `tensor ${name} is not ${shape.join('×')}`;
    const values = tensor.values;
    if (!(values instanceof Float32Array) || values.length !== tensorLength(shape))
      return `tensor ${name} does not hold ${tensorLength(shape)} float32 values`;
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return `tensor ${name} holds a value that is not finite`;
  }
  return null;
}

/** The tensors of a snapshot by name. */
export function tensorsByName(snapshot: NetworkSnapshot): Map<string, Tensor> {
  return new Map(snapshot.tensors.map((t) => [t.name, t]));
}

/** Float values a network of this config holds (its storage is 4 bytes each). */
export const networkValueCount = (config: NetworkConfig): number =>
  expectedTensors(config).reduce((sum, t) => sum + tensorLength(t.shape), 0);
