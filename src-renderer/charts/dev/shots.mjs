import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const base = process.env.BASE ?? 'http://127.0.0.1:5198/';
// Usage: node shots.mjs '[{"exp":"optimizer-compare","job":6,"schemes":["light","dark"],"lang":"en"}]'
const out = process.env.OUT ?? '/tmp/charts-shots';
mkdirSync(out, { recursive: true });
const cases = JSON.parse(process.argv[2]);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
for (const c of cases) {
  for (const scheme of c.schemes ?? ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: c.width ?? 1100, height: 900 }, deviceScaleFactor: 1 });
    await page.emulateMedia({ colorScheme: scheme });
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    const url = `${base}?exp=${c.exp}&job=${c.job ?? 0}&mode=${c.mode ?? 'static'}&lang=${c.lang ?? 'en'}${c.extra ?? ''}`;
    await page.goto(url);
    await page.waitForFunction(() => window.__chartStats && window.__chartStats.flushes > 0, null, { timeout: 15000 }).catch(() => errors.push('no flush'));
    if (c.mid) await page.waitForTimeout(c.mid);
    else if (c.mode === 'replay') await page.waitForFunction(() => window.__replayDone === true, null, { timeout: 120000 }).catch(() => errors.push('replay not done'));
    if (c.script) await page.evaluate(c.script);
    await page.waitForTimeout(c.wait ?? 400);
    const name = `${c.name ?? c.exp}-${scheme}`;
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
    const info = await page.evaluate(() => ({ stats: { ...window.__chartStats }, csp: window.__cspViolations, err: window.__error, canvases: [...document.querySelectorAll('canvas')].map((c) => [c.getAttribute('role'), c.getAttribute('aria-label')?.slice(0, 140)]) }));
    console.log(JSON.stringify({ name, errors, csp: info.csp, err: info.err, flushes: info.stats.flushes, lastMs: info.stats.lastMs?.toFixed(2), maxMs: info.stats.maxMs?.toFixed(2), canvases: info.canvases.length, firstLabel: info.canvases[0] }));
    await page.close();
  }
}
await browser.close();
