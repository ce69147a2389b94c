// Idle workers lend their core to a busy worker's accuracy measurements (docs/ARCHITECTURE.md,
// "Helpers"). The help board is one Int32Array that main's pool and every worker share, with a
// record per worker slot, used while that worker helps:
// - main lends the helper to a trainer (TRAINER, LEASE), asks it back (RECALLED) and
//   marks a dead one GONE;
// - the helper, once it has built its copy of the network and the evaluation sets, says READY,
//   answers each request (DONE and a count per set) and says GONE when it leaves;
// - the trainer writes each request (group ranges, then GEN) and waits for DONE — or GONE, when it
//   measures the helper's share itself, so a result never depends on a helper.
// Atomics order everything: what a thread wrote before an Atomics.store is seen by the thread that
// loads the stored value.

/** Evaluation sets a trainer may share (train and test accuracy: two today). */
export const MAX_SHARED_SETS = 4;

const TRAINER = 0; // the trainer's slot + 1, 0 when lent to none
const LEASE = 1; // a new number for every lending, so that a stale answer is never taken
const STATE = 2;
const RECALLED = 3;
const GEN = 4; // the trainer's request number
const DONE = 5; // the last request the helper answered
const SETS = 6; // per set: first group, groups, correct answers
/** Words per record: a 128-byte line each, so that two records never share a cache line. */
const RECORD = 32;

// STATE: 0 while lent and not yet ready (lend clears the record), then READY, then GONE.
export const HELPER_READY = 1;
export const HELPER_GONE = 2;

export const helpBoardBuffer = (slots: number): SharedArrayBuffer => new SharedArrayBuffer(4 * RECORD * slots);

const at = (slot: number, field: number): number => slot * RECORD + field;
const setField = (set: number, part: number): number => SETS + 3 * set + part;

// ---- main's side ----

/** Lends helper `slot` to the trainer at `trainerSlot` under a new lease. */
export function lend(board: Int32Array, slot: number, trainerSlot: number, lease: number): void {
  board.fill(0, at(slot, 0), at(slot + 1, 0));
  Atomics.store(board, at(slot, LEASE), lease);
  Atomics.store(board, at(slot, TRAINER), trainerSlot + 1);
}

/** Asks the helper back: it finishes the request it is on, if any, and leaves. */
export function recall(board: Int32Array, slot: number): void {
  Atomics.store(board, at(slot, RECALLED), 1);
  Atomics.notify(board, at(slot, GEN));
}

/** The helper died or never started: its trainer measures its share itself from now on. */
export function markGone(board: Int32Array, slot: number): void {
  Atomics.store(board, at(slot, STATE), HELPER_GONE);
  Atomics.store(board, at(slot, TRAINER), 0);
  Atomics.notify(board, at(slot, DONE));
}

// ---- the helper's side ----

export const leaseOf = (board: Int32Array, slot: number): number => Atomics.load(board, at(slot, LEASE));
export const recalled = (board: Int32Array, slot: number): boolean => Atomics.load(board, at(slot, RECALLED)) !== 0;

export function announce(board: Int32Array, slot: number, state: typeof HELPER_READY | typeof HELPER_GONE): void {
  Atomics.store(board, at(slot, STATE), state);
  Atomics.notify(board, at(slot, DONE));
}

/**
 * Waits for the next request after `answered` (a new GEN) and returns its number, or 0 once the
 * helper is asked back. The timeout only bounds a wait whose wake-up was missed.
 */
export function nextRequest(board: Int32Array, slot: number, answered: number): number {
  for (;;) {
    const gen = Atomics.load(board, at(slot, GEN));
    if (gen !== answered) return gen;
    if (recalled(board, slot)) return 0;
    Atomics.wait(board, at(slot, GEN), gen, 1000);
  }
}

/** The group range of set `set` in the current request. */
export const requestedRange = (board: Int32Array, slot: number, set: number): { first: number; groups: number } => ({
  first: Atomics.load(board, at(slot, setField(set, 0))),
  groups: Atomics.load(board, at(slot, setField(set, 1))),
});

/** Answers request `gen` with the correct answers counted per set. */
export function answer(board: Int32Array, slot: number, gen: number, correct: readonly number[]): void {
  correct.forEach((n, set) => Atomics.store(board, at(slot, setField(set, 2)), n));
  Atomics.store(board, at(slot, DONE), gen);
  Atomics.notify(board, at(slot, DONE));
}

// ---- the trainer's side ----

/** A helper ready for the trainer, under the lease it was ready with. */
export interface ReadyHelper {
  slot: number;
  lease: number;
}

/** The helpers lent to the trainer at `trainerSlot` that are ready. */
export function readyHelpers(board: Int32Array, trainerSlot: number): ReadyHelper[] {
  const ready: ReadyHelper[] = [];
  const slots = board.length / RECORD;
  for (let slot = 0; slot < slots; slot++) {
    if (Atomics.load(board, at(slot, TRAINER)) !== trainerSlot + 1) continue;
    const lease = Atomics.load(board, at(slot, LEASE));
    if (Atomics.load(board, at(slot, STATE)) === HELPER_READY && !recalled(board, slot)) ready.push({ slot, lease });
  }
  return ready;
}

/** Sends request `gen`: per set, the range of groups the helper measures. */
export function request(board: Int32Array, helper: ReadyHelper, gen: number, ranges: readonly { first: number; groups: number }[]): void {
  ranges.forEach((r, set) => {
    Atomics.store(board, at(helper.slot, setField(set, 0)), r.first);
    Atomics.store(board, at(helper.slot, setField(set, 1)), r.groups);
  });
  Atomics.store(board, at(helper.slot, GEN), gen);
  Atomics.notify(board, at(helper.slot, GEN));
}

/** The helper's counts for request `gen`, or null when it left (or was lent anew) without answering. */
export function awaitAnswer(board: Int32Array, helper: ReadyHelper, gen: number, sets: number): number[] | null {
  const done = at(helper.slot, DONE);
  for (;;) {
    const seen = Atomics.load(board, done);
    if (Atomics.load(board, at(helper.slot, LEASE)) !== helper.lease) return null;
    if (seen === gen) {
      return Array.from({ length: sets }, (_, set) => Atomics.load(board, at(helper.slot, setField(set, 2))));
    }
    if (Atomics.load(board, at(helper.slot, STATE)) === HELPER_GONE) return null;
    Atomics.wait(board, done, seen, 100);
  }
}
