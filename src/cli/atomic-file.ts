/**
 * The --out file of an export, so that its name never holds a partial export: the data goes to a
 * temporary file beside it, which is flushed to disk and renamed over the target only once every
 * item is in, and removed on any failure or Ctrl-C.
 *
 * The temporary file gets a random name and is created exclusively (O_EXCL), then written through
 * the descriptor that created it: whatever another user planted in the directory (a symlink to
 * one of your files, say) is never opened, so it can neither be overwritten nor end up as --out.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { FileError, isSystemError, systemMessage } from './exit-status.js';

export interface FileTarget {
  /** Writes to the temporary file; once it has finished, the data is on disk (fsync). */
  writable(): Writable;
  /** Closes the temporary file and renames it over the target. */
  commit(): Promise<void>;
  /** Closes and removes the temporary file. */
  discard(): Promise<void>;
}

/** Names tried before giving up: a clash of 96 random bits means something else is going on. */
const ATTEMPTS = 3;

/**
 * Checks --out before anything is fetched (a place that cannot be written is a file error, exit
 * 1) and creates the temporary file beside it, with the target's permissions when it exists (a
 * 0600 file stays 0600) and the usual ones for a new file. Until commit or discard, the temporary
 * file is also removed if the process exits any other way.
 */
export async function prepareTarget(out: string): Promise<FileTarget> {
  const target = resolve(out);
  const directory = dirname(target);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new FileError(`--out ${out} is a directory; give a file name`);
  // Only the permission bits: set-id bits have no business on an export.
  const mode = existing ? existing.mode & 0o777 : undefined;

  let temp = '';
  let handle: FileHandle | undefined;
  for (let attempt = 1; handle === undefined; attempt++) {
    temp = join(directory, `.${basename(target)}.${randomBytes(12).toString('hex')}.tmp`);
    try {
      // 'wx' is O_CREAT | O_EXCL: fails on any existing name, a symlink included, and never follows one.
      handle = await open(temp, 'wx', mode ?? 0o666);
    } catch (error) {
      if (isSystemError(error) && error.code === 'EEXIST' && attempt < ATTEMPTS) continue;
      throw new FileError(`cannot write --out ${out}: ${reasonOf(error, directory)}`, { cause: error });
    }
  }
  const file = handle;
  try {
    // The umask may have taken bits off; the target's own mode is what the export keeps.
    if (mode !== undefined) await file.chmod(mode);
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw new FileError(`cannot write --out ${out}: ${reasonOf(error, directory)}`, { cause: error });
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
    writable: () => writableFile(file),
    async commit() {
      await file.close();
      await rename(temp, target);
      settle();
    },
    async discard() {
      await file.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      settle();
    },
  };
}

/**
 * A stream into an open file that leaves it open, for commit to close. (fs streams made from a
 * FileHandle with autoClose off keep a hold on it, so that closing it waits forever.)
 */
function writableFile(file: FileHandle): Writable {
  // writeFile writes at the current position and retries short writes; writev batches the
  // chunks buffered while a write is under way.
  const write = (data: Uint8Array, callback: (error?: Error | null) => void) => void file.writeFile(data).then(() => callback(), callback);
  return new Writable({
    write: (chunk: Buffer, _encoding, callback) => write(chunk, callback),
    writev: (chunks, callback) => write(Buffer.concat(chunks.map(({ chunk }) => chunk as Buffer)), callback),
    final: (callback) => void file.sync().then(() => callback(), callback),
  });
}

function reasonOf(error: unknown, directory: string): string {
  if (!isSystemError(error)) return error instanceof Error ? error.message : String(error);
  if (error.code === 'ENOENT') return `directory ${directory} does not exist`;
  if (error.code === 'EACCES' || error.code === 'EPERM') return `no permission to create a file in ${directory}`;
  if (error.code === 'ENOTDIR') return `${directory} is not a directory`;
  if (error.code === 'EROFS') return `${directory} is on a read-only file system`;
  return systemMessage(error);
}
