// Replays a job (mode=replay URL) and prints the per-frame cost of updating all charts:
//   node perf.mjs 'http://127.0.0.1:5198/?exp=hyperparameter-search&job=11&mode=replay&parallel=2&steps=10' light [shot.png]
import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.emulateMedia({ colorScheme: process.argv[3] ?? 'light' });
await page.goto(process.argv[2]);
await page.waitForFunction(() => window.__replayDone === true, null, { timeout: 300000 });
await page.waitForTimeout(300);
const r = await page.evaluate(() => {
  const s = window.__chartStats; const a = [...s.recent].sort((x, y) => x - y);
  const q = (p) => a[Math.min(a.length - 1, Math.floor(p * a.length))];
  return { flushes: s.flushes, mean: (s.totalMs / s.flushes).toFixed(2), p50: q(0.5).toFixed(2), p90: q(0.9).toFixed(2), p99: q(0.99).toFixed(2), max: s.maxMs.toFixed(2), top5: a.slice(-5).map((v) => v.toFixed(1)), slowest: s.slowestChartMs.toFixed(1) + ' ' + s.slowestChart, idxMax: s.recent.indexOf(Math.max(...s.recent)), seq: s.recent.map((v) => Math.round(v)).join(' ') };
});
console.log(JSON.stringify(r));
if (process.argv[4]) await page.screenshot({ path: process.argv[4], fullPage: true });
await browser.close();
