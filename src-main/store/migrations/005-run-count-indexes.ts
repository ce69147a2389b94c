// Migration 5: the history list stays fast beside a job of 200,000 runs. Each listed job shows its
// runs counted by status and the range of their final metrics; both read every run of the job
// through `runs_by_job` (a table lookup per run: ~60 ms and ~40 ms for that job). Counting is now
// one covering-index range per status in `runs_by_status (status, job_id)` (history-sql.ts), and
// finals come from an index of only the runs that have any (queued and stopped runs have '{}').
import type { Migration } from './migration.ts';

export const migration005: Migration = {
  version: 5,
  sql: `
    CREATE INDEX runs_with_finals ON runs (job_id) WHERE final <> '{}';
  `,
};
