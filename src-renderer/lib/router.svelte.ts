// Hash routing: `#/<experiment id>` shows an experiment, `#/<experiment id>/<job id>` one of its jobs.
// The hash survives a reload, so a reload comes back to the same page and job.

export interface Route {
  experiment: string | null;
  jobId: number | null;
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const experiment = parts[0] ?? null;
  const jobId = parts[1] && /^\d+$/.test(parts[1]) ? Number(parts[1]) : null;
  return { experiment, jobId };
}

export function hrefOf(experiment: string, jobId: number | null = null): string {
  return `#/${encodeURIComponent(experiment)}${jobId === null ? '' : `/${jobId}`}`;
}

class Router {
  route = $state<Route>(parseHash(globalThis.location?.hash ?? ''));

  constructor() {
    globalThis.addEventListener?.('hashchange', () => {
      this.route = parseHash(location.hash);
    });
  }

  go(experiment: string, jobId: number | null = null): void {
    const href = hrefOf(experiment, jobId);
    if (location.hash !== href) location.hash = href;
    this.route = parseHash(href);
  }

  /** Changes the address without a new history entry (a default page, a deleted job). */
  replace(experiment: string, jobId: number | null = null): void {
    history.replaceState(history.state, '', hrefOf(experiment, jobId));
    this.route = parseHash(location.hash);
  }
}

export const router = new Router();
