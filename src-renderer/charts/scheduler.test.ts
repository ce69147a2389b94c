// The chart scheduler's frame budget, with the browser's animation frames driven by hand: the
// budget counts what a frame did before the charts' turn (the layout of a newly shown run).
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Scheduler from './scheduler.ts';

type FrameCallback = (frameStart: number) => void;
const frames: FrameCallback[] = [];
let scheduler: typeof Scheduler;

beforeAll(async () => {
  // The little of the DOM the scheduler touches, before it is imported.
  const attributes = new Set<string>();
  Object.assign(globalThis, {
    requestAnimationFrame: (callback: FrameCallback) => frames.push(callback),
    cancelAnimationFrame: () => undefined,
    document: {
      addEventListener: () => undefined,
      documentElement: {
        hasAttribute: (name: string) => attributes.has(name),
        toggleAttribute: (name: string, on: boolean) => (on ? attributes.add(name) : attributes.delete(name)),
      },
    },
  });
  scheduler = await import('./scheduler.ts');
});

// A clock of our own: a chart's update takes exactly the time it says.
let clock = 0;
beforeEach(() => {
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
});
afterEach(() => {
  scheduler.flush();
  frames.length = 0;
  vi.restoreAllMocks();
});

/** Runs the animation frame requested last, as if it had begun `spentMs` before the charts' turn. */
function runFrame(spentMs: number): void {
  const callback = frames.shift();
  expect(callback, 'an animation frame was requested').toBeDefined();
  callback!(clock - spentMs);
}

/** A chart whose update takes `ms`; `drawn` counts its updates. */
function chart(ms = 0) {
  const fake = { drawn: 0, update: () => ((clock += ms), fake.drawn++) };
  return fake;
}

describe('chart updates in animation frames', () => {
  it('draws no chart in a frame that spent its budget before the charts’ turn, and all of them in the next', () => {
    const charts = [chart(), chart(), chart()];
    for (const c of charts) scheduler.markDirty(c, 'data', () => true);
    runFrame(30);
    expect(charts.map((c) => c.drawn)).toEqual([0, 0, 0]);
    runFrame(0);
    expect(charts.map((c) => c.drawn)).toEqual([1, 1, 1]);
  });

  it('leaves its work to the next frame once at most, so that busy frames in a row still draw', () => {
    const c = chart();
    scheduler.markDirty(c, 'data', () => true);
    runFrame(30);
    runFrame(30);
    expect(c.drawn).toBe(1);
  });

  it('stops at the budget inside a frame, and the rest follow in the next', () => {
    const charts = [chart(8), chart(8), chart(8)];
    for (const c of charts) scheduler.markDirty(c, 'data', () => true);
    runFrame(0);
    expect(charts.map((c) => c.drawn)).toEqual([1, 1, 0]);
    runFrame(0);
    expect(charts.map((c) => c.drawn)).toEqual([1, 1, 1]);
  });

  it('skips a chart whose tasks changed nothing', () => {
    const c = chart();
    scheduler.markDirty(c, 'data', () => false);
    runFrame(0);
    expect(c.drawn).toBe(0);
  });
});
