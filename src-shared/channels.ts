// The api.ts methods by name at run time — one list, used by the Electron preload, main's IPC
// registration, the web host and its browser bridge. The `satisfies` makes the compiler fail when
// a method is added to LabApi and not here.
import type { LabApi } from './api.ts';

/** The invoke-style methods (all but the event subscription). */
export type LabMethod = Exclude<keyof LabApi, 'onEvent'>;

const methodSet = {
  getAppInfo: true,
  startJob: true,
  cancelJob: true,
  listJobs: true,
  getJob: true,
  activeJobs: true,
  deleteJob: true,
  renameJob: true,
  setJobNotes: true,
  setJobTags: true,
  queryJobs: true,
  queryRuns: true,
  getRuns: true,
  exportJob: true,
  exportSelection: true,
  importJob: true,
  jobExtras: true,
  getXray: true,
  inspectJob: true,
  predictDigit: true,
  testImages: true,
} as const satisfies Record<LabMethod, true>;

export const LAB_METHODS = Object.keys(methodSet) as LabMethod[];

export const isLabMethod = (name: string): name is LabMethod => Object.hasOwn(methodSet, name);

/** IPC channel of a method: one `lab:` namespace, so main can ignore anything else. */
export const channelOf = (method: LabMethod): string => `lab:${method}`;

/** The channel main sends lab events on. */
export const EVENT_CHANNEL = 'lab:event';
