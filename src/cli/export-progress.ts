/** The progress line an export shows on a terminal. */
import cliProgress from 'cli-progress';
import type { Io } from './context.js';
import { integer, plural } from './format.js';

export interface Progress {
  update(items: number, pages: number, elapsedMs: number): void;
  stop(): void;
}

/** One line on stderr (a TTY): pages, items, items/s and elapsed time, redrawn a few times a second. */
export function startProgress(io: Io, label: string): Progress {
  const bar = new cliProgress.SingleBar({
    stream: io.stderr,
    format: `exporting ${label}: {pages}, {items}, {rate} items/s, {duration_formatted}`,
    fps: 5,
    hideCursor: true,
    clearOnComplete: false,
    linewrap: false,
  });
  const payload = (items: number, pages: number, elapsedMs: number) => ({
    items: plural(items, 'item'),
    pages: plural(pages, 'page'),
    rate: integer(elapsedMs > 0 ? Math.round((items * 1000) / elapsedMs) : 0),
  });
  bar.start(0, 0, payload(0, 0, 0));
  return {
    update: (items, pages, elapsedMs) => bar.update(items, payload(items, pages, elapsedMs)),
    stop: () => bar.stop(),
  };
}
