// Never frozen: while the real training workers use every core, the page's main thread during an
// experiment run (the 100-trial search, the activation histograms), a page switch and the opening
// of a past job. The goals — no task over 50 ms, a switch or an opening drawn within 200 ms — are
// printed against the measured figures (`never-frozen:` lines); on a quiet machine they were met.
// What fails the test is a freeze a student would notice: a task over 250 ms, or a switch over
// 600 ms (before this work: a 1.36 s task during the search, 1.2–1.4 s to open the histograms).
// Timing on a shared machine varies, so the goals themselves are the bench's kind of figure, not a
// pass/fail line; DL_LAB_UI_GOALS=1 makes the test hold the goals.
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  openExperiment,
  setField,
  jobStatus,
  installProbe,
  readProbe,
  pageNow,
  longestTaskAllowed,
  STRICT_UI_GOALS,
  attribution,
} from './fixtures.ts';

const LONG_TASK_MS = 50;
const SWITCH_MS = 200;
const FREEZE_MS = longestTaskAllowed(LONG_TASK_MS);
const SLOW_SWITCH_MS = STRICT_UI_GOALS ? SWITCH_MS : 600;

// Both cores train (the default of two workers on this two-core machine). Playwright's own trace
// takes DOM snapshots inside the page, which are long tasks themselves.
test.use({ labWorkers: 2, trace: 'off' });

interface Figures {
  count: number;
  over50: number;
  maxMs: number;
  totalMs: number;
}

function figures(tasks: { start: number; duration: number }[], from: number, to = Infinity): Figures {
  const inside = tasks.filter((t) => t.start >= from && t.start <= to);
  return {
    count: inside.length,
    over50: inside.filter((t) => t.duration > LONG_TASK_MS).length,
    maxMs: Math.round(Math.max(0, ...inside.map((t) => t.duration))),
    totalMs: Math.round(inside.reduce((sum, t) => sum + t.duration, 0)),
  };
}

/**
 * Changes the hash route inside the page and measures until `selector` matches and two animation
 * frames have passed (the new page has been drawn).
 */
async function timedNavigation(page: Page, hash: string, selector: string): Promise<number> {
  const script = `(async () => {
    const t0 = performance.now();
    location.hash = ${JSON.stringify(hash)};
    await new Promise((resolve) => {
      const check = () => { if (document.querySelector(${JSON.stringify(selector)})) { observer.disconnect(); resolve(true); return true; } return false; };
      const observer = new MutationObserver(check);
      if (!check()) observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - t0;
  })()`;
  return (await page.evaluate(script)) as number;
}

/**
 * Waits for the job's status with one cheap check a second: Playwright's own polling of an
 * accessible name runs in the page every 100 ms and would be counted among the page's long tasks.
 */
async function waitForStatus(page: Page, status: string, timeout: number): Promise<void> {
  const check = `document.querySelector('[role="status"][aria-label$=${JSON.stringify(': ' + status)}]') !== null`;
  const until = Date.now() + timeout;
  while (!(await page.evaluate(check))) {
    if (Date.now() > until) throw new Error(`the job did not reach "${status}" within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function report(what: string, data: object): void {
  console.log(`never-frozen: ${what} ${JSON.stringify(data)}`);
}

test.describe('Never frozen', () => {
  test.setTimeout(240_000);

  test('the 100-trial search trains without a freeze, switching pages and opening it stay quick (figures against the goals printed)', async ({
    page,
    lab,
    problems,
  }) => {
    await installProbe(page);
    await openExperiment(page, lab.host.url, 'hyperparameter-search');
    // 100 trials as the book's, fewer epochs: every trial still starts, streams and ends on the page.
    await setField(page, '에폭 수', '10');
    const runAt = await pageNow(page);
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 실행 중');

    // Away and back while it trains.
    const switches: number[] = [];
    switches.push(await timedNavigation(page, '#/optimizer-compare', 'h1[data-experiment="optimizer-compare"]'));
    switches.push(await timedNavigation(page, '#/hyperparameter-search', 'h1[data-experiment="hyperparameter-search"]'));

    await waitForStatus(page, '완료', 200_000);
    const doneAt = await pageNow(page);
    const { longTasks, longFrames } = await readProbe(page);
    const run = figures(longTasks, runAt, doneAt);
    report('search run: long frames', attribution(longFrames, runAt, doneAt));
    report('search run (100 trials × 10 epochs)', {
      ...run,
      seconds: Math.round((doneAt - runAt) / 100) / 10,
      switches: switches.map(Math.round),
    });

    // Open the finished job's record from a fresh page load of the history (its 100 networks).
    const jobId = Number(await page.evaluate(`location.hash.match(/\\/(\\d+)/)?.[1] ?? 0`)) || 1;
    await timedNavigation(page, '#/history', 'table');
    const openAt = await pageNow(page);
    const open = await timedNavigation(page, `#/history/${jobId}`, 'section.charts canvas');
    const openTasks = figures((await readProbe(page)).longTasks, openAt);
    report('open the search job', { ms: Math.round(open), ...openTasks });

    report('goals met (no task > 50 ms, switches and opening < 200 ms)', {
      search: run.over50 === 0 && switches.every((ms) => ms < SWITCH_MS) && open < SWITCH_MS,
    });
    expect(run.maxMs, `long tasks during the search: ${JSON.stringify(run)}`).toBeLessThanOrEqual(FREEZE_MS);
    for (const ms of switches) expect(ms, 'page switch while the search trains').toBeLessThan(SLOW_SWITCH_MS);
    expect(open, 'opening the search job').toBeLessThan(SLOW_SWITCH_MS);
    expect(problems).toEqual([]);
  });

  test('the activation histograms run without a freeze and their page reopens quickly (figures against the goals printed)', async ({
    page,
    lab,
    problems,
  }) => {
    await installProbe(page);
    await openExperiment(page, lab.host.url, 'activation-histograms');
    const runAt = await pageNow(page);
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await waitForStatus(page, '완료', 120_000);
    const doneAt = await pageNow(page);
    const probe = await readProbe(page);
    const run = figures(probe.longTasks, runAt, doneAt);
    report('activation histograms run: long frames', attribution(probe.longFrames, runAt, doneAt));
    report('activation histograms run', { ...run, seconds: Math.round((doneAt - runAt) / 100) / 10 });

    const switchAt = await pageNow(page);
    const away = await timedNavigation(page, '#/weight-init-compare', 'h1[data-experiment="weight-init-compare"]');
    const back = await timedNavigation(
      page,
      '#/activation-histograms',
      'h1[data-experiment="activation-histograms"] ~ * canvas, h1[data-experiment="activation-histograms"]',
    );
    const switchTasks = figures((await readProbe(page)).longTasks, switchAt);
    report('histogram page switch', { away: Math.round(away), back: Math.round(back), ...switchTasks });

    report('goals met (no task > 50 ms, opening < 200 ms)', { histograms: run.over50 === 0 && back < SWITCH_MS });
    expect(run.maxMs, `long tasks during the histograms: ${JSON.stringify(run)}`).toBeLessThanOrEqual(FREEZE_MS);
    expect(back, 'opening the histogram page').toBeLessThan(SLOW_SWITCH_MS);
    expect(problems).toEqual([]);
  });
});
