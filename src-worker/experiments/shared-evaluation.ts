// The accuracy measured every epoch, spread over the cores main lends (docs/ARCHITECTURE.md,
// "Helpers"): a job with fewer networks than cores would leave the other cores idle while each
// network measures its 10,000 test images, the larger part of an overfitting job's time. The
// trainer copies its weights into shared memory, each ready helper measures a range of the row
// groups, the trainer the first range; the counts add up to exactly the whole set's, whoever
// measured what (EvalSet.correctIn), and a helper that leaves or dies has its range measured by
// the trainer.
import { cleanNetworkConfig } from '../../src-shared/network.ts';
import type { Mnist } from '../data/mnist-types.ts';
import { threadKernels } from '../engine/kernels/create-kernels.ts';
import { MultiLayerNet } from '../engine/multi-layer-net.ts';
import type { WeightInit } from '../engine/weight-init.ts';
import {
  announce,
  answer,
  awaitAnswer,
  HELPER_GONE,
  HELPER_READY,
  leaseOf,
  MAX_SHARED_SETS,
  nextRequest,
  readyHelpers,
  type ReadyHelper,
  request,
  requestedRange,
  recalled,
} from '../help-board.ts';
import { mirrorLayout, readMirror, writeMirror } from '../network-mirror.ts';
import type { ShareSetup } from '../protocol.ts';
import type { RunContext } from './runner.ts';
import { EvalSet, type Samples } from './training.ts';

/** Below this many images a measurement is too short to be worth a helper's wake-up. */
const MIN_SHARED_IMAGES = 1200;

/** How a run reaches the help board: the worker's slot, and a way to offer main its setup. */
export interface HelpLink {
  board: Int32Array;
  slot: number;
  /** Tells main this run can use helpers, with what a helper needs (posted once per run). */
  offer(setup: ShareSetup): void;
  /** Groups the helpers measured for this run (sent with 'finished'; tests look at it). */
  helpedGroups: number;
}

/** A measurement the helpers are still on: the trainer's own counts, and who measures which range. */
interface Pending {
  gen: number;
  helpers: ReadyHelper[];
  /** Per set, the trainer's range then each helper's. */
  parts: { first: number; groups: number }[][];
  counts: number[];
}

/**
 * The sets a run measures every epoch, by metric; with helpers when main lends any. A helper's
 * share is measured while the trainer trains on (it reads the mirror, not the live network), so
 * a measurement is complete at the next one, or at `finish`: the trainer takes a smaller share,
 * sized so that its training plus its share take as long as a helper's share.
 */
export class MeasuredSets {
  private readonly metrics: string[];
  private readonly sets: EvalSet[];
  private readonly net: MultiLayerNet;
  private readonly shared: { link: HelpLink; weights: SharedArrayBuffer; layout: ReturnType<typeof mirrorLayout> } | null = null;
  private gen = 0;
  private pending: Pending | null = null;
  /** The network as the mirror holds it, for a helper's share the trainer measures after all. */
  private shadow: MultiLayerNet | null = null;
  /** Smoothed milliseconds the trainer spends between measurements, and per unit of work measuring. */
  private betweenMs: number | null = null;
  private msPerWork: number | null = null;
  private lastEnd = 0;

  constructor(ctx: RunContext, net: MultiLayerNet, measure: Record<string, Samples>) {
    this.net = net;
    this.metrics = Object.keys(measure);
    const samples = Object.values(measure);
    this.sets = samples.map((s) => new EvalSet(net, s));
    const names = samples.map((s) => (s.set === ctx.mnist?.train ? 'train' : s.set === ctx.mnist?.test ? 'test' : null));
    const images = samples.reduce((n, s) => n + s.indices.length, 0);
    const link = ctx.help;
    if (!link || images < MIN_SHARED_IMAGES || samples.length > MAX_SHARED_SETS || names.includes(null)) return;
    const config = cleanNetworkConfig(net.config);
    const layout = mirrorLayout(config);
    const weights = new SharedArrayBuffer(layout.bytes);
    this.shared = { link, weights, layout };
    link.offer({ config, weights, sets: samples.map((s, i) => ({ set: names[i]!, indices: s.indices })) });
  }

  /**
   * Measures every set now; returns the accuracies (by metric) of the measurements complete so
   * far, in order: this one's when no helper is lent, else the last one's (or none, the first time).
   */
  measure(): Record<string, number>[] {
    const start = performance.now();
    if (this.lastEnd > 0) this.betweenMs = smooth(this.betweenMs, start - this.lastEnd);
    const done = this.finish();
    const helpers = this.shared ? readyHelpers(this.shared.link.board, this.shared.link.slot) : [];
    if (helpers.length === 0) done.push(this.accuracies(this.sets.map((set) => set.correctIn(this.net, 0, set.groupCount))));
    else this.share(helpers);
    this.lastEnd = performance.now();
    return done;
  }

  /** The accuracies of the measurement the helpers are still on, once they answer (none if none is). */
  finish(): Record<string, number>[] {
    const pending = this.pending;
    if (!pending) return [];
    this.pending = null;
    const { link, weights, layout } = this.shared!;
    const counts = pending.counts; // the pending measurement ends here: its counts are complete below
    let mirrored: MultiLayerNet | null = null;
    pending.helpers.forEach((helper, h) => {
      const answered = awaitAnswer(link.board, helper, pending.gen, this.sets.length);
      if (!answered && !mirrored) {
        // The helper left without answering: its share, from the values it was sent.
        mirrored = this.shadow ??= MultiLayerNet.fromSnapshot(this.net.snapshot(), { kernels: this.net.kernels });
        readMirror(layout, weights, mirrored.tensorViews());
      }
      this.sets.forEach((set, i) => {
        const range = pending.parts[i][h + 1];
        if (answered) link.helpedGroups += range.groups;
        counts[i] += answered ? answered[i] : set.correctIn(mirrored!, range.first, range.groups);
      });
    });
    return [this.accuracies(counts)];
  }

  private share(helpers: ReadyHelper[]): void {
    const { link, weights, layout } = this.shared!;
    writeMirror(layout, this.net.tensorViews(), weights);
    const mine = this.trainerShare(helpers.length);
    const fractions = [mine, ...helpers.map(() => (1 - mine) / helpers.length)];
    const parts = this.sets.map((set) => set.split(fractions));
    const gen = ++this.gen;
    helpers.forEach((helper, h) =>
      request(
        link.board,
        helper,
        gen,
        parts.map((p) => p[h + 1]),
      ),
    );
    const start = performance.now();
    const counts = this.sets.map((set, i) => set.correctIn(this.net, parts[i][0].first, parts[i][0].groups));
    const work = this.sets.reduce((sum, set, i) => sum + set.workOf(parts[i][0]), 0);
    if (work > 0) this.msPerWork = smooth(this.msPerWork, (performance.now() - start) / work);
    this.pending = { gen, helpers, parts, counts };
  }

  /**
   * The trainer's fraction of the work: with h helpers, training for t ms between measurements
   * and W ms of measuring in all, t + f·W = (1 − f)·W / h balances them.
   */
  private trainerShare(h: number): number {
    const even = 1 / (h + 1);
    if (this.betweenMs === null || this.msPerWork === null) return even;
    const total = this.msPerWork * this.sets.reduce((sum, set) => sum + set.workOf({ first: 0, groups: set.groupCount }), 0);
    return Math.min(even, Math.max(0, even - (h * this.betweenMs) / ((h + 1) * total)));
  }

  private accuracies(counts: number[]): Record<string, number> {
    return Object.fromEntries(this.metrics.map((metric, i) => [metric, counts[i] / this.sets[i].count]));
  }
}

/** An average that follows the last few values (a step's time varies from epoch to epoch). */
const smooth = (average: number | null, value: number): number => (average === null ? value : 0.8 * average + 0.2 * value);

/**
 * A lent worker's side: builds the trainer's network and sets, says READY, and answers requests
 * (the trainer's weights, copied in, measured on the requested groups) until main asks it back.
 */
export function serveMeasurements(board: Int32Array, slot: number, lease: number, setup: ShareSetup, mnist: Mnist): void {
  try {
    if (leaseOf(board, slot) !== lease || recalled(board, slot)) return;
    const kernels = threadKernels();
    kernels.reset(); // the thread's last run is over: its buffers are free
    const config = setup.config;
    const net = new MultiLayerNet({ ...config, weightInit: config.weightInit as WeightInit, kernels });
    const sets = setup.sets.map((s) => new EvalSet(net, { set: mnist[s.set], indices: s.indices }));
    const layout = mirrorLayout(config);
    const views = net.tensorViews();
    if (leaseOf(board, slot) !== lease) return;
    announce(board, slot, HELPER_READY);
    for (let answered = 0; ;) {
      const gen = nextRequest(board, slot, answered);
      if (gen === 0) break;
      readMirror(layout, setup.weights, views);
      answer(
        board,
        slot,
        gen,
        sets.map((set, i) => {
          const { first, groups } = requestedRange(board, slot, i);
          if (!(first >= 0 && groups >= 0 && first + groups <= set.groupCount))
            throw new RangeError(`no groups ${first}+${groups} in ${set.groupCount}`);
          return set.correctIn(net, first, groups);
        }),
      );
      answered = gen;
    }
  } finally {
    if (leaseOf(board, slot) === lease) announce(board, slot, HELPER_GONE);
  }
}
