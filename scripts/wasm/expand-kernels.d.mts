// Types for expand-kernels.mjs (a plain Node module, like the generators it calls).

/** `watSource` with every marker replaced by the kernels its generator writes. */
export function expandKernels(watSource: string, options?: { plain?: boolean }): string;
