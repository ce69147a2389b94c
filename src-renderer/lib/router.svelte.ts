// Hash routing: `#/<experiment id>` shows an experiment, `#/<experiment id>/<job id>` one of its jobs;
// `#/history` the past runs, `#/history/<job id>` one job's record, `#/compare?runs=1,2,3` a comparison,
// `#/inspect/<job id>` the inspector of a job's trained networks.
// The hash survives a reload, so a reload comes back to the same page and job.

export interface Route {
  /** The first part: an experiment id, or one of the PAGES. */
  experiment: string | null;
  jobId: number | null;
  /** `?a=1&b=2` after the path. */
  query: Record<string, string>;
}

/** Pages that are not experiments (no experiment has these ids). */
export const PAGES = { history: 'history', compare: 'compare', inspect: 'inspect' } as const;

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const mark = body.indexOf('?');
  const path = mark < 0 ? body : body.slice(0, mark);
  const query = mark < 0 ? {} : Object.fromEntries(new URLSearchParams(body.slice(mark + 1)));
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const experiment = parts[0] ?? null;
  const jobId = parts[1] && /^\d+$/.test(parts[1]) ? Number(parts[1]) : null;
  return { experiment, jobId, query };
}

export function hrefOf(experiment: string, jobId: number | null = null, query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `#/${encodeURIComponent(experiment)}${jobId === null ? '' : `/${jobId}`}${search ? `?${search.replaceAll('%2C', ',')}` : ''}`;
}

/** The past-runs list, or one job's record in it. */
export const historyHref = (jobId: number | null = null): string => hrefOf(PAGES.history, jobId);

/** The inspector of a job's trained networks. */
export const inspectHref = (jobId: number): string => hrefOf(PAGES.inspect, jobId);

/** The comparison of these runs (in this order). */
export const compareHref = (runIds: readonly number[]): string =>
  hrefOf(PAGES.compare, null, runIds.length ? { runs: runIds.join(',') } : {});

/** Run ids of a `runs=1,2,3` query value: positive whole numbers, each once, in order. */
export function runIdsOf(value: string | undefined): number[] {
  const ids: number[] = [];
  for (const part of (value ?? '').split(',')) {
    const id = /^\d+$/.test(part.trim()) ? Number(part.trim()) : 0;
    if (id > 0 && Number.isSafeInteger(id) && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

class Router {
  route = $state<Route>(parseHash(globalThis.location?.hash ?? ''));

  constructor() {
    globalThis.addEventListener?.('hashchange', () => {
      this.route = parseHash(location.hash);
    });
  }

  go(experiment: string, jobId: number | null = null): void {
    this.open(hrefOf(experiment, jobId));
  }

  /** Changes the address without a new history entry (a default page, a deleted job). */
  replace(experiment: string, jobId: number | null = null): void {
    this.replaceHref(hrefOf(experiment, jobId));
  }

  /** Goes to an address made by hrefOf / historyHref / compareHref (a new history entry). */
  open(href: string): void {
    if (location.hash !== href) location.hash = href;
    this.route = parseHash(href);
  }

  replaceHref(href: string): void {
    history.replaceState(history.state, '', href);
    this.route = parseHash(location.hash);
  }
}

export const router = new Router();
