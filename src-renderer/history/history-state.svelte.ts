// The past-runs list: its filters, sort, page and selection, kept for the session (leaving the page
// and coming back finds it as it was), and the page of jobs that goes with them. A page is one
// `queryJobs` call (indexed, LIMIT 50): the list stays as quick with 10,000 runs as with ten.
import { SvelteSet } from 'svelte/reactivity';
import type { HistoryJob, JobQuery, JobSort, JobStatus } from '../../src-shared/api.ts';

export const PAGE_SIZE = 50;

export type SortChoice =
  'created-desc' | 'created-asc' | 'duration-desc' | 'duration-asc' | 'name' | 'testAcc' | 'valAcc' | 'trainAcc' | 'loss';

export const SORTS: Record<SortChoice, { sort: JobSort; descending?: boolean; metric?: string }> = {
  'created-desc': { sort: 'created' },
  'created-asc': { sort: 'created', descending: false },
  'duration-desc': { sort: 'duration' },
  'duration-asc': { sort: 'duration', descending: false },
  name: { sort: 'name' },
  testAcc: { sort: { metric: 'testAcc', order: 'max' }, metric: 'testAcc' },
  valAcc: { sort: { metric: 'valAcc', order: 'max' }, metric: 'valAcc' },
  trainAcc: { sort: { metric: 'trainAcc', order: 'max' }, metric: 'trainAcc' },
  loss: { sort: { metric: 'loss', order: 'min' }, metric: 'loss' },
};

export class HistoryState {
  text = $state('');
  experiment = $state('');
  status = $state<JobStatus | ''>('');
  sort = $state<SortChoice>('created-desc');
  page = $state(0);
  /** Jobs ticked for comparison (kept across pages and filters). */
  readonly selected = new SvelteSet<number>();

  jobs = $state.raw<HistoryJob[]>([]);
  total = $state(0);
  loading = $state(false);
  loaded = $state(false);
  error = $state<string | null>(null);
  #generation = 0;

  query(): JobQuery {
    const choice = SORTS[this.sort];
    return {
      ...(this.text.trim() ? { text: this.text.trim() } : {}),
      ...(this.experiment ? { experiment: this.experiment } : {}),
      ...(this.status ? { status: this.status } : {}),
      sort: choice.sort,
      ...(choice.descending === undefined ? {} : { descending: choice.descending }),
      limit: PAGE_SIZE,
      offset: this.page * PAGE_SIZE,
    };
  }

  get pages(): number {
    return Math.max(1, Math.ceil(this.total / PAGE_SIZE));
  }

  /** Reads the current page; a reply overtaken by a newer request is dropped. */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    try {
      const page = await window.lab.queryJobs(this.query());
      if (generation !== this.#generation) return;
      this.jobs = page.jobs;
      this.total = page.total;
      this.error = null;
      this.loaded = true;
      // Deleting the last jobs of the last page: show the page before.
      if (page.jobs.length === 0 && page.total > 0 && this.page > 0) {
        this.page = this.pages - 1;
        await this.load();
      }
    } catch (error) {
      if (generation === this.#generation) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}

export const historyState = new HistoryState();
