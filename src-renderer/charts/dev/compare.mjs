// The live-grown chart must equal the chart of the same job loaded whole.
import { chromium } from 'playwright-core';
const [exp, paramsJson] = process.argv.slice(2);
const base = 'http://127.0.0.1:5198/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
// A short job first keeps the workers busy, so the page is subscribed before the job under test emits.
await fetch(base + 'api/startJob', { method: 'POST', body: JSON.stringify([{ experiment: 'optimizer-compare', params: { iterations: 600, optimizers: ['SGD', 'Adam'] }, seed: 5 }]) });
const start = await fetch(base + 'api/startJob', { method: 'POST', body: JSON.stringify([{ experiment: exp, params: JSON.parse(paramsJson), seed: 11 }]) }).then((r) => r.json());
const jobId = start.value.jobId;
const dump = () => Object.values(window.__Chart.instances).map((c) => c.data.datasets.map((d) => [d.label, (d._data ?? d.data).map((p) => (typeof p === 'number' ? p : p.y))]));
const live = await browser.newPage({ viewport: { width: 1100, height: 900 } });
await live.goto(`${base}?exp=${exp}&job=${jobId}&mode=live`);
console.log('status at load', await live.evaluate(() => new Promise((r) => { const f = () => (window.__job() ? r(window.__job().status + ' ' + window.__job().runs.map((x) => x.curves.loss?.length ?? 0).join('/')) : setTimeout(f, 50)); f(); })));
await live.waitForFunction(() => { const j = window.__job(); return j && !j.active; }, null, { timeout: 600000 });
await live.waitForTimeout(500);
const a = await live.evaluate(dump);
const whole = await browser.newPage({ viewport: { width: 1100, height: 900 } });
await whole.goto(`${base}?exp=${exp}&job=${jobId}&mode=static`);
await whole.waitForFunction(() => window.__chartStats?.flushes > 0);
await whole.waitForTimeout(500);
const b = await whole.evaluate(dump);
const sa = JSON.stringify(a), sb = JSON.stringify(b);
console.log(exp, 'job', jobId, 'charts', a.length, 'points', a.flat().reduce((n, d) => n + d[1].length, 0), sa === sb ? 'IDENTICAL' : 'DIFFERENT');
if (sa !== sb) { for (let i = 0; i < a.length; i++) for (let j = 0; j < a[i].length; j++) { const x = JSON.stringify(a[i][j]), y = JSON.stringify(b[i]?.[j]); if (x !== y) console.log('diff chart', i, 'dataset', j, a[i][j][0], a[i][j][1].length, b[i]?.[j]?.[1].length); } }
await browser.close();
