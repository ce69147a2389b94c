// `window.lab` for the renderer when it runs in a plain browser against the web test host: the same
// api.ts methods as the Electron preload, carried over loopback HTTP (calls) and Server-Sent Events
// (lab events). Served by src-main/web-host.ts; never part of the desktop app.
(() => {
  const call = async (method, args) => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `${method} failed (${response.status})`);
    return body.value;
  };
  const listeners = new Set();
  let source = null;
  const connect = () => {
    source = new EventSource('/api/events');
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      for (const listener of listeners) listener(event);
    };
  };
  const methods = ['getAppInfo', 'listExperiments', 'startJob', 'cancelJob', 'listJobs', 'getJob', 'activeJobs', 'deleteJob', 'renameJob',
    'setJobNotes', 'setJobTags', 'queryJobs', 'queryRuns', 'getRuns', 'exportJob', 'exportSelection', 'importJob'];
  const lab = Object.fromEntries(methods.map((method) => [method, (...args) => call(method, args)]));
  lab.onEvent = (listener) => {
    if (!source) connect();
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  window.lab = Object.freeze(lab);
})();
