// A screenshot of every experiment page after a short real run, in Korean, English, Japanese and
// Chinese, light and dark, into e2e/artifacts/ (git-ignored) — to look at, not compared against
// anything. One run per page; the eight looks are taken from it by switching language and theme.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  ARTIFACTS,
  startLab,
  type LabHost,
  openExperiment,
  setField,
  jobStatus,
  fontsReady,
  settle,
  scrollToTop,
  watchProblems,
} from './fixtures.ts';

/** Small runs that still show what each page is about (label → value, Korean labels). */
const RUNS: { id: string; fields: Record<string, string>; timeout?: number }[] = [
  { id: 'optimizer-paths', fields: {} },
  { id: 'optimizer-compare', fields: { '반복 횟수': '300' } },
  { id: 'activation-histograms', fields: {} },
  { id: 'weight-init-compare', fields: { '반복 횟수': '300' } },
  { id: 'batchnorm-compare', fields: { '에폭 수': '6' } },
  { id: 'overfit-weight-decay', fields: { '에폭 수': '15' } },
  { id: 'dropout', fields: { '에폭 수': '15' } },
  { id: 'hyperparameter-search', fields: { '시도 횟수': '8', '에폭 수': '8' } },
  { id: 'gradient-check', fields: {} },
];

async function shoot(page: Page, name: string): Promise<void> {
  // From the top: the top bar and the chapter list are sticky, and would be drawn where the page was scrolled to.
  await scrollToTop(page);
  await settle(page);
  await fontsReady(page); // after the charts: what they added may need subsets too
  const path = join(ARTIFACTS, `${name}.png`);
  try {
    await page.screenshot({ path, fullPage: true, timeout: 10_000 });
  } catch (error) {
    // Chromium's full-page capture hung once in CI: the page drew two frames at full height, then
    // the capture never returned (not seen in local runs). Capture once more after the page settles
    // again, and say so; a second hang fails the test.
    if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
    console.warn(`screenshots: the capture of ${name} timed out; taking it once more`);
    await settle(page);
    await page.screenshot({ path, fullPage: true, timeout: 15_000 });
  }
}

test.describe('Screenshots of every page', () => {
  test.describe.configure({ mode: 'serial' });
  let lab: LabHost;
  let dir: string;

  test.beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'dl-lab-shots-'));
    lab = await startLab(dir);
  });
  test.afterAll(async () => {
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const { id, fields } of RUNS) {
    test(`${id}: after a short run, in the four languages, light and dark`, async ({ page }) => {
      const problems = watchProblems(page);
      await openExperiment(page, lab.host.url, id);
      for (const [label, value] of Object.entries(fields)) await setField(page, label, value);
      await page.getByRole('button', { name: '실행', exact: true }).click();
      await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료', { timeout: 50_000 });

      await shoot(page, `${id}.ko.light`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await shoot(page, `${id}.ko.dark`);
      await page.getByRole('button', { name: 'English' }).click();
      await expect(jobStatus(page)).toHaveAccessibleName('Status: Done');
      await shoot(page, `${id}.en.dark`);
      await page.emulateMedia({ colorScheme: 'light' });
      await shoot(page, `${id}.en.light`);
      await page.getByRole('button', { name: '日本語' }).click();
      await expect(jobStatus(page)).toHaveAccessibleName('状態: 完了');
      await shoot(page, `${id}.ja.light`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await shoot(page, `${id}.ja.dark`);
      await page.getByRole('button', { name: '中文' }).click();
      await expect(jobStatus(page)).toHaveAccessibleName('状态: 完成');
      await shoot(page, `${id}.zh.dark`);
      await page.emulateMedia({ colorScheme: 'light' });
      await shoot(page, `${id}.zh.light`);
      await page.getByRole('button', { name: '한국어' }).click();
      expect(problems).toEqual([]);
    });
  }

  test('the empty state before any run, and a form with a mistake', async ({ page }) => {
    // A fresh page shows no job (the one run above is in the list).
    await openExperiment(page, lab.host.url, 'weight-init-compare');
    await expect(jobStatus(page)).toHaveCount(0);
    await setField(page, '학습률', '0');
    await shoot(page, 'weight-init-compare.ko.light.invalid');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'weight-init-compare.ko.dark.invalid');
  });
});
