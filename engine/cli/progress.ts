/** A one-line progress bar on stderr (TTY only), redrawn in place. */
import type { FromTrainer } from '../protocol/messages';
import type { CliIo } from './io';

export function progressPrinter(io: CliIo): (msg: FromTrainer) => void {
  if (!io.isTTY) return () => {};
  let drawn = false;
  return (msg) => {
    if (msg.type === 'progress') {
      const fraction = msg.totalIterations > 0 ? msg.iteration / msg.totalIterations : 0;
      const width = 30;
      const filled = Math.round(fraction * width);
      const cost = msg.costs.at(-1)?.cost;
      io.stderr(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  iteration ${msg.iteration}/${msg.totalIterations}  cost ${cost === undefined ? '—' : cost.toFixed(4)}  `,
      );
      drawn = true;
    } else if ((msg.type === 'run-finished' || msg.type === 'run-failed') && drawn) {
      io.stderr('\n');
      drawn = false;
    }
  };
}
