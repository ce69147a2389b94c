// Types for expand-kernels.mjs (a plain Node module, like the generators it calls).

/** `watSource` with both markers replaced by the kernels their generators write. */
export function expandKernels(watSource: string): string;
