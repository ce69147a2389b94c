// Row groups (kernels.ts, RowGroups): which rows go together, and the checks both kernel
// implementations make, so that the TypeScript reference and the WASM kernels refuse the same calls.
//
// A group's cost is its union of non-zero columns, so rows with similar strokes go together. The
// grouping is greedy: rows are taken in increasing order of their non-zero count, and each group
// starts with the first row left and adds, five times, the row among the next GROUP_POOL left that
// adds the fewest new columns. On the 10,000 MNIST test images that makes 234 columns per group
// against 151 non-zero pixels per image (332 for six consecutive images), in ~0.2 s, once per
// evaluation set. The order depends on nothing but the pixels: the same set groups the same way.
import type { RowGroups, SparseRows } from './kernels.ts';
import { count } from './sparse-rows.ts';

/** Rows per group: the micro-kernel's 6×8 tile (scripts/wasm/group-microkernel.mjs, the same constant). */
export const GROUP_ROWS = 6;
/** 4-byte words per entry: the column, then one value per row of the group. */
export const ENTRY_WORDS = 1 + GROUP_ROWS;
/** Rows considered for each place in a group (more: smaller unions, a slower grouping). */
const GROUP_POOL = 256;

/** Whether a network input is row groups (not dense rows, not sparse rows). */
export function isRowGroups(x: Float32Array | SparseRows | RowGroups): x is RowGroups {
  return 'word' in x;
}

export function groupCount(rows: number): number {
  return Math.ceil(rows / GROUP_ROWS);
}

/** allocGroups's arguments, checked; returns the words to reserve for the entries. */
export function checkAllocGroups(maxGroups: number, cols: number, capacity: number): number {
  count('maxGroups', maxGroups);
  count('cols', cols);
  const words = count('capacity', capacity) * ENTRY_WORDS;
  if (words > 0x0fffffff) throw new RangeError(`row groups of ${capacity} entries are too large`);
  return words;
}

/** A RowGroups over the given arrays (made by a kernel context's allocGroups). */
export function rowGroups(maxGroups: number, cols: number, start: Int32Array, word: Int32Array, value: Float32Array): RowGroups {
  return { maxGroups, cols, rows: 0, start, capacity: word.length / ENTRY_WORDS, word, value };
}

/**
 * Groups first..first+groups-1 of g as row groups of their own, sharing g's arrays (their start
 * offsets still count from the beginning of g's entries, which is all the kernels need).
 */
export function rowGroupRange(g: RowGroups, first: number, groups: number): RowGroups {
  const held = groupCount(g.rows);
  if (!(Number.isInteger(first) && Number.isInteger(groups) && first >= 0 && groups >= 0 && first + groups <= held)) {
    throw new RangeError(`groups ${first}..${first + groups - 1} are not within the ${held} groups held`);
  }
  const rows = Math.min(groups * GROUP_ROWS, g.rows - first * GROUP_ROWS);
  return { ...g, maxGroups: groups, rows, start: g.start.subarray(first, first + groups + 1) };
}

/** groupedGemm(n, g, b, c): B is g.cols×n, C g.rows×n. */
export function checkGroupedGemm(n: number, g: RowGroups, b: Float32Array, c: Float32Array): void {
  count('n', n);
  if (b.length < g.cols * n) throw new RangeError(`groupedGemm: b has ${b.length} floats, ${g.cols * n} needed`);
  if (c.length < g.rows * n) throw new RangeError(`groupedGemm: c has ${c.length} floats, ${g.rows * n} needed`);
}

/** Which rows go together: `order` lists the rows group by group; group i's columns are columns[start[i]..start[i+1]). */
export interface GroupPlan {
  readonly order: Int32Array;
  readonly start: Int32Array;
  readonly columns: Int32Array;
}

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/** The groups of `rows` rows of `cols` bytes each (row i is rowBytes(i)), a byte being non-zero where the row has an entry. */
export function planRowGroups(rows: number, cols: number, rowBytes: (row: number) => Uint8Array): GroupPlan {
  count('rows', rows);
  const words = Math.ceil(cols / 32);
  const masks = new Uint32Array(rows * words);
  const sizes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const bytes = rowBytes(i);
    for (let c = 0; c < cols; c++) {
      if (bytes[c] !== 0) {
        masks[i * words + (c >> 5)] |= 1 << (c & 31);
        sizes[i]++;
      }
    }
  }
  const base = Int32Array.from({ length: rows }, (_, i) => i).sort((a, b) => sizes[a] - sizes[b] || a - b);
  const taken = new Uint8Array(rows);
  const order = new Int32Array(rows);
  const union = new Uint32Array(words);
  const pool = new Int32Array(GROUP_POOL);
  const groups = groupCount(rows);
  const unions = new Uint32Array(groups * words); // each group's union, as its loop below leaves it
  let placed = 0;
  let next = 0; // base[next] is the first row of the base order not yet taken
  const take = (row: number): void => {
    taken[row] = 1;
    order[placed++] = row;
    for (let w = 0; w < words; w++) union[w] |= masks[row * words + w];
  };
  while (placed < rows) {
    while (taken[base[next]]) next++;
    union.fill(0);
    take(base[next]);
    let size = 0;
    for (let j = next + 1; j < rows && size < GROUP_POOL; j++) if (!taken[base[j]]) pool[size++] = base[j];
    for (let k = 1; k < GROUP_ROWS && size > 0; k++) {
      let best = 0;
      let bestGrowth = Infinity;
      for (let p = 0; p < size; p++) {
        const row = pool[p];
        let growth = 0;
        for (let w = 0; w < words; w++) growth += popcount(masks[row * words + w] & ~union[w]);
        if (growth < bestGrowth) {
          bestGrowth = growth;
          best = p;
        }
      }
      take(pool[best]);
      pool[best] = pool[--size];
    }
    unions.set(union, (((placed - 1) / GROUP_ROWS) | 0) * words);
  }
  // Each group's size first, so that the columns go straight into one Int32Array.
  const start = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) {
    let size = 0;
    for (let w = 0; w < words; w++) size += popcount(unions[g * words + w]);
    start[g + 1] = start[g] + size;
  }
  const columns = new Int32Array(start[groups]);
  for (let g = 0, e = 0; g < groups; g++) {
    for (let c = 0; c < cols; c++) if (unions[g * words + (c >> 5)] & (1 << (c & 31))) columns[e++] = c;
  }
  return { order, start, columns };
}

/**
 * Writes the plan's groups into g (allocGroups(groupCount(rows), cols, plan.columns.length)), the
 * value of row i's column c being value(i, c) — 0 must stand for "no entry", as in the plan's bytes.
 */
export function fillRowGroups(plan: GroupPlan, g: RowGroups, value: (row: number, col: number) => number): void {
  const rows = plan.order.length;
  const groups = groupCount(rows);
  if (g.maxGroups < groups || g.capacity < plan.columns.length) {
    throw new RangeError(
      `fillRowGroups: ${groups} groups of ${plan.columns.length} entries do not fit ${g.maxGroups} groups of ${g.capacity}`,
    );
  }
  g.start.set(plan.start);
  const { word, value: values } = g;
  for (let grp = 0; grp < groups; grp++) {
    const first = grp * GROUP_ROWS;
    for (let e = plan.start[grp]; e < plan.start[grp + 1]; e++) {
      const c = plan.columns[e];
      word[e * ENTRY_WORDS] = c;
      for (let r = 0; r < GROUP_ROWS; r++) {
        values[e * ENTRY_WORDS + 1 + r] = first + r < rows ? value(plan.order[first + r], c) : 0;
      }
    }
  }
  g.rows = rows;
}
