/** What every command gets: the streams, colours, the Ctrl-C signal, and a connection on demand. */
import type { Command } from 'commander';
import { type CliSession, type FakeExtras, type GlobalOptions, connect } from './connect.js';
import { type Colors, colorsFor } from './format.js';
import { printable, safeJson } from './terminal.js';

export const PROGRAM = 'kalshi-portfolio';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** Colours for stdout (off unless stdout is a TTY and NO_COLOR is unset). */
  colors: Colors;
  /** Aborted by SIGINT/SIGTERM. */
  signal: AbortSignal;
}

export function createIo(signal: AbortSignal): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, colors: colorsFor(process.stdout, process.env), signal };
}

/** Writes to stdout and resolves once the text is handed to the OS. */
export function print(io: Io, text: string): Promise<void> {
  return new Promise((resolve, reject) => io.stdout.write(text, (error) => (error ? reject(error) : resolve())));
}

/** One line on stderr, escaped: it may carry a file name or what a server said. */
export function warn(io: Io, line: string): void {
  io.stderr.write(`${PROGRAM}: ${printable(line)}\n`);
}

/** The value as JSON, exact, with nothing in it that a terminal would act on. */
export function printJson(io: Io, value: unknown): Promise<void> {
  return print(io, `${safeJson(JSON.stringify(value, null, 2))}\n`);
}

/**
 * Runs `body` with a connection built from the program's global options, and closes it (the
 * embedded fake, with --fake) however `body` ends. `fake` says what the command wants of the fake.
 */
export async function withConnection<T>(command: Command, io: Io, body: (connection: CliSession) => Promise<T>, fake?: FakeExtras): Promise<T> {
  const options = command.optsWithGlobals<GlobalOptions>();
  const keyFileFrom = command.getOptionValueSourceWithGlobals('keyFile') === 'env' ? 'KALSHI_PRIVATE_KEY_PATH' : '--key-file';
  const connection = await connect({ ...options, keyFileFrom }, (line) => warn(io, line), fake);
  try {
    io.signal.throwIfAborted();
    return await body(connection);
  } finally {
    await connection.close();
  }
}

/**
 * Runs requests side by side; if one fails, the others are cancelled rather than left running.
 * `start` gets the call options (with the combined signal) to pass to every SDK call.
 */
export async function allOrNothing<T extends readonly unknown[] | []>(
  io: Io,
  start: (call: { signal: AbortSignal }) => T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const siblings = new AbortController();
  try {
    return await Promise.all(start({ signal: AbortSignal.any([io.signal, siblings.signal]) }));
  } catch (error) {
    siblings.abort();
    throw error;
  }
}
