/** How the CLI turns failures into one line on stderr and an exit code. */
import { CommanderError } from 'commander';
import { KalshiConfigError, KalshiError, KalshiInputError } from '../index.js';
import { clip, printable } from './terminal.js';

/** The invocation is wrong (bad flag value, missing credentials…): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file could not be read or written (the --out of an export): exit code 1, as any I/O failure. */
export class FileError extends Error {
  override name = 'FileError';
}

/** The server answered, but with data the CLI cannot use (a malformed amount): exit code 1. */
export class ServerDataError extends Error {
  override name = 'ServerDataError';
}

export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130, terminated: 143 } as const;

/** Exit code for an error that reached the top. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError || error instanceof KalshiConfigError || error instanceof KalshiInputError) return EXIT.usage;
  return EXIT.failure;
}

/**
 * A line longer than this is cut. The SDK already quotes a server's words in excerpts of a few
 * hundred characters; this bounds whatever else could grow long.
 */
const LINE_LIMIT = 2_000;

/**
 * The one line shown for an error (without the program name), safe for a terminal: cut to
 * LINE_LIMIT, with control characters escaped.
 */
export function messageOf(error: unknown): string {
  return printable(clip(rawMessageOf(error), LINE_LIMIT));
}

/** `error.stack` for --debug, headed by the same safe line as messageOf. */
export function stackOf(error: Error): string {
  const head = `${error.name}: ${error.message}`;
  const stack = error.stack ?? head;
  const frames = stack.startsWith(head) ? stack.slice(head.length) : '';
  return `${error.name}: ${messageOf(error)}${frames}`;
}

function rawMessageOf(error: unknown): string {
  if (error instanceof KalshiError || error instanceof UsageError) return error.message;
  if (isSystemError(error)) return systemMessage(error);
  return error instanceof Error ? error.message : String(error);
}

interface SystemError extends Error {
  code: string;
  path?: string;
  syscall?: string;
}

/** An error from Node itself (EPIPE, ENOENT…), not one of the SDK's (whose `code` is Kalshi's). */
export function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && !(error instanceof KalshiError) && typeof (error as { code?: unknown }).code === 'string';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENOSPC: 'no space left on device',
  EROFS: 'read-only file system',
};

/** `path: reason` for a system error, in words where there are some. */
export function systemMessage(error: SystemError): string {
  const reason = REASONS[error.code];
  if (reason && error.path) return `${error.path}: ${reason}`;
  return error.message;
}
