// kernels.wat as it is assembled: its generated parts (the GEMM, sparse-row and row-group
// micro-kernels, batch norm) expanded in place. The one expansion scripts/build-wasm.mjs and the generators'
// tests use.
import { expandBatchNormKernels } from './batch-norm-kernels.mjs';
import { expandMicroKernels } from './gemm-microkernels.mjs';
import { expandGroupKernel } from './group-microkernel.mjs';
import { expandSparseKernels } from './sparse-microkernels.mjs';

/**
 * `watSource` with every marker replaced by the kernels its generator writes; `plain` for the
 * plain SIMD build (before its multiply-add substitution), whose row-group kernel differs.
 */
export function expandKernels(watSource, { plain = false } = {}) {
  return expandBatchNormKernels(expandGroupKernel(expandSparseKernels(expandMicroKernels(watSource)), { plain }));
}
