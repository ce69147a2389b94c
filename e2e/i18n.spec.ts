// The book's four languages on every page: each experiment page with a finished job, the past runs,
// a job's record, a comparison and the inspector, in Korean, English, Japanese and Chinese. No text
// may be left in another language or missing, and every Korean, Japanese or Chinese glyph must be
// drawn by the bundled Noto Sans of its language — never by a system font, which CI has and users may
// not (Chromium says which font drew each node: CDP CSS.getPlatformFontsForNode). What the canvases
// draw (chart axes, parallel coordinates) is recorded from fillText: its words and its font list,
// which must start with the language's Noto Sans.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { test, expect, startLab, type LabHost, fontsReady, settle, watchProblems } from './fixtures.ts';
import {
  canvasProblems,
  canvasTexts,
  fontProblems,
  LANGS,
  pageTexts,
  recordCanvasText,
  switchLanguage,
  textProblems,
} from './i18n-check.ts';

/** A small job of every experiment (parameters cut down: the words are what is checked, not the curves). */
const JOBS: { experiment: string; params: Record<string, unknown> }[] = [
  { experiment: 'optimizer-paths', params: {} },
  { experiment: 'optimizer-compare', params: { iterations: 40 } },
  { experiment: 'activation-histograms', params: {} },
  { experiment: 'weight-init-compare', params: { iterations: 40 } },
  { experiment: 'batchnorm-compare', params: { scales: 2, epochs: 2 } },
  { experiment: 'overfit-weight-decay', params: { epochs: 3 } },
  { experiment: 'dropout', params: { epochs: 3 } },
  { experiment: 'hyperparameter-search', params: { trials: 3, epochs: 2 } },
  { experiment: 'gradient-check', params: {} },
];

/** The page in each language: its texts and its fonts; the problems found, named by page and language. */
async function checkEveryLanguage(page: Page, cdp: CDPSession, name: string, ready: () => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, lang] of LANGS.entries()) {
    await switchLanguage(page, lang);
    await ready();
    await fontsReady(page);
    await settle(page);
    // What the canvases draw from now on is in this language: a resize redraws every chart (as
    // it is, without re-reading the theme).
    await canvasTexts(page);
    await page.setViewportSize({ width: i % 2 === 0 ? 1279 : 1280, height: 860 });
    await settle(page);
    await settle(page);
    for (const problem of canvasProblems(await canvasTexts(page), lang)) problems.push(`${name} [${lang}] ${problem}`);
    for (const problem of textProblems(await pageTexts(page), lang)) problems.push(`${name} [${lang}] text: ${problem}`);
    for (const problem of await fontProblems(page, cdp)) problems.push(`${name} [${lang}] font: ${problem}`);
  }
  return problems;
}

test.describe('The four languages on every page', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });
  let lab: LabHost;
  let dir: string;
  const jobs: Record<string, number> = {};

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dir = mkdtempSync(join(tmpdir(), 'dl-lab-i18n-'));
    lab = await startLab(dir);
    const service = lab.host.lab;
    for (const { experiment, params } of JOBS) {
      jobs[experiment] = service.start({ experiment, params, seed: 1 });
      await service.whenSettled(jobs[experiment]);
    }
  });
  test.afterAll(async () => {
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every experiment page with its job, its X-ray open, in every language', async ({ page }) => {
    const pageProblems = watchProblems(page);
    await recordCanvasText(page);
    const cdp = await page.context().newCDPSession(page);
    const problems: string[] = [];
    for (const { experiment } of JOBS) {
      await page.goto(`${lab.host.url}#/${experiment}/${jobs[experiment]}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('status', { name: /^(상태|Status|状態|状态): / })).toBeVisible();
      // The X-ray opens on demand: open it, so that its words are checked too.
      const xray = page.locator('button.toggle[aria-expanded="false"]');
      if ((await xray.count()) > 0) await xray.first().click();
      problems.push(...(await checkEveryLanguage(page, cdp, experiment, async () => {})));
    }
    expect(problems).toEqual([]);
    expect(pageProblems).toEqual([]);
  });

  test('the past runs, a job’s record, a comparison and the inspector, in every language', async ({ page }) => {
    const pageProblems = watchProblems(page);
    await recordCanvasText(page);
    const cdp = await page.context().newCDPSession(page);
    const problems: string[] = [];
    const service = lab.host.lab;

    await page.goto(`${lab.host.url}#/history`);
    const rows = page.getByRole('table').first().getByRole('row');
    problems.push(...(await checkEveryLanguage(page, cdp, 'history', () => expect(rows).toHaveCount(JOBS.length + 1))));

    for (const experiment of ['optimizer-compare', 'hyperparameter-search', 'gradient-check']) {
      await page.goto(`${lab.host.url}#/history/${jobs[experiment]}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      problems.push(...(await checkEveryLanguage(page, cdp, `record of ${experiment}`, async () => {})));
    }

    const runs = [...service.getJob(jobs['optimizer-compare'])!.runs, ...service.getJob(jobs.dropout)!.runs].map((r) => r.id);
    await page.goto(`${lab.host.url}#/compare?runs=${runs.join(',')}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    problems.push(...(await checkEveryLanguage(page, cdp, 'compare', async () => {})));

    await page.goto(`${lab.host.url}#/inspect/${jobs['optimizer-compare']}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Its reports on the test set come from an inspection worker: check the page once they are in.
    const matrices = page.getByRole('table', { name: /^(혼동 행렬|Confusion matrix|混同行列|混淆矩阵)$/ });
    await expect(matrices.first()).toBeVisible({ timeout: 60_000 });
    problems.push(...(await checkEveryLanguage(page, cdp, 'inspect', async () => {})));

    expect(problems).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
});
