// One step of an optimizer on the bowl, as its update rule with the numbers of that step put in:
// the gradient at the position, the state before and after (v, h, m, v, v̂), Adam's lr_t, the step
// taken and its effective learning rate — from the states bowlPath (src-shared/bowl.ts) recorded.
// A TeX string for KaTeX, and the same values as rows for a plain table.
import type { OptimizerState, PathOptions, PathStep } from '../../src-shared/bowl.ts';
import type { OptimizerName } from '../../src-shared/vocabulary.ts';

export type Pair = [number, number];

export interface StateRow {
  /** TeX of the quantity's name (g, m, \hat v, …). */
  name: string;
  /** A stable key for tests and screen readers. */
  key: 'position' | 'grad' | 'v' | 'h' | 'm' | 'v2' | 'vHat' | 'lrT' | 'delta' | 'effectiveLr';
  value: Pair | number;
}

export interface StepFormula {
  tex: string;
  rows: StateRow[];
}

/** A number for a formula: 4 significant digits, ×10ⁿ when tiny or huge. */
export function texNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '\\text{—}' : v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs < 1e-3 || abs >= 1e5) {
    const [mantissa, exponent] = v.toExponential(3).split('e');
    return `${Number(mantissa)}\\times10^{${Number(exponent)}}`;
  }
  return String(Number(v.toPrecision(4)));
}

const vec = (p: Pair): string => `\\left(${texNumber(p[0])},\\ ${texNumber(p[1])}\\right)`;
const ZERO: Pair = [0, 0];

/** The update of step `k` (from 0) of `path`, the run of `name` with `options`. */
export function stepFormula(name: OptimizerName, options: PathOptions, path: readonly PathStep[], k: number): StepFormula {
  const step = path[k];
  const before: OptimizerState = k > 0 ? path[k - 1].state : {};
  const after = step.state;
  const t = k + 1;
  const lr = texNumber(options.lr);
  const g = vec(step.grad);
  const delta = vec(step.delta);
  const lines: string[] = [`g = \\nabla f${vec([step.x, step.y])} = ${g}`];
  const rows: StateRow[] = [
    { name: '(x, y)', key: 'position', value: [step.x, step.y] },
    { name: 'g', key: 'grad', value: step.grad },
  ];
  const momentum = texNumber(options.momentum ?? 0.9);
  switch (name) {
    case 'SGD':
      lines.push(`\\Delta = -\\eta\\, g = -${lr}\\,${g} = ${delta}`);
      break;
    case 'Momentum':
      lines.push(`v \\leftarrow \\alpha v - \\eta g = ${momentum}\\,${vec(before.v ?? ZERO)} - ${lr}\\,${g} = ${vec(after.v!)}`);
      lines.push(`\\Delta = v = ${delta}`);
      rows.push({ name: 'v', key: 'v', value: after.v! });
      break;
    case 'Nesterov':
      lines.push(
        `\\Delta = \\alpha^2 v - (1+\\alpha)\\,\\eta g = ${momentum}^2\\,${vec(before.v ?? ZERO)} - (1+${momentum})\\,${lr}\\,${g} = ${delta}`,
      );
      lines.push(`v \\leftarrow \\alpha v - \\eta g = ${vec(after.v!)}`);
      rows.push({ name: 'v', key: 'v', value: after.v! });
      break;
    case 'AdaGrad':
      lines.push(
        `h \\leftarrow h + g \\odot g = ${vec(before.h ?? ZERO)} + ${vec([step.grad[0] ** 2, step.grad[1] ** 2])} = ${vec(after.h!)}`,
      );
      lines.push(`\\Delta = -\\eta\\, \\frac{g}{\\sqrt{h}+\\varepsilon} = ${delta}`);
      rows.push({ name: 'h', key: 'h', value: after.h! });
      break;
    case 'RMSprop': {
      const decay = texNumber(options.decay ?? 0.99);
      lines.push(
        `h \\leftarrow \\rho h + (1-\\rho)\\, g \\odot g = ${decay}\\,${vec(before.h ?? ZERO)} + (1-${decay})\\,${vec([step.grad[0] ** 2, step.grad[1] ** 2])} = ${vec(after.h!)}`,
      );
      lines.push(`\\Delta = -\\eta\\, \\frac{g}{\\sqrt{h}+\\varepsilon} = ${delta}`);
      rows.push({ name: 'h', key: 'h', value: after.h! });
      break;
    }
    case 'Adam': {
      const beta1 = options.beta1 ?? 0.9;
      const beta2 = options.beta2 ?? 0.999;
      const b1 = texNumber(beta1);
      const b2 = texNumber(beta2);
      lines.push(
        `m \\leftarrow m + (1-\\beta_1)(g - m) = ${vec(before.m ?? ZERO)} + (1-${b1})\\left(${g} - ${vec(before.m ?? ZERO)}\\right) = ${vec(after.m!)}`,
      );
      lines.push(
        `v \\leftarrow v + (1-\\beta_2)(g^2 - v) = ${vec(before.v ?? ZERO)} + (1-${b2})\\left(${vec([step.grad[0] ** 2, step.grad[1] ** 2])} - ${vec(before.v ?? ZERO)}\\right) = ${vec(after.v!)}`,
      );
      lines.push(`\\hat v = \\frac{v}{1-\\beta_2^{\\,t}} = \\frac{${vec(after.v!)}}{1-${b2}^{${t}}} = ${vec(after.vHat!)}`);
      lines.push(
        `\\eta_t = \\eta\\,\\frac{\\sqrt{1-\\beta_2^{\\,t}}}{1-\\beta_1^{\\,t}} = ${lr}\\,\\frac{\\sqrt{1-${b2}^{${t}}}}{1-${b1}^{${t}}} = ${texNumber(after.lrT!)}`,
      );
      lines.push(`\\Delta = -\\eta_t\\, \\frac{m}{\\sqrt{v}+\\varepsilon} = ${delta}`);
      rows.push(
        { name: 'm', key: 'm', value: after.m! },
        { name: 'v', key: 'v2', value: after.v! },
        { name: '\\hat v', key: 'vHat', value: after.vHat! },
        { name: '\\eta_t', key: 'lrT', value: after.lrT! },
      );
      break;
    }
  }
  lines.push(`|\\Delta| / |g| = ${vec(step.effectiveLr)}`);
  rows.push({ name: '\\Delta', key: 'delta', value: step.delta }, { name: '|\\Delta|/|g|', key: 'effectiveLr', value: step.effectiveLr });
  // Left-aligned lines: the rules' left sides differ too much in length to align on their "=".
  return { tex: `\\begin{array}{l}${lines.join('\\\\[2pt]')}\\end{array}`, rows };
}
