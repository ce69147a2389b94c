import { describe, expect, it } from 'vitest';
import { bowlPath } from '../../src-shared/bowl.ts';
import { stepFormula, texNumber } from './path-formulas.ts';

describe('an optimizer step as its formula with numbers', () => {
  it('gives Adam’s m, v, v̂ and lr_t of the step, and puts the previous state into the update', () => {
    const path = bowlPath('Adam', { lr: 0.3 }, [-7, 2], 30);
    const { tex, rows } = stepFormula('Adam', { lr: 0.3 }, path, 2);
    const row = (key: string) => rows.find((r) => r.key === key)!.value;
    expect(row('m')).toEqual(path[2].state.m);
    expect(row('vHat')).toEqual(path[2].state.vHat);
    expect(row('lrT')).toBe(path[2].state.lrT);
    expect(row('delta')).toEqual(path[2].delta);
    // t = 3: v̂ = v / (1 − 0.999³), and the m of step 2 is where the update starts from.
    expect(tex).toContain('1-0.999^{3}');
    expect(tex).toContain(texNumber(path[1].state.m![0]));
    expect(path[2].state.vHat![1]).toBeCloseTo(path[2].state.v![1] / (1 - 0.999 ** 3), 12);
  });

  it('starts every state from zero at the first step', () => {
    const path = bowlPath('Momentum', { lr: 0.1 }, [-7, 2], 3);
    const { tex, rows } = stepFormula('Momentum', { lr: 0.1 }, path, 0);
    expect(tex).toContain('0.9\\,\\left(0,\\ 0\\right)');
    const v = rows.find((r) => r.key === 'v')!.value as [number, number];
    expect(v[0]).toBeCloseTo(0.07, 15); // −0.1·(−0.7, 4)
    expect(v[1]).toBeCloseTo(-0.4, 15);
  });

  it('writes tiny and huge numbers with a power of ten', () => {
    expect(texNumber(1.23456e-7)).toBe('1.235\\times10^{-7}');
    expect(texNumber(-0.5)).toBe('-0.5');
    expect(texNumber(0)).toBe('0');
  });
});
