// Who trains a job: the lease a store writes on the jobs it creates. A pid alone is not enough —
// once the process is gone, the OS hands its pid to another one, and a job left `running` would
// look alive forever — so the lease also records when that process started (Linux: the start time
// in /proc/<pid>/stat; elsewhere unknown, and the heartbeat deadline alone decides).
import { readFileSync } from 'node:fs';

export interface Owner {
  pid: number;
  /** The process's start time as the OS reports it (clock ticks since boot on Linux), or null. */
  started: number | null;
}

/** Field 22 of /proc/<pid>/stat (after the parenthesized command name, which may hold spaces). */
export function processStartTime(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const started = Number(fields[19]); // fields[0] is field 3 (state)
    return Number.isSafeInteger(started) ? started : null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

let self: Owner | null = null;

export function currentOwner(): Owner {
  return (self ??= { pid: process.pid, started: processStartTime(process.pid) });
}

/** True when the process that held a lease cannot be running any more: no pid, a dead pid, or a pid reused by a process that started later. */
export function isOwnerGone(owner: { pid: number | null; started: number | null }): boolean {
  if (owner.pid === null || !pidAlive(owner.pid)) return true;
  if (owner.started === null) return false;
  const started = processStartTime(owner.pid);
  return started !== null && started !== owner.started;
}
