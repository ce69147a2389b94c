// Injected into the page before the app loads (page.addInitScript): records long tasks and every
// change of the charts' point count together with whether a job was running at that moment, so a
// test can check afterwards that the chart grew while the job ran and that nothing froze the page.
// Plain JS on purpose: it runs in the browser, and the tests' tsconfig is Node's.
(() => {
  const probe = { longTasks: [], longFrames: [], samples: [], since: 0 };
  globalThis.dlProbe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames name the scripts that made them long (where the browser has the API).
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        probe.longFrames.push({
          start: entry.startTime,
          duration: entry.duration,
          render: entry.renderStart ? entry.startTime + entry.duration - entry.renderStart : 0,
          scripts: (entry.scripts ?? []).map((script) => ({
            invoker: script.invoker,
            fn: script.sourceFunctionName,
            duration: script.duration,
            layout: script.forcedStyleAndLayoutDuration,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // not in this browser
  }
  const sample = () => {
    const region = document.querySelector('section.charts');
    const points = Number(region?.getAttribute('data-points') ?? 0);
    const running = document.querySelector('progress') !== null;
    const last = probe.samples.at(-1);
    if (!last || last.points !== points || last.running !== running) probe.samples.push({ at: performance.now(), points, running });
  };
  const start = () => new MutationObserver(sample).observe(document.body, { subtree: true, attributes: true, childList: true });
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
