// What a run brings besides its curves — its trained network when it ends, X-ray samples while it
// trains — held for the run manager until its next store write (they go into the same batch, in
// the same transaction, as the run's points and status) and, for the X-ray, until the next event to
// the listeners. Kept apart from run-manager.ts, which only hands messages in and takes batches out.
import { float32ToBase64 } from '../../src-shared/base64.ts';
import type { ExperimentId } from '../../src-shared/experiments/spec.ts';
import type { XrayDelta as XrayEventDelta } from '../../src-shared/inspect.ts';
import type { NetworkSnapshot } from '../../src-shared/network.ts';
import type { XrayDelta } from '../../src-worker/protocol.ts';
import type { KeepNetworks, NetworkWrite, RunProgress, XrayWrite } from '../store/types.ts';

/**
 * The search keeps the networks of its best 20 trials by final validation accuracy: the ones its
 * page shows (the best-20 grid), at 0.52 MB each (784-100×6-10 in float32) 10.4 MB — a hundred
 * would add 52 MB to the database for trials nobody looks at. Every other job keeps all its networks.
 */
export const SEARCH_KEPT_NETWORKS = 20;

export function keepRuleOf(experiment: ExperimentId): KeepNetworks {
  return experiment === 'hyperparameter-search' ? { kind: 'best', count: SEARCH_KEPT_NETWORKS, metric: 'valAcc' } : { kind: 'all' };
}

/**
 * X-ray samples go to the store in batches of about this many bytes, or when the oldest has waited
 * XRAY_STORE_MAX_AGE_MS, or with the run's last write. Each commit rewrites the last, partly filled
 * page of the samples' table and of its key's index: a few samples at a time cost 5× their bytes in
 * writes (`npm run bench:store`). Views opened meanwhile get the unwritten ones from memory.
 */
export const XRAY_STORE_BYTES = 32 * 1024;
export const XRAY_STORE_MAX_AGE_MS = 30_000;

interface Pending {
  network?: NetworkWrite;
  xray?: { layout: XrayWrite['layout']; samples: XrayWrite['samples'][number][]; bytes: number; since: number };
  /** Samples not yet told to listeners. */
  unsent?: { layout: XrayWrite['layout']; samples: XrayWrite['samples'][number][] };
}

export class RunExtras {
  readonly #pending = new Map<number, Pending>();

  #of(runId: number): Pending {
    let pending = this.#pending.get(runId);
    if (!pending) this.#pending.set(runId, (pending = {}));
    return pending;
  }

  /** A worker's progress message brought X-ray samples. */
  addXray(runId: number, delta: XrayDelta | undefined): void {
    if (!delta || delta.samples.length === 0) return;
    const pending = this.#of(runId);
    const xray = (pending.xray ??= { layout: delta.layout, samples: [], bytes: 0, since: Date.now() });
    xray.samples.push(...delta.samples);
    for (const sample of delta.samples) xray.bytes += sample.data.byteLength;
    (pending.unsent ??= { layout: delta.layout, samples: [] }).samples.push(...delta.samples);
  }

  /** A run ended with its trained network. */
  addNetwork(runId: number, experiment: ExperimentId, snapshot: NetworkSnapshot | undefined): void {
    if (snapshot) this.#of(runId).network = { snapshot, keep: keepRuleOf(experiment) };
  }

  /** Whether the run has something the store should get with its next write (all of it when `flush`). */
  isDue(runId: number, now: number, flush: boolean): boolean {
    const pending = this.#pending.get(runId);
    if (!pending) return false;
    if (pending.network) return true;
    const xray = pending.xray;
    return xray !== undefined && (flush || xray.bytes >= XRAY_STORE_BYTES || now - xray.since >= XRAY_STORE_MAX_AGE_MS);
  }

  /** Whether the run has something the store has not got yet. */
  hasUnstored(runId: number): boolean {
    const pending = this.#pending.get(runId);
    return pending?.network !== undefined || pending?.xray !== undefined;
  }

  /** X-ray samples the store has not got yet (a view opened now adds them to the stored ones). */
  unstoredXray(runId: number): XrayWrite | undefined {
    const xray = this.#pending.get(runId)?.xray;
    return xray && { layout: xray.layout, samples: xray.samples };
  }

  /** The fields to add to the run's next store write (kept until `stored` says it went in). */
  forStore(runId: number): Pick<RunProgress, 'network' | 'xray'> {
    const pending = this.#pending.get(runId);
    const xray = pending?.xray;
    return {
      ...(pending?.network ? { network: pending.network } : {}),
      ...(xray ? { xray: { layout: xray.layout, samples: xray.samples } } : {}),
    };
  }

  /** The batch with these runs' extras was committed. */
  stored(runIds: Iterable<number>): void {
    for (const runId of runIds) {
      const pending = this.#pending.get(runId);
      if (!pending) continue;
      delete pending.network;
      delete pending.xray;
      if (!pending.unsent) this.#pending.delete(runId);
    }
  }

  /** New X-ray samples for the next event to listeners (taken: each is told once). */
  takeUnsent(runId: number): XrayEventDelta | undefined {
    const pending = this.#pending.get(runId);
    const unsent = pending?.unsent;
    if (!pending || !unsent) return undefined;
    delete pending.unsent;
    if (!pending.network && !pending.xray) this.#pending.delete(runId);
    return xrayForListeners(unsent.layout, unsent.samples);
  }

  /** Forgets a run (its job was deleted while it trained). */
  drop(runId: number): void {
    this.#pending.delete(runId);
  }
}

/** Samples as the renderer gets them: one base64 block of float32 values, sample after sample. */
export function xrayForListeners(
  layout: XrayWrite['layout'],
  samples: readonly { iteration: number; data: Float32Array }[],
): XrayEventDelta {
  const length = samples.reduce((n, s) => n + s.data.length, 0);
  const all = new Float32Array(length);
  let at = 0;
  for (const s of samples) {
    all.set(s.data, at);
    at += s.data.length;
  }
  return { layout, iterations: samples.map((s) => s.iteration), data: float32ToBase64(all) };
}
