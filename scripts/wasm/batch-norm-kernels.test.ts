import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allBatchNormKernels, BATCH_NORM_MARKER, expandBatchNormKernels } from './batch-norm-kernels.mjs';
import { expandKernels } from './expand-kernels.mjs';

const watSource = readFileSync(new URL('../../src-worker/engine/kernels/kernels.wat', import.meta.url), 'utf8');

describe('batch-norm kernel generator', () => {
  it('writes each row pass as a column pair and an odd last column from one template', () => {
    const wat = allBatchNormKernels();
    for (const pass of ['$bn_sum', '$bn_center', '$bn_scale', '$bn_grad_sums', '$bn_dxc', '$bn_sub_col', '$bn_infer_rows']) {
      expect(wat).toContain(`(func ${pass} `);
    }
    // pairs load two float32s and promote them; the tail stores lane 0 alone
    expect(wat).toContain('f64x2.promote_low_f32x4');
    expect(wat).toContain('v128.store32_lane');
    // the JavaScript reference rounds after every operation: no fused multiply-add here
    expect(wat).not.toContain('relaxed_madd');
  });

  it('exports the three entry points the layer calls', () => {
    const wat = allBatchNormKernels();
    for (const name of ['bn_forward', 'bn_backward', 'bn_inference']) expect(wat).toContain(`(export "${name}")`);
  });

  it('replaces its marker in kernels.wat exactly once, for each build', () => {
    expect(watSource.split('\n').filter((l) => l.trim() === BATCH_NORM_MARKER)).toHaveLength(1);
    expect(expandKernels(watSource)).toContain(allBatchNormKernels());
    expect(expandKernels(watSource, { plain: true })).toContain(allBatchNormKernels());
    expect(() => expandBatchNormKernels('(module)')).toThrow(/expected the line `;; @generate batch-norm` once/);
  });
});
