// Initial weight scales (the book's __init_weight): the standard deviation of a normal draw,
// n = fan-in of the layer.

/** A standard deviation, or a named rule (the book also accepts 'sigmoid' for Xavier, 'relu' for He). */
export type WeightInit = number | 'xavier' | 'he' | 'sigmoid' | 'relu';

/** The standard deviation of the initial weights of a layer with `fanIn` inputs. */
export function weightInitStd(init: WeightInit, fanIn: number): number {
  if (typeof init === 'number') {
    if (!(Number.isFinite(init) && init >= 0)) throw new RangeError(`weight init std must be a finite number >= 0, got ${init}`);
    return init;
  }
  switch (String(init).toLowerCase()) {
    case 'he':
    case 'relu':
      // scale = np.sqrt(2.0 / all_size_list[idx - 1])
      return Math.sqrt(2 / fanIn);
    case 'xavier':
    case 'sigmoid':
      // scale = np.sqrt(1.0 / all_size_list[idx - 1])
      return Math.sqrt(1 / fanIn);
    default:
      throw new RangeError(`unknown weight init ${JSON.stringify(init)}; use a number, 'xavier' or 'he'`);
  }
}
