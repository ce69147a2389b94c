// Every test gets its own lab: the web host started in this process on a free loopback port, over
// a fresh SQLite file in a temporary folder, with two training workers. The page fixture opens the
// app on it and fails the test on any page error, console error or console warning (CSP violations,
// Svelte's runtime warnings).
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../src-main/web-host/main.ts';

export const ROOT = join(import.meta.dirname, '..');
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

if (!existsSync(join(ROOT, 'out/renderer/index.html'))) {
  throw new Error('no built renderer in out/renderer: run `npx electron-vite build` (npm test builds it) before the e2e tests');
}

export interface LabHost {
  host: WebHost;
  dbPath: string;
  /** Stops the host (running jobs are marked interrupted, as when the app quits). */
  stop(): Promise<void>;
  /** Starts a new host on the same database (a restart of the app); `samePort` keeps its address. */
  restart(options?: { samePort?: boolean }): Promise<WebHost>;
}

export async function startLab(dir: string, workers = 2): Promise<LabHost> {
  const dbPath = join(dir, 'lab.sqlite');
  let host: WebHost | null = await startWebHost({ port: 0, dbPath, workers });
  let lastPort = Number(new URL(host.url).port);
  let lastKey = host.key;
  const lab: LabHost = {
    get host() {
      if (!host) throw new Error('the lab host is stopped');
      return host;
    },
    dbPath,
    async stop() {
      const running = host;
      host = null;
      await running?.close();
    },
    async restart({ samePort = false } = {}) {
      await lab.stop();
      // Back on the same address with the same key: the open page reconnects, as to a restarted app.
      host = await startWebHost({ port: samePort ? lastPort : 0, dbPath, workers, key: samePort ? lastKey : undefined });
      lastPort = Number(new URL(host.url).port);
      lastKey = host.key;
      return host;
    },
  };
  return lab;
}

/**
 * Problems the page reported: uncaught errors, console errors (CSP violations among them) and console
 * warnings (Svelte's runtime warnings, such as derived_inert, are bugs too).
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const type = message.type();
    if (type === 'error' || type === 'warning') {
      const at = message.location();
      problems.push(`console ${type}: ${message.text().slice(0, 300)}${at.url ? ` (${at.url.split('/').pop()}:${at.lineNumber})` : ''}`);
    }
  });
  return problems;
}

/**
 * Drops the problems a test provoked on purpose (the refused requests while it stopped the lab);
 * every other error or warning still fails the test.
 */
export function forgive(problems: string[], pattern: RegExp): void {
  const kept = problems.filter((problem) => !pattern.test(problem));
  problems.splice(0, problems.length, ...kept);
}

type Fixtures = {
  /** Training worker threads of the test's lab (default 2). */
  labWorkers: number;
  lab: LabHost;
  /** Console errors and warnings and page errors seen so far; every test fails when it is not empty at its end. */
  problems: string[];
};

export const test = base.extend<Fixtures>({
  labWorkers: [2, { option: true }],
  lab: async ({ labWorkers }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'dl-lab-e2e-'));
    const lab = await startLab(dir, labWorkers);
    try {
      await use(lab);
    } finally {
      await lab.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
  // Every test: a test that provokes an error on purpose empties the list after checking it.
  // It depends on the lab so that it ends before the lab stops (a page whose lab went away logs
  // refused connections, which are the teardown's, not the test's).
  problems: [
    async ({ page, lab }, use) => {
      void lab;
      const problems = watchProblems(page);
      await use(problems);
      expect(problems, 'errors and warnings the page logged').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens an experiment's page (hash route) and waits for its title. */
export async function openExperiment(page: Page, url: string, experiment: string): Promise<void> {
  await page.goto(`${url}#/${experiment}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Fills a parameter field found by its label, replacing what was there. */
export async function setField(page: Page, label: string | RegExp, value: string): Promise<void> {
  const field = page.getByLabel(label, { exact: typeof label === 'string' });
  await field.fill(value);
}

/** The job panel's status (its accessible name says the job's state). */
export const jobStatus = (page: Page) => page.getByRole('status', { name: /^(상태|Status|状態|状态):/ });

/** The charts region; `data-points` counts the points received so far. */
export const charts = (page: Page) => page.getByRole('region', { name: /^(차트|Charts)$/ });

/** Past jobs of the page. */
export const history = (page: Page) => page.getByRole('list', { name: /^(지난 실행|Past jobs)$/ });

// Browser-side code is passed as strings: this tsconfig is Node's (no DOM types).

/**
 * Waits for web fonts, so screenshots show the bundled Noto Sans KR/JP/SC and KaTeX fonts. A subset
 * starts loading only when a layout needs one of its characters (after a language switch, say), so
 * `document.fonts.ready` alone can resolve before it is asked for: wait for frames, then for the
 * loads they started, until nothing is loading.
 */
export async function fontsReady(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < 20; i++) {
      await frame();
      await frame();
      await document.fonts.ready;
      if (document.fonts.status === 'loaded') break;
    }
    return true;
  })()`);
}

/**
 * What changed has been drawn: every chart of the page is built (charts are otherwise built as they
 * come near the viewport, which a full-page screenshot does not scroll to), the charts' sliced
 * updates are done (`data-charts-busy` is gone), those of charts out of view too, then two animation
 * frames.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    for (const canvas of document.querySelectorAll('canvas')) canvas.dispatchEvent(new Event('dl-lab-build-chart'));
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let i = 0; i < 300 && (i < 2 || document.documentElement.hasAttribute('data-charts-busy')); i++) await frame();
    document.dispatchEvent(new Event('dl-lab-draw-charts')); // charts out of view too (scheduler.ts)
    for (let i = 0; i < 300 && (i < 2 || document.documentElement.hasAttribute('data-charts-busy')); i++) await frame();
    await frame();
    await frame();
    return true;
  })()`);
}

export async function scrollToTop(page: Page): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
}

/**
 * The page's tasks are timed in wall time, and on this two-core machine training, V8's compile
 * threads and the browser's own processes share the cores with the page: the first frame of a run,
 * 54 ms of the page's CPU, took 118 ms. So a test that times tasks prints its figures against its
 * goal and fails on a freeze a student would notice (a task over FREEZE_MS); DL_LAB_UI_GOALS=1 makes
 * it hold the goal itself, for a quiet machine. One rule for every such test.
 */
export const STRICT_UI_GOALS = process.env.DL_LAB_UI_GOALS === '1';
const FREEZE_MS = 250;
/** The longest task a test lets pass: its goal under DL_LAB_UI_GOALS=1, else FREEZE_MS. */
export const longestTaskAllowed = (goalMs: number): number => (STRICT_UI_GOALS ? goalMs : Math.max(goalMs, FREEZE_MS));

/** What e2e/page-probe.js recorded in the page. */
export interface ProbeData {
  longTasks: { start: number; duration: number }[];
  /** Long animation frames, with the scripts that ran in them (Chromium's LoAF API). */
  longFrames: {
    start: number;
    duration: number;
    render: number;
    scripts: { invoker: string; fn: string; duration: number; layout: number }[];
  }[];
  samples: { at: number; points: number; running: boolean }[];
}

/** Where the long frames' time went: script time by invoker, the rendering (style, layout, paint) apart. */
export function attribution(frames: ProbeData['longFrames'], from: number, to = Infinity): object {
  const inside = frames.filter((f) => f.start >= from && f.start <= to);
  const byInvoker = new Map<string, number>();
  let scripts = 0;
  for (const frame of inside) {
    for (const script of frame.scripts) {
      const key = `${script.invoker}${script.fn ? ` ${script.fn}` : ''}`.slice(0, 80);
      byInvoker.set(key, (byInvoker.get(key) ?? 0) + script.duration);
      scripts += script.duration;
    }
  }
  return {
    frames: inside.length,
    frameMs: Math.round(inside.reduce((sum, f) => sum + f.duration, 0)),
    scriptMs: Math.round(scripts),
    renderMs: Math.round(inside.reduce((sum, f) => sum + f.render, 0)),
    top: [...byInvoker]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([key, ms]) => `${Math.round(ms)} ms ${key}`),
  };
}

/** Records long tasks and the charts' point count from the first page load on. */
export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript({ path: join(ROOT, 'e2e', 'page-probe.js') });
}

export async function readProbe(page: Page): Promise<ProbeData> {
  return (await page.evaluate('({ longTasks: dlProbe.longTasks, longFrames: dlProbe.longFrames, samples: dlProbe.samples })')) as ProbeData;
}

/** performance.now() in the page. */
export async function pageNow(page: Page): Promise<number> {
  return (await page.evaluate('performance.now()')) as number;
}
