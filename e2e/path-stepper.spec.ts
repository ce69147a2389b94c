// Stepping through the 2-D paths: forward and back through Adam's path, reading m and v̂ of each
// step against the book's formulas (computed here with src-shared/bowl.ts), and dragging the start
// point, which recomputes every path at once. No run needed: the page computes the paths.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { bowlPath } from '../src-shared/bowl.ts';
import { test, expect, ARTIFACTS, openExperiment, fontsReady, settle, scrollToTop } from './fixtures.ts';

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await scrollToTop(page);
  await fontsReady(page);
  await settle(page);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A row of an optimizer's state table as numbers. */
async function pair(table: Locator, key: string): Promise<[number, number]> {
  const row = table.locator(`tr[data-key="${key}"]`);
  return [Number(await row.getAttribute('data-x')), Number(await row.getAttribute('data-y'))];
}

test('steps back and forth through the Adam path, reading m and v̂; dragging the start recomputes at once', async ({
  page,
  lab,
  problems,
}) => {
  await openExperiment(page, lab.host.url, 'optimizer-paths');
  const adam = page.getByTestId('state-Adam');
  const path = bowlPath('Adam', { lr: 0.3 }, [-7, 2], 30);
  const expectStep = async (k: number) => {
    await expect(page.getByTestId('path-step')).toHaveText(`단계 ${k + 1} / 30`);
    const m = await pair(adam, 'm');
    const vHat = await pair(adam, 'vHat');
    for (const i of [0, 1]) {
      expect(m[i]).toBeCloseTo(path[k].state.m![i], 12);
      expect(vHat[i]).toBeCloseTo(path[k].state.vHat![i], 12);
    }
    expect(await pair(adam, 'position')).toEqual([path[k].x, path[k].y]);
  };
  await expectStep(0);
  const stepper = page.getByRole('group', { name: '단계별로 보기' });
  for (let k = 1; k <= 3; k++) {
    await stepper.getByRole('button', { name: '다음 단계' }).click();
    await expectStep(k);
  }
  await stepper.getByRole('button', { name: '이전 단계' }).click();
  await expectStep(2);
  // The formula shows the numbers substituted: t = 3 in the bias correction.
  await expect(page.getByTestId('formula-Adam')).toContainText('0.999');
  await shoot(page, 'optimizer-paths.stepper.ko.light');

  // Play runs on by itself; pause stops it.
  await stepper.getByRole('button', { name: '재생' }).click();
  await expect(page.getByTestId('path-step')).not.toHaveText('단계 3 / 30');
  await stepper.getByRole('button', { name: '일시정지' }).click();

  // Drag SGD's start point from (-7, 2) to (-4, -3): every path starts there at once, and the form has it.
  await stepper.getByRole('button', { name: '처음으로' }).click();
  const canvas = page.locator('figure[data-optimizer="SGD"] canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const [ox, oy] = (await canvas.getAttribute('data-origin'))!.split(',').map(Number);
  const [ux, uy] = (await canvas.getAttribute('data-unit'))!.split(',').map(Number);
  const at = (x: number, y: number) => [box.x + ox + x * ux, box.y + oy - y * uy] as const;
  await page.mouse.move(...at(-7, 2));
  await page.mouse.down();
  await page.mouse.move(...at(-5.5, -0.5), { steps: 4 });
  await page.mouse.move(...at(-4, -3), { steps: 4 });
  await page.mouse.up();
  const start = async (name: string) => pair(page.getByTestId(`state-${name}`), 'position');
  for (const name of ['SGD', 'Momentum', 'AdaGrad', 'Adam']) {
    const [x, y] = await start(name);
    expect(Math.abs(x + 4), name).toBeLessThan(0.1);
    expect(Math.abs(y + 3), name).toBeLessThan(0.1);
  }
  const [x, y] = await start('Adam');
  await expect(page.getByLabel('시작점 x', { exact: true })).toHaveValue(String(x));
  await expect(page.getByLabel('시작점 y', { exact: true })).toHaveValue(String(y));
  // …and the numbers are the book's formulas from the new start.
  const moved = bowlPath('Adam', { lr: 0.3 }, [x, y], 30);
  expect((await pair(adam, 'm'))[1]).toBeCloseTo(moved[0].state.m![1], 12);
  await page.getByRole('button', { name: 'English' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'optimizer-paths.stepper.en.dark');
  expect(problems).toEqual([]);
});
