// The CLI's progress display on stderr: one bar for the job (with ETA) and one per running run.
// On a terminal it redraws in place; otherwise (a log, CI) it prints a line every 10%.
import type { JobProgressEvent } from '../../src-shared/events.ts';

const WIDTH = 24;

export function bar(fraction: number, width = WIDTH): string {
  const f = Math.max(0, Math.min(1, fraction));
  const full = Math.floor(f * width);
  const partial = ' ▏▎▍▌▋▊▉'[Math.floor((f * width - full) * 8)] ?? '';
  return `${'█'.repeat(full)}${full < width ? partial : ''}`.padEnd(width, ' ');
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

interface RunLine {
  label: string;
  done: number;
  total: number;
  status: string;
}

export class ProgressDisplay {
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly runs = new Map<number, RunLine>();
  private linesDrawn = 0;
  private lastDecile = -1;
  private lastDraw = 0;
  /** The newest head line, drawn by `finish` if throttling skipped it. */
  private latest: string | null = null;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.stream = stream;
    this.tty = Boolean(stream.isTTY);
  }

  update(event: JobProgressEvent): void {
    for (const run of event.runs) this.runs.set(run.index, { label: run.label, done: run.done, total: run.total, status: run.status });
    const fraction = event.total > 0 ? event.done / event.total : 0;
    const eta = event.etaMs === null ? '' : ` · ETA ${formatDuration(event.etaMs)}`;
    const head = `${bar(fraction)} ${(fraction * 100).toFixed(0).padStart(3)}% ${event.done}/${event.total} · ${formatDuration(event.elapsedMs)}${eta}`;
    if (!this.tty) {
      const decile = Math.floor(fraction * 10);
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        this.stream.write(`${head}\n`);
      }
      return;
    }
    const now = Date.now();
    this.latest = head;
    if (now - this.lastDraw < 50) return;
    this.lastDraw = now;
    this.drawFrame(head);
  }

  private drawFrame(head: string): void {
    const running = [...this.runs.values()].filter((run) => run.status === 'running');
    const lines = [
      head,
      ...running.map(
        (run) => `  ${run.label.slice(0, 22).padEnd(22)} ${bar(run.total ? run.done / run.total : 0, 16)} ${run.done}/${run.total}`,
      ),
    ];
    this.draw(lines);
  }

  private draw(lines: string[]): void {
    let out = this.linesDrawn > 0 ? `\x1b[${this.linesDrawn}F` : '';
    for (const line of lines) out += `\x1b[2K${line}\n`;
    // Clear lines left over from a longer previous frame.
    for (let i = lines.length; i < this.linesDrawn; i++) out += '\x1b[2K\n';
    const extra = Math.max(0, this.linesDrawn - lines.length);
    if (extra > 0) out += `\x1b[${extra}F`;
    this.stream.write(out);
    this.linesDrawn = lines.length;
  }

  /** Draws the final state (runs no longer running drop out), leaves it on screen and moves on. */
  finish(): void {
    if (this.tty && this.latest) {
      for (const run of this.runs.values()) if (run.status === 'running') run.status = 'done';
      this.drawFrame(this.latest);
    }
    this.linesDrawn = 0;
  }
}
