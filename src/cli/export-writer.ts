/**
 * Streams items to a file or stdout as CSV, JSON or NDJSON in constant memory: one page of the
 * SDK's iterator at a time, through a stream pipeline that honours backpressure. A file is
 * written atomically (atomic-file.ts), so its name never holds a partial export.
 */
import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { prepareTarget } from './atomic-file.js';
import type { Io } from './context.js';

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
  // Loaded on use: every start of the CLI would pay for modules only exports need.
  const progress = io.stderr.isTTY ? (await import('./export-progress.js')).startProgress(io, options.label) : undefined;
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
    const destination: Writable = file ? file.writable() : io.stdout;
    await pipeline(Readable.from(counted()), await encoder(options.format, columns), destination, {
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
function columnsFor(known: readonly string[], first: object): string[] {
  return [...known, ...Object.keys(first).filter((key) => !known.includes(key))];
}

async function encoder(format: Format, columns: string[]): Promise<Transform> {
  if (format === 'csv') {
    const { stringify } = await import('csv-stringify');
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
