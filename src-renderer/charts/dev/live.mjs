// Starts a real job on the harness host and watches it live in the page (SSE events → JobView).
import { chromium } from 'playwright-core';
const [exp, paramsJson, shotsAt, scheme] = process.argv.slice(2);
const base = 'http://127.0.0.1:5198/';
const start = await fetch(base + 'api/startJob', { method: 'POST', body: JSON.stringify([{ experiment: exp, params: JSON.parse(paramsJson), seed: 7 }]) }).then((r) => r.json());
const jobId = start.value.jobId;
console.log('job', jobId);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.emulateMedia({ colorScheme: scheme ?? 'light' });
await page.goto(`${base}?exp=${exp}&job=${jobId}&mode=live&lang=${process.env.LANG_UI ?? 'en'}`);
await page.waitForFunction(() => window.__chartStats?.flushes > 0);
await page.evaluate(() => window.__chartStats.reset());
const t0 = Date.now();
for (const at of shotsAt.split(',').map(Number)) {
  await page.waitForTimeout(Math.max(0, at - (Date.now() - t0)));
  await page.screenshot({ path: `/tmp/charts-shots/live-${exp}-${at}.png`, fullPage: true });
}
await page.waitForFunction(() => { const j = window.__job(); return j && !j.active; }, null, { timeout: 600000 });
await page.waitForTimeout(500);
await page.screenshot({ path: `/tmp/charts-shots/live-${exp}-end.png`, fullPage: true });
const r = await page.evaluate(() => { const s = window.__chartStats; const a = [...s.recent].sort((x, y) => x - y); const q = (p) => a[Math.min(a.length - 1, Math.floor(p * a.length))]?.toFixed(2); return { flushes: s.flushes, mean: (s.totalMs / s.flushes).toFixed(2), p50: q(0.5), p90: q(0.9), p99: q(0.99), max: s.maxMs.toFixed(2), slowest: s.slowestChart }; });
console.log(JSON.stringify(r), 'seconds', ((Date.now() - t0) / 1000).toFixed(1));
await browser.close();
