/**
 * Streams items to a file or stdout as CSV, JSON or NDJSON in constant memory: one page of the
 * SDK's iterator at a time, through a stream pipeline that honours backpressure. A file is
 * written beside its target as `.<name>.<pid>.tmp`, flushed to disk and renamed only once every
 * item is in; on any failure, or Ctrl-C, the temporary file is removed, so the target name never
 * holds a partial export.
 */
import { createWriteStream, unlinkSync } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { stringify } from 'csv-stringify';
import type { Io } from './context.js';
import { UsageError } from './errors.js';
import { integer, plural } from './format.js';

export const FORMATS = ['csv', 'json', 'ndjson'] as const;
export type Format = (typeof FORMATS)[number];

export interface ExportOptions<T extends object> {
  items: AsyncIterable<T>;
  /** CSV columns in order; keys of the first item not listed here are appended after them. */
  columns: readonly string[];
  format: Format;
  /** Target file; stdout when absent. */
  out?: string;
  /** What is exported, for the progress line ("fills"). */
  label: string;
  /** Pages received so far. */
  pages(): number;
  io: Io;
}

export interface ExportResult {
  items: number;
  pages: number;
  seconds: number;
}

export async function exportItems<T extends object>(options: ExportOptions<T>): Promise<ExportResult> {
  const { io } = options;
  const file = options.out === undefined ? undefined : await prepareTarget(options.out);
  const progress = io.stderr.isTTY ? startProgress(io, options.label) : undefined;
  const started = performance.now();
  let count = 0;
  const report = () => progress?.update(count, options.pages(), performance.now() - started);
  try {
    const iterator = options.items[Symbol.asyncIterator]();
    const first = await iterator.next();
    const columns = first.done ? [...options.columns] : columnsFor(options.columns, first.value);
    async function* counted(): AsyncGenerator<T> {
      try {
        for (let next = first; !next.done; next = await iterator.next()) {
          count++;
          if ((count & 0xff) === 0) report();
          yield next.value;
        }
      } finally {
        // Stopped early (an error, Ctrl-C): let the SDK's iterator go too.
        await iterator.return?.();
      }
    }
    const destination: Writable = file ? createWriteStream(file.temp) : io.stdout;
    await pipeline(Readable.from(counted()), encoder(options.format, columns), destination, {
      signal: io.signal,
      end: file !== undefined,
    });
    if (file) await file.commit();
    report();
    return { items: count, pages: options.pages(), seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await file?.discard();
    throw error;
  } finally {
    progress?.stop();
  }
}

/** Known columns first, then any other keys the first item carries (fields Kalshi added since). */
export function columnsFor(known: readonly string[], first: object): string[] {
  return [...known, ...Object.keys(first).filter((key) => !known.includes(key))];
}

function encoder(format: Format, columns: string[]): Transform {
  if (format === 'csv') {
    // Values exactly as received: money strings untouched, booleans as true/false, null as empty.
    return stringify({
      header: true,
      columns,
      cast: { boolean: (value) => String(value), object: (value) => JSON.stringify(value) },
    });
  }
  let first = true;
  return new Transform({
    writableObjectMode: true,
    transform(item: object, _encoding, callback) {
      const text = JSON.stringify(item);
      if (format === 'ndjson') return callback(null, `${text}\n`);
      callback(null, `${first ? '[\n' : ',\n'}${text}`);
      first = false;
    },
    flush(callback) {
      callback(null, format === 'json' ? (first ? '[]\n' : '\n]\n') : '');
    },
  });
}

interface FileTarget {
  temp: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Checks --out before anything is fetched (an unwritable place is a usage error) and reserves
 * the temporary file beside it. Until commit or discard, the temporary file is also removed if
 * the process exits any other way.
 */
async function prepareTarget(out: string): Promise<FileTarget> {
  const target = resolve(out);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`--out ${out} is a directory; give a file name`);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    await (await open(temp, 'w')).close();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const reason = code === 'ENOENT' ? `directory ${dirname(target)} does not exist` : code === 'EACCES' ? `cannot write in ${dirname(target)}` : String(error);
    throw new UsageError(`--out ${out}: ${reason}`);
  }
  const onExit = () => {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
  };
  process.on('exit', onExit);
  const settle = () => process.off('exit', onExit);
  return {
    temp,
    async commit() {
      const handle = await open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      settle();
    },
    async discard() {
      await unlink(temp).catch(() => undefined);
      settle();
    },
  };
}

interface Progress {
  update(items: number, pages: number, elapsedMs: number): void;
  stop(): void;
}

/** One line on stderr (a TTY): pages, items, items/s and elapsed time, redrawn a few times a second. */
function startProgress(io: Io, label: string): Progress {
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
