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
  request,
  requestedRange,
  retiring,
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
  /** Groups the helpers measured for this run (main logs it with the run; tests look at it). */
  helpedGroups: number;
}

/** The sets a run measures every epoch, by metric; with helpers when main lends any. */
export class MeasuredSets {
  private readonly metrics: string[];
  private readonly sets: EvalSet[];
  private readonly net: MultiLayerNet;
  private readonly shared: { link: HelpLink; weights: SharedArrayBuffer; layout: ReturnType<typeof mirrorLayout> } | null = null;
  private gen = 0;

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

  /** Accuracy of every set, by metric, measured now. */
  measure(): Record<string, number> {
    const counts = this.count();
    return Object.fromEntries(this.metrics.map((metric, i) => [metric, counts[i] / this.sets[i].count]));
  }

  private count(): number[] {
    const helpers = this.shared ? readyHelpers(this.shared.link.board, this.shared.link.slot) : [];
    if (helpers.length === 0) return this.sets.map((set) => set.correctIn(this.net, 0, set.groupCount));
    const { link, weights, layout } = this.shared!;
    writeMirror(layout, this.net.tensorViews(), weights);
    const parts = this.sets.map((set) => set.split(helpers.length + 1));
    const gen = ++this.gen;
    helpers.forEach((helper, h) =>
      request(
        link.board,
        helper,
        gen,
        parts.map((p) => p[h + 1]),
      ),
    );
    const counts = this.sets.map((set, i) => set.correctIn(this.net, parts[i][0].first, parts[i][0].groups));
    helpers.forEach((helper, h) => {
      const answered = awaitAnswer(link.board, helper, gen, this.sets.length);
      this.sets.forEach((set, i) => {
        const range = parts[i][h + 1];
        if (answered) link.helpedGroups += range.groups;
        counts[i] += answered ? answered[i] : set.correctIn(this.net, range.first, range.groups);
      });
    });
    return counts;
  }
}

/**
 * A lent worker's side: builds the trainer's network and sets, says READY, and answers requests
 * (the trainer's weights, copied in, measured on the requested groups) until main asks it back.
 */
export function serveMeasurements(board: Int32Array, slot: number, lease: number, setup: ShareSetup, mnist: Mnist): void {
  try {
    if (leaseOf(board, slot) !== lease || retiring(board, slot)) return;
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
