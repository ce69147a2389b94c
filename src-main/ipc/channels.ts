// Runtime names for the api.ts contract, shared by main and the preload. The `satisfies` makes the
// compiler fail when a method is added to LabApi and not here (or the other way round).
import type { LabMethod } from '../api.ts';

const methodSet = { getAppInfo: true } as const satisfies Record<LabMethod, true>;

export const LAB_METHODS = Object.keys(methodSet) as LabMethod[];

/** IPC channel of a method: one `lab:` namespace, so main can ignore anything else. */
export const channelOf = (method: LabMethod): string => `lab:${method}`;
