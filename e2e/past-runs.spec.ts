// Past runs: the history of every job, a job's record, comparing networks of different jobs,
// running a job again, exporting and importing — as a student uses them, against the real lab.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, openExperiment, setField, jobStatus, ARTIFACTS } from './fixtures.ts';
import { CSV_HEADER, DOCUMENT_VERSION } from '../src-main/lab/job-document.ts';
import type { LabService } from '../src-main/lab/lab-service.ts';
import { openStore, type Store } from '../src-main/store/store.ts';
import type { JobImport } from '../src-main/store/types.ts';

/** A short optimizer-compare job training Adam only (a few seconds), with a fixed seed. */
async function runAdam(page: Page, url: string, lr: string, seed = '3'): Promise<void> {
  await openExperiment(page, url, 'optimizer-compare');
  const optimizers = page.getByRole('group', { name: '비교할 옵티마이저' });
  for (const name of ['SGD', 'Momentum', 'AdaGrad']) await optimizers.getByRole('checkbox', { name }).uncheck();
  await setField(page, 'Adam 학습률', lr);
  await setField(page, '반복 횟수', '60');
  await setField(page, '시드', seed);
  await page.getByRole('button', { name: '실행', exact: true }).click();
  await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료');
}

const historyTable = (page: Page) => page.getByRole('table', { name: '모든 실행 기록' });
/** "N개": how many jobs match the history's filters. */
const jobCount = (page: Page) => page.getByRole('status').filter({ hasText: /^\s*\d[\d,]*개/ });
const openHistory = (page: Page) =>
  page.getByRole('navigation', { name: '6장 실험' }).getByRole('link', { name: '모든 실행 기록' }).click();

/** Works on the lab's database over a second connection (the service keeps its store to itself; WAL lets both see every commit). */
function withStore<T>(service: LabService, use: (store: Store) => T): T {
  const store = openStore(service.dbPath);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

/** Writes finished jobs straight into the lab's database, as if they had run there. */
const seed = (service: LabService, jobs: readonly JobImport[]): number[] =>
  withStore(service, (store) => jobs.map((job) => store.importJob(job)));

/** A job's curves as SQLite holds them (float32), run by run. */
const storedCurves = (service: LabService, jobId: number): number[][] =>
  withStore(service, (store) => store.getJobCurves(jobId).map((c) => Array.from(c.points)));

/** A finished job written straight into the test's database (fast, for lists of many jobs). */
function storedJob(i: number, experiment = 'hyperparameter-search'): JobImport {
  const t0 = 1_700_000_000_000 + i * 60_000;
  return {
    experiment,
    name: i % 10 === 0 ? `sweep ${i}` : '',
    params: { trials: 3, epochs: 4 },
    seed: i,
    status: 'done',
    problem: null,
    createdAt: t0,
    startedAt: t0,
    finishedAt: t0 + 1000 + i,
    durationMs: 1000 + i,
    notes: i === 7 ? 'the one where the lr was just right' : '',
    tags: [],
    runs: [0, 1, 2].map((r) => ({
      idx: r,
      label: `trial ${r + 1}`,
      params: { lr: 10 ** (-4 + r), weightDecay: 10 ** (-8 + r), optimizer: 'SGD', init: 'he' },
      status: 'done' as const,
      problem: null,
      final: { valAcc: (i % 50) / 100 + r / 1000, trainAcc: 0.5 },
      startedAt: t0,
      finishedAt: t0 + 1000,
      curves: [{ metric: 'valAcc', xKind: 'epoch' as const, points: Float32Array.from([0.1, 0.2, 0.3, (i % 50) / 100 + r / 1000]) }],
    })),
  };
}

test.describe('Past runs', () => {
  test('compares two runs from two jobs: two series, the differing parameter in the legend', async ({ page, lab, problems }) => {
    await runAdam(page, lab.host.url, '0.001');
    await runAdam(page, lab.host.url, '0.01');

    await openHistory(page);
    await expect(page.getByRole('heading', { level: 1, name: '모든 실행 기록' })).toBeVisible();
    await expect(historyTable(page).getByRole('row')).toHaveCount(3); // header + 2 jobs
    await page.getByRole('checkbox', { name: '#1 선택' }).check();
    await page.getByRole('checkbox', { name: '#2 선택' }).check();
    await page.getByRole('button', { name: '선택한 실행의 네트워크 비교' }).click();

    await expect(page).toHaveURL(/#\/compare\?runs=\d+,\d+$/);
    const legend = page.getByRole('list', { name: '범례' });
    await expect(legend.getByRole('listitem')).toHaveCount(2);
    await expect(legend.getByRole('listitem').filter({ hasText: 'Adam · 학습률 0.01 · #2' })).toHaveCount(1);
    await expect(legend.getByRole('listitem').filter({ hasText: 'Adam · 학습률 0.001 · #1' })).toHaveCount(1);
    // Only the parameter that differs, by its label: the seed, the iterations, the sizes are the same.
    await expect(legend).not.toContainText('iterations');
    await expect(legend).not.toContainText('반복');
    await expect(legend).not.toContainText('lr=');
    await expect(legend).not.toContainText('experiment');
    await expect(page.locator('[data-series]')).toHaveAttribute('data-series', '2');
    await expect(page.getByRole('img', { name: /^손실 \(책의 방식/ })).toHaveAccessibleName(
      /: Adam · 학습률 0\.01 · #2 [\d.]+; Adam · 학습률 0\.001 · #1 [\d.]+$/,
    );

    // The chart as a PNG.
    await page.getByRole('region', { name: '손실' }).getByText('PNG', { exact: true }).click();
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('list', { name: '차트를 PNG로 저장' }).getByRole('button').first().click(),
    ]);
    expect(png.suggestedFilename()).toBe('dl-lab-compare-loss.png');
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'compare-export.png'), bytes);
    // Under the plot, the PNG carries the chart's title above and its legend below (the page draws
    // both in HTML): it is taller than the canvas by both bands.
    const canvasHeight = (await page
      .getByRole('region', { name: '손실' })
      .locator('canvas')
      .first()
      .evaluate((c) => (c as unknown as { height: number }).height)) as number;
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(canvasHeight + 40);

    // Smoothing is selectable; English says the same.
    await page.getByRole('combobox', { name: '평활화' }).selectOption('ema');
    await expect(page.getByRole('img', { name: /^손실 \(지수이동평균/ })).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('list', { name: 'Legend' }).getByRole('listitem')).toHaveCount(2);
    expect(problems).toEqual([]);
  });

  test('deletes a job with confirmation, and it stays gone after a reload', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'activation-histograms');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료');

    await openHistory(page);
    await historyTable(page).getByRole('link', { name: '#1' }).click();
    await expect(page).toHaveURL(/#\/history\/1$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('#1');
    await page.getByRole('button', { name: '삭제…' }).click();
    const confirm = page.getByRole('dialog', { name: '실행 기록을 삭제할까요?' });
    await page.keyboard.press('Escape'); // dismissed: nothing happens
    await expect(confirm).toBeHidden();
    await expect(page).toHaveURL(/#\/history\/1$/);
    await page.getByRole('button', { name: '삭제…' }).click();
    await confirm.getByRole('button', { name: '삭제' }).click();

    await expect(page).toHaveURL(/#\/history$/);
    await expect(page.getByText('아직 실행한 적이 없습니다. 실험 페이지에서 실행해 보세요.')).toBeVisible();
    await page.reload();
    await expect(page.getByText('아직 실행한 적이 없습니다. 실험 페이지에서 실행해 보세요.')).toBeVisible();
    await page.goto(`${lab.host.url}#/history/1`);
    await expect(page.getByText('이 실행 기록을 찾을 수 없습니다', { exact: false })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('exports a job as CSV: the header and one row per stored point', async ({ page, lab, problems }) => {
    await runAdam(page, lab.host.url, '0.001');
    await page.getByRole('link', { name: '기록 자세히' }).click();
    await expect(page).toHaveURL(/#\/history\/1$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV로 내보내기' }).click()]);
    expect(download.suggestedFilename()).toBe('dl-lab-job-1-optimizer-compare.csv');
    const lines = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(1 + 60); // one network, 60 iterations of loss
    expect(lines[1]).toMatch(/^1,0,Adam,loss,iteration,0,2\.\d+$/);
    expect(problems).toEqual([]);
  });

  test('runs a job again with the same parameters and seed and gets the same final loss', async ({ page, lab, problems }) => {
    await runAdam(page, lab.host.url, '0.001', '11');
    await page.getByRole('link', { name: '기록 자세히' }).click();
    const firstLoss = await page.locator('td[data-metric="loss"]').textContent();
    expect(firstLoss).toMatch(/^\d/);

    await page.getByRole('button', { name: '다시 실행' }).click();
    await expect(page).toHaveURL(/#\/optimizer-compare\/2$/);
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료');
    await page.getByRole('link', { name: '기록 자세히' }).click();
    await expect(page).toHaveURL(/#\/history\/2$/);
    await expect(page.getByRole('definition').filter({ hasText: /^11$/ })).toBeVisible(); // the same seed
    await expect(page.locator('td[data-metric="loss"]')).toHaveText(firstLoss!);
    // Bit for bit: the stored curves are equal.
    const curves = (jobId: number) => storedCurves(lab.host.lab, jobId);
    expect(curves(2)).toEqual(curves(1));
    expect(problems).toEqual([]);
  });

  test('“Edit and run” opens the experiment’s form filled with the job’s parameters and seed', async ({ page, lab, problems }) => {
    await runAdam(page, lab.host.url, '0.02', '5');
    await page.goto(`${lab.host.url}#/history/1`);
    await page.getByRole('button', { name: '고쳐서 실행' }).click();
    await expect(page).toHaveURL(/#\/optimizer-compare$/);
    await expect(page.getByText('의 매개변수와 시드로 채웠습니다', { exact: false })).toBeVisible();
    await expect(page.getByLabel('Adam 학습률')).toHaveValue('0.02');
    await expect(page.getByLabel('시드', { exact: true })).toHaveValue('5');
    await expect(page.getByLabel('반복 횟수', { exact: true })).toHaveValue('60');
    await expect(jobStatus(page)).toHaveCount(0);
    expect(problems).toEqual([]);
  });

  test('annotates a job: rename, notes and tags are kept and found by the search', async ({ page, lab, problems }) => {
    await runAdam(page, lab.host.url, '0.001');
    await page.goto(`${lab.host.url}#/history/1`);
    await page.getByRole('textbox', { name: '이름', exact: true }).fill('Adam 기준선');
    await page.getByRole('textbox', { name: '메모' }).fill('학습률 0.001이 무난함');
    await page.getByRole('button', { name: '저장', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('#1 · Adam 기준선');
    await page.getByRole('textbox', { name: '태그 추가' }).fill('baseline');
    await page.getByRole('textbox', { name: '태그 추가' }).press('Enter');
    await expect(page.getByRole('button', { name: '태그 baseline 삭제' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('textbox', { name: '메모' })).toHaveValue('학습률 0.001이 무난함');
    await openHistory(page);
    const search = page.getByRole('searchbox', { name: '검색' });
    await search.fill('무난');
    await expect(historyTable(page).getByRole('link', { name: '#1 Adam 기준선' })).toBeVisible();
    await search.fill('BASELINE');
    await expect(historyTable(page).getByRole('link', { name: '#1 Adam 기준선' })).toBeVisible();
    await search.fill('nothing like this');
    await expect(page.getByText('조건에 맞는 실행이 없습니다.')).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('imports a JSON export as a new job, and refuses files that are not ours, changing nothing', async ({
    page,
    lab,
    problems,
  }, testInfo) => {
    await runAdam(page, lab.host.url, '0.001');
    await page.goto(`${lab.host.url}#/history/1`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSON으로 내보내기' }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    const good = testInfo.outputPath('classmate.json');
    writeFileSync(good, exported);
    const cut = testInfo.outputPath('cut.json');
    writeFileSync(cut, exported.slice(0, exported.length / 2));
    const newer = testInfo.outputPath('newer.json');
    writeFileSync(newer, JSON.stringify({ ...JSON.parse(exported), version: DOCUMENT_VERSION + 1 }));
    const foreign = testInfo.outputPath('notes.json');
    writeFileSync(foreign, '{"title": "my notes"}');

    await openHistory(page);
    const input = page.getByLabel('내보낸 실행(JSON) 가져오기');
    for (const [file, reason] of [
      [cut, /cut short/],
      [newer, /newer/i],
      [foreign, /not a DL Lab job export/],
    ] as const) {
      await input.setInputFiles(file);
      const alert = page.getByRole('alert').filter({ hasText: '가져오지 못했습니다' });
      await expect(alert).toContainText(reason);
      await expect(jobCount(page)).toHaveText('1개');
    }

    await input.setInputFiles(good);
    await expect(page.getByRole('status').filter({ hasText: '새 실행으로 가져왔습니다' })).toContainText('#2');
    await expect(historyTable(page).getByRole('row')).toHaveCount(3);
    const row = historyTable(page)
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: '#2' }) });
    await expect(row).toContainText('가져옴');
    const curves = (jobId: number) => storedCurves(lab.host.lab, jobId);
    expect(curves(2)).toEqual(curves(1));
    expect(problems).toEqual([]);
  });

  test('pages through many jobs, filters by experiment and sorts by a final metric', async ({ page, lab, problems }) => {
    seed(
      lab.host.lab,
      Array.from({ length: 120 }, (_, i) => storedJob(i, i % 4 === 0 ? 'dropout' : 'hyperparameter-search')),
    );
    await page.goto(`${lab.host.url}#/history`);
    await expect(jobCount(page)).toHaveText('120개');
    await expect(historyTable(page).getByRole('row')).toHaveCount(51);
    await expect(page.getByText('120개 중 1–50')).toBeVisible();
    await expect(historyTable(page).getByRole('row').nth(1)).toContainText('#120');
    await page.getByRole('navigation', { name: '페이지' }).getByRole('button', { name: /다음/ }).click();
    await expect(page.getByText('120개 중 51–100')).toBeVisible();
    await expect(historyTable(page).getByRole('row').nth(1)).toContainText('#70');

    await page.getByRole('combobox', { name: '실험' }).selectOption('dropout');
    await expect(jobCount(page)).toHaveText('30개');
    await expect(page.getByText('120개 중')).toHaveCount(0);
    await page.getByRole('combobox', { name: '정렬' }).selectOption('valAcc');
    // The dropout jobs are i = 0, 4, …, 116 (ids i + 1); valAcc (i % 50)/100 + 0.002 is best for i = 48.
    await expect(historyTable(page).getByRole('row').nth(1)).toContainText('#49');
    await expect(historyTable(page).getByRole('row').nth(1)).toContainText('48.2%');
    await page.getByRole('searchbox', { name: '검색' }).fill('just right');
    await expect(jobCount(page)).toHaveText('0개'); // job 8 is a search, not dropout
    await page.getByRole('combobox', { name: '실험' }).selectOption('');
    await expect(historyTable(page).getByRole('row')).toHaveCount(2);
    await expect(historyTable(page).getByRole('row').nth(1)).toContainText('#8');
    expect(problems).toEqual([]);
  });

  test('stays usable with 10,000 runs: pages of jobs and of the run picker, a search across them', async ({
    page,
    lab,
    problems,
  }, testInfo) => {
    // 100 searches of 100 trials each, written straight into the test's database.
    seed(
      lab.host.lab,
      Array.from({ length: 100 }, (_, i) => {
        const job = storedJob(i);
        job.runs = Array.from({ length: 100 }, (_, r) => ({ ...job.runs[0], idx: r, label: `trial ${r + 1}`, final: { valAcc: r / 100 } }));
        return job;
      }),
    );
    const started = Date.now();
    await page.goto(`${lab.host.url}#/history`);
    await expect(historyTable(page).getByRole('row')).toHaveCount(51);
    await expect(historyTable(page).getByRole('row').nth(1)).toContainText('#100');
    await expect(historyTable(page).getByRole('row').nth(1)).toContainText('99.0%'); // best valAcc over its 100 networks
    testInfo.annotations.push({ type: 'first page of 100 jobs × 100 runs', description: `${Date.now() - started} ms` });
    await page.getByRole('navigation', { name: '페이지' }).getByRole('button', { name: /다음/ }).click();
    await expect(page.getByText('100개 중 51–100')).toBeVisible();
    await page.getByRole('searchbox', { name: '검색' }).fill('sweep 40');
    await expect(historyTable(page).getByRole('row')).toHaveCount(2);
    await page.getByRole('checkbox', { name: '#41 선택' }).check();
    await page.getByRole('button', { name: '선택한 실행의 네트워크 비교' }).click();
    // All 100 networks of the job: one line each (no two share a setup).
    await expect(page.locator('[data-series]')).toHaveAttribute('data-series', '100');
    const picker = page.getByRole('region', { name: '네트워크 추가' });
    await expect(picker.getByText('10,000개 중 1–15')).toBeVisible();
    // The page's 15 trials are one job's: one folded line for the job, not 15 "trial N" rows.
    await expect(picker.getByRole('group')).toHaveCount(1);
    await expect(picker.getByText('이 쪽에 네트워크 15개')).toBeVisible();
    await expect(picker.getByRole('button', { name: /^trial \d+ · #100 추가$/ })).toHaveCount(0);
    await picker.locator('summary').first().click();
    await expect(picker.getByRole('button', { name: /^trial \d+ · #100 추가$/ })).toHaveCount(15);
    await picker.getByRole('searchbox', { name: '네트워크 검색' }).fill('trial 100');
    await expect(picker.getByText('100개 중 1–15')).toBeVisible();
    // One network of each of 15 jobs: each job's line with its network open under it.
    await expect(picker.getByRole('group')).toHaveCount(15);
    await expect(picker.getByRole('button', { name: /^trial 100 · #\d+ 추가$/ })).toHaveCount(15);
    expect(problems).toEqual([]);
  });

  test('a hyperparameter search gets parallel coordinates with log axes; a repeated job gets mean ± std bands', async ({
    page,
    lab,
    problems,
  }) => {
    await openExperiment(page, lab.host.url, 'hyperparameter-search');
    await setField(page, '시도 횟수', '8');
    await setField(page, '에폭 수', '3');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료', { timeout: 50_000 });
    await expect(page.getByRole('heading', { name: '평행 좌표' })).toBeVisible();
    await expect(
      page.getByRole('img', { name: /^네트워크 8개, 축: 학습률 \(로그\), 가중치 감소 \(로그\), 검증 정확도\. 가장 좋음: trial \d+/ }),
    ).toBeVisible();

    await openExperiment(page, lab.host.url, 'optimizer-compare');
    const optimizers = page.getByRole('group', { name: '비교할 옵티마이저' });
    for (const name of ['Momentum', 'AdaGrad']) await optimizers.getByRole('checkbox', { name }).uncheck();
    await setField(page, '반복 횟수', '40');
    await setField(page, '반복 실행', '3');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료', { timeout: 50_000 });
    await expect(page.getByRole('heading', { name: '시드에 따른 변동: 평균 ± 표준편차' })).toBeVisible();
    const bands = page.getByRole('list', { name: '범례' }).filter({ hasText: '평균 ± 표준편차, 시드 3개' });
    await expect(bands.getByRole('listitem')).toHaveCount(2); // SGD and Adam, 3 seeds each
    expect(lab.host.lab.getJob(2)!.runs).toHaveLength(6);
    expect(problems).toEqual([]);
  });
});
