// Screenshots of the past-runs pages — the history, a job's record (with mean ± std bands over
// seeds), the comparison of two jobs, the parallel coordinates of a small search and of the BN grid —
// in Korean, English, Japanese and Chinese, light and dark, into e2e/artifacts/ (git-ignored): to look at.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, ARTIFACTS, startLab, type LabHost, fontsReady, settle, scrollToTop, watchProblems } from './fixtures.ts';

async function shoot(page: Page, name: string, target?: ReturnType<Page['locator']>): Promise<void> {
  await scrollToTop(page);
  await fontsReady(page);
  await settle(page);
  if (target) await target.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  else await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

type Lang = 'ko' | 'en' | 'ja' | 'zh';
/** A text in the four languages, for a locator's name. */
type Words = Record<Lang, string>;
const LEGEND: Words = { ko: '범례', en: 'Legend', ja: '凡例', zh: '图例' };

/** Korean light and dark, English dark and light, Japanese light and dark, Chinese dark and light; back to Korean light. */
async function allLooks(
  page: Page,
  name: string,
  ready: (lang: Lang) => Promise<void>,
  target?: () => ReturnType<Page['locator']>,
): Promise<void> {
  await ready('ko');
  await shoot(page, `${name}.ko.light`, target?.());
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, `${name}.ko.dark`, target?.());
  await page.getByRole('button', { name: 'English' }).click();
  await ready('en');
  await shoot(page, `${name}.en.dark`, target?.());
  await page.emulateMedia({ colorScheme: 'light' });
  await shoot(page, `${name}.en.light`, target?.());
  await page.getByRole('button', { name: '日本語' }).click();
  await ready('ja');
  await shoot(page, `${name}.ja.light`, target?.());
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, `${name}.ja.dark`, target?.());
  await page.getByRole('button', { name: '中文' }).click();
  await ready('zh');
  await shoot(page, `${name}.zh.dark`, target?.());
  await page.emulateMedia({ colorScheme: 'light' });
  await shoot(page, `${name}.zh.light`, target?.());
  await page.getByRole('button', { name: '한국어' }).click();
}

test.describe('Screenshots of the past-runs pages', () => {
  // Four full-page screenshots of long pages per test: slow on a busy machine.
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  let lab: LabHost;
  let dir: string;
  const jobs: Record<string, number> = {};

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'dl-lab-past-shots-'));
    lab = await startLab(dir);
    const service = lab.host.lab;
    const run = async (key: string, request: Parameters<typeof service.start>[0]) => {
      jobs[key] = service.start(request);
      await service.whenSettled(jobs[key]);
    };
    await run('all', { experiment: 'optimizer-compare', params: { iterations: 300 }, seed: 1 });
    await run('adam', {
      experiment: 'optimizer-compare',
      params: { optimizers: ['Adam'], lrAdam: 0.01, iterations: 300 },
      seed: 2,
      name: 'Adam at lr 0.01',
    });
    service.setJobTags(jobs.adam, ['adam', 'lr-sweep']);
    service.setJobNotes(jobs.adam, 'Faster at first than at 0.001, noisier later.');
    await run('search', { experiment: 'hyperparameter-search', params: { trials: 12, epochs: 5 }, seed: 3 });
    await run('seeds', {
      experiment: 'optimizer-compare',
      params: { optimizers: ['SGD', 'Adam'], iterations: 300 },
      seed: 4,
      repeats: 4,
      name: 'SGD vs Adam over 4 seeds',
    });
    await run('bn', { experiment: 'batchnorm-compare', params: { scales: 6, epochs: 5 }, seed: 5 });
  });
  test.afterAll(async () => {
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the history list', async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(`${lab.host.url}#/history`);
    await allLooks(page, 'past-runs-history', async (lang) => {
      const pastRuns: Words = { ko: '모든 실행 기록', en: 'Past runs', ja: '実行の記録', zh: '运行记录' };
      await expect(page.getByRole('table', { name: pastRuns[lang] }).getByRole('row')).toHaveCount(6);
    });
    expect(problems).toEqual([]);
  });

  test('a job’s record with mean ± std bands over seeds', async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(`${lab.host.url}#/history/${jobs.seeds}`);
    await allLooks(page, 'past-runs-job-seeds', async (lang) => {
      const acrossSeeds: Words = {
        ko: '시드에 따른 변동: 평균 ± 표준편차',
        en: 'Across seeds: mean ± std',
        ja: 'シード間：平均 ± 標準偏差',
        zh: '跨种子：平均值 ± 标准差',
      };
      await expect(page.getByRole('heading', { name: acrossSeeds[lang] })).toBeVisible();
    });
    expect(problems).toEqual([]);
  });

  const parallelSection = (page: Page) => page.getByRole('region', { name: /평행 좌표|Parallel coordinates|平行座標|平行坐标/ });
  const parallelShown = (page: Page) => async (lang: Lang) => {
    const parallel: Words = { ko: '평행 좌표', en: 'Parallel coordinates', ja: '平行座標', zh: '平行坐标' };
    await expect(page.getByRole('heading', { name: parallel[lang] })).toBeVisible();
  };

  test('a job’s record: a small hyperparameter search', async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(`${lab.host.url}#/history/${jobs.search}`);
    await allLooks(page, 'past-runs-job-search', parallelShown(page));
    expect(problems).toEqual([]);
  });

  test('parallel coordinates of the search', async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(`${lab.host.url}#/history/${jobs.search}`);
    await allLooks(page, 'past-runs-parallel-search', parallelShown(page), () => parallelSection(page));
    expect(problems).toEqual([]);
  });

  test('parallel coordinates of the BN grid', async ({ page }) => {
    const problems = watchProblems(page);
    await page.goto(`${lab.host.url}#/history/${jobs.bn}`);
    await allLooks(page, 'past-runs-parallel-bn', parallelShown(page), () => parallelSection(page));
    expect(problems).toEqual([]);
  });

  test('comparing Adam of two jobs (and SGD)', async ({ page }) => {
    const problems = watchProblems(page);
    const runs = (jobId: number) => lab.host.lab.getJob(jobId)!.runs;
    const ids = [
      runs(jobs.all).find((r) => r.label === 'Adam')!.id,
      runs(jobs.adam)[0].id,
      runs(jobs.all).find((r) => r.label === 'SGD')!.id,
    ];
    await page.goto(`${lab.host.url}#/compare?runs=${ids.join(',')}`);
    await allLooks(page, 'past-runs-compare', async (lang) => {
      await expect(page.getByRole('list', { name: LEGEND[lang] }).getByRole('listitem')).toHaveCount(3);
    });
    expect(problems).toEqual([]);
  });

  test('comparing four seeds each of SGD and Adam: two bands', async ({ page }) => {
    const problems = watchProblems(page);
    const seeded = lab.host.lab.getJob(jobs.seeds)!.runs.map((r) => r.id);
    await page.goto(`${lab.host.url}#/compare?runs=${seeded.join(',')}`);
    await allLooks(page, 'past-runs-compare-bands', async (lang) => {
      await expect(page.getByRole('list', { name: LEGEND[lang] }).getByRole('listitem')).toHaveCount(2);
    });
    expect(problems).toEqual([]);
  });
});
