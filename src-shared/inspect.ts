// What the renderer asks about a job's trained networks and its X-ray (the api.ts methods
// jobExtras, getXray, inspectJob, predictDigit, mnistTestImages), as it travels: types only, binary
// data as base64 (src-shared/base64.ts) so that IPC and the web host's JSON carry the same thing.
import type { XrayLayout } from './xray.ts';

/** What a job kept besides its curves. */
export interface JobExtras {
  /** Runs whose trained network is stored (the inspector's networks), in run order. */
  networkRunIds: number[];
  /** Runs with X-ray samples, in run order. */
  xrayRunIds: number[];
}

/** One run's X-ray samples: float32 little-endian, sample after sample, as base64. */
export interface RunXrayData {
  runId: number;
  layout: XrayLayout;
  iterations: number[];
  data: string;
  /** Null when every stored sample read back whole. */
  damage: string | null;
}

/** New X-ray samples of a run, in a progress event. */
export interface XrayDelta {
  layout: XrayLayout;
  iterations: number[];
  data: string;
}

export interface Mistake {
  /** Index into MNIST's 10,000 test images. */
  index: number;
  label: number;
  /** The three most probable digits, most probable (the wrong prediction) first. */
  top: { digit: number; p: number }[];
}

export interface InspectedNetwork {
  runId: number;
  label: string;
  accuracy: number;
  /** 100 counts, row-major: confusion[10·true + predicted]. */
  confusion: number[];
  /** The predicted digit of every test image: 10,000 bytes as base64. */
  predicted: string;
  /** The most confident mistakes first (at most 500); `mistakeCount` counts them all. */
  mistakes: Mistake[];
  mistakeCount: number;
}

export interface InspectReport {
  jobId: number;
  /** The true digit of every test image: 10,000 bytes as base64. */
  labels: string;
  networks: InspectedNetwork[];
  /** Stored networks that could not be used (damaged in the database), with why. */
  unavailable: { runId: number; label: string; reason: string }[];
  /** The worker's time for the whole report. */
  ms: number;
}

export interface DigitPrediction {
  networks: { runId: number; label: string; probs: number[] }[];
  /** The worker's time for every network's forward pass. */
  ms: number;
}

/** Test images: `count` × 784 bytes (0–255, row-major 28×28) as base64, in the order asked. */
export interface TestImages {
  indices: number[];
  pixels: string;
}

/** At most this many test images per call. */
export const MAX_TEST_IMAGES = 500;
