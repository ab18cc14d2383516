// Progress of a sweep on stderr: on a terminal, one bar redrawn in place (points done, rate, ETA); in a log
// (Slurm, CI, a pipe), a plain line every 5% of the points, so logs stay short and greppable.
export interface Progress {
  update(done: number): void;
  finish(done: number): void;
}

export interface ProgressOptions {
  total: number; // points this run will simulate
  label: string;
  tty: boolean;
  write: (text: string) => void;
  now?: () => number; // ms; injectable for tests
}

const BAR_WIDTH = 30;
const REDRAW_MS = 100;

export function createProgress({ total, label, tty, write, now = () => performance.now() }: ProgressOptions): Progress {
  const started = now();
  let lastDraw = -Infinity;
  let lastLineStep = 0;
  const step = Math.max(1, Math.ceil(total / 20));
  const describe = (done: number): string => {
    const seconds = (now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? (total - done) / rate : NaN;
    return `${done}/${total} points (${((100 * done) / Math.max(total, 1)).toFixed(0)}%), ${rate.toFixed(rate < 10 ? 1 : 0)} points/s, ETA ${formatSeconds(eta)}`;
  };
  return {
    update(done) {
      if (tty) {
        if (now() - lastDraw < REDRAW_MS && done < total) return;
        lastDraw = now();
        const filled = Math.round((BAR_WIDTH * done) / Math.max(total, 1));
        write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${describe(done)}\x1b[K`);
      } else if (Math.floor(done / step) > lastLineStep) {
        lastLineStep = Math.floor(done / step);
        write(`${label}: ${describe(done)}\n`);
      }
    },
    finish(done) {
      const seconds = (now() - started) / 1000;
      write(`${tty ? '\r\x1b[K' : ''}${label}: ${done} points in ${formatSeconds(seconds)}\n`);
    },
  };
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
