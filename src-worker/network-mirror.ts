// A network's values in a SharedArrayBuffer, for a helper thread to evaluate a copy equal to the
// trainer's bit for bit: the BatchNorm running statistics as float64 (the precision they train in,
// where a snapshot keeps float32), then every parameter as float32. The layout follows from the
// config alone (expectedTensors), so main can check a mirror's size before it passes one on.
import { expectedTensors, runningMeanName, runningVarName, tensorLength, type NetworkConfig } from '../src-shared/network.ts';

interface Slot {
  name: string;
  float64: boolean;
  /** Offset in elements of its own width. */
  offset: number;
  length: number;
}

export interface MirrorLayout {
  slots: Slot[];
  bytes: number;
}

export function mirrorLayout(config: NetworkConfig): MirrorLayout {
  const running = new Set(config.hiddenSizes.flatMap((_, i) => [runningMeanName(i + 1), runningVarName(i + 1)]));
  const tensors = expectedTensors(config).map((t) => ({ name: t.name, length: tensorLength(t.shape), float64: running.has(t.name) }));
  let f64 = 0;
  for (const t of tensors) if (t.float64) f64 += t.length;
  let next64 = 0;
  let next32 = 2 * f64; // float32 elements start right after the float64 ones
  const slots = tensors.map((t) => {
    const slot = { ...t, offset: t.float64 ? next64 : next32 };
    if (t.float64) next64 += t.length;
    else next32 += t.length;
    return slot;
  });
  return { slots, bytes: 4 * next32 };
}

type Views = Map<string, Float32Array | Float64Array>;

function mirrorView(buffer: SharedArrayBuffer, slot: Slot): Float32Array | Float64Array {
  return slot.float64 ? new Float64Array(buffer, 8 * slot.offset, slot.length) : new Float32Array(buffer, 4 * slot.offset, slot.length);
}

/** Copies a network's values (MultiLayerNet.tensorViews) into the mirror. */
export function writeMirror(layout: MirrorLayout, views: Views, buffer: SharedArrayBuffer): void {
  for (const slot of layout.slots) mirrorView(buffer, slot).set(viewOf(views, slot));
}

/** Copies the mirror's values into a network of the same config. */
export function readMirror(layout: MirrorLayout, buffer: SharedArrayBuffer, views: Views): void {
  for (const slot of layout.slots) viewOf(views, slot).set(mirrorView(buffer, slot));
}

function viewOf(views: Views, slot: Slot): Float32Array | Float64Array {
  const view = views.get(slot.name);
  if (!view || view.length !== slot.length || view instanceof Float64Array !== slot.float64) {
    throw new Error(`the network has no ${slot.length} ${slot.float64 ? 'float64' : 'float32'} values for ${slot.name}`);
  }
  return view;
}
