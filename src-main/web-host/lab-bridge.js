// `window.lab` for the renderer when it runs in a plain browser against the web host — runs in the
// BROWSER, served by main.ts beside it, never part of the desktop app. The same api.ts methods as
// the Electron preload, carried over loopback HTTP (calls) and Server-Sent Events (lab events),
// each with the launch's key the host put in the page. The method list, `DL_LAB_METHODS`, is the
// line the host puts before this file when it serves it (from src-shared/channels.ts).
/* global DL_LAB_METHODS */
(() => {
  const key = document.querySelector('meta[name="dl-lab-key"]')?.getAttribute('content') ?? '';
  const call = async (method, args) => {
    const response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dl-lab-key': key },
      body: JSON.stringify(args),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ?? `${method} failed (${response.status})`);
    return body.value;
  };
  const listeners = new Set();
  let source = null;
  const connect = () => {
    source = new EventSource(`/api/events?key=${encodeURIComponent(key)}`);
    source.onmessage = (message) => {
      const event = JSON.parse(message.data);
      for (const listener of listeners) listener(event);
    };
  };
  const methods = DL_LAB_METHODS;
  const lab = Object.fromEntries(methods.map((method) => [method, (...args) => call(method, args)]));
  lab.onEvent = (listener) => {
    if (!source) connect();
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  window.lab = Object.freeze(lab);
})();
