// One run's X-ray as the page holds it: samples by iteration, from the store (getXray) and from live
// events, merged by iteration — so samples that arrive twice (an event and the stored copy) count
// once, and the order they arrive in does not matter.
import { base64ToFloat32 } from '../../src-shared/base64.ts';
import { sampleLength, type XrayLayout } from '../../src-shared/xray.ts';

export class XrayTrack {
  layout: XrayLayout | null = null;
  /** Sampled iterations, increasing; `samples[i]` belongs to `iterations[i]`. */
  readonly iterations: number[] = [];
  readonly samples: Float32Array[] = [];
  /** Bumped when samples were added. */
  version = $state(0);

  /** Adds samples (float32 values, sample after sample, as base64), ignoring iterations already held. */
  merge(layout: XrayLayout, iterations: readonly number[], data: string): void {
    const values = base64ToFloat32(data);
    const length = sampleLength(layout);
    if (!values || values.length !== length * iterations.length) return; // not what it claims: drawn from what we have
    if (this.layout && sampleLength(this.layout) !== length) return;
    this.layout ??= layout;
    let added = false;
    iterations.forEach((iteration, s) => {
      let at = this.iterations.length;
      while (at > 0 && this.iterations[at - 1] > iteration) at--;
      if (this.iterations[at - 1] === iteration) return;
      this.iterations.splice(at, 0, iteration);
      this.samples.splice(at, 0, values.slice(s * length, (s + 1) * length));
      added = true;
    });
    if (added) this.version++;
  }
}
