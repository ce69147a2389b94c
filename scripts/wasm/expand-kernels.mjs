// kernels.wat as it is assembled: its generated parts (the GEMM and sparse-row micro-kernels)
// expanded in place. The one expansion scripts/build-wasm.mjs and the generators' tests use.
import { expandMicroKernels } from './gemm-microkernels.mjs';
import { expandSparseKernels } from './sparse-microkernels.mjs';

/** `watSource` with both markers replaced by the kernels their generators write. */
export function expandKernels(watSource) {
  return expandSparseKernels(expandMicroKernels(watSource));
}
