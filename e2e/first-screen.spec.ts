// The first screen: at 1280×800 an experiment page shows its form, Run and the live charts without
// scrolling; the explanation sits beside them folded or open, and the choice is remembered.
import { test, expect, openExperiment, fontsReady, ARTIFACTS } from './fixtures.ts';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 800 } });

/** The live charts of the page (the run panel's chart slot). */
const chartArea = (page: Page) => page.locator('section.charts');

async function insideViewport(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, `${what} is laid out`).not.toBeNull();
  const viewport = page.viewportSize()!;
  expect(box!.y, `${what} starts on the first screen`).toBeGreaterThanOrEqual(0);
  expect(box!.y + Math.min(box!.height, 120), `${what} is on the first screen (top ${Math.round(box!.y)} px)`).toBeLessThanOrEqual(
    viewport.height,
  );
  expect(box!.x + box!.width, `${what} fits the width`).toBeLessThanOrEqual(viewport.width + 1);
}

test.describe('First screen', () => {
  for (const experiment of ['optimizer-compare', 'hyperparameter-search', 'activation-histograms', 'batchnorm-compare']) {
    test(`${experiment}: Run and the charts are on the first screen at 1280×800`, async ({ page, lab }) => {
      await openExperiment(page, lab.host.url, experiment);
      await fontsReady(page);
      await insideViewport(page, page.getByRole('button', { name: '실행', exact: true }), 'Run');
      await insideViewport(page, chartArea(page), 'the chart area');
      await insideViewport(page, chartArea(page).locator('canvas').first(), 'the first chart');
      if (experiment === 'optimizer-compare') await page.screenshot({ path: join(ARTIFACTS, 'first-screen-1280x800.png') });
    });
  }

  test('the explanation folds and unfolds, and stays as left after a reload', async ({ page, lab }) => {
    await openExperiment(page, lab.host.url, 'optimizer-compare');
    const explanation = page.locator('details.explanation');
    const summary = explanation.locator('summary');
    const wasOpen = (await explanation.evaluate((el) => (el as unknown as { open: boolean }).open)) as boolean;
    expect(wasOpen, 'folded on the first visit').toBe(false);
    await summary.click();
    await expect(explanation).toHaveJSProperty('open', !wasOpen);
    await page.reload();
    await expect(page.locator('details.explanation')).toHaveJSProperty('open', !wasOpen);
    await insideViewport(page, page.getByRole('button', { name: '실행', exact: true }), 'Run');
    await insideViewport(page, chartArea(page), 'the chart area');
    await page.screenshot({ path: join(ARTIFACTS, 'first-screen-explanation-open-1280x800.png') });
    await page.locator('details.explanation summary').click();
    await expect(page.locator('details.explanation')).toHaveJSProperty('open', wasOpen);
    await insideViewport(page, page.getByRole('button', { name: '실행', exact: true }), 'Run');
    await insideViewport(page, chartArea(page), 'the chart area');
  });
});
