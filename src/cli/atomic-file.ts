/**
 * The --out file of an export, so that its name never holds a partial export: the data goes to
 * `.<name>.<pid>.tmp` beside it, which is flushed to disk and renamed over the target only once
 * every item is in, and removed on any failure or Ctrl-C.
 */
import { unlinkSync } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './exit-status.js';

export interface FileTarget {
  /** Where to write until `commit`. */
  temp: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Checks --out before anything is fetched (an unwritable place is a usage error) and reserves
 * the temporary file beside it. Until commit or discard, the temporary file is also removed if
 * the process exits any other way.
 */
export async function prepareTarget(out: string): Promise<FileTarget> {
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
