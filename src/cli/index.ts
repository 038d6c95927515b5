#!/usr/bin/env node
/**
 * kalshi-portfolio: the portfolio from the command line, a thin layer over the SDK.
 * Exit codes: 0 ok, 1 API/network/auth/I-O failure, 2 usage error, 130 interrupted (Ctrl-C),
 * 143 terminated (SIGTERM).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { balanceCommand } from './commands/balance.js';
import { exportCommand } from './commands/export.js';
import { fillsCommand } from './commands/fills.js';
import { orderCommand } from './commands/order.js';
import { ordersCommand } from './commands/orders.js';
import { pnlCommand } from './commands/pnl.js';
import { positionsCommand } from './commands/positions.js';
import { reportCommand } from './commands/report.js';
import { settlementsCommand } from './commands/settlements.js';
import { summaryCommand } from './commands/summary.js';
import { syncCommand } from './commands/sync.js';
import { watchCommand } from './commands/watch.js';
import { DEFAULT_FAKE_SEED } from './connect.js';
import { type Io, PROGRAM, createIo } from './context.js';
import { EXIT, exitCodeOf, isSystemError, messageOf, stackOf } from './exit-status.js';
import { echoed } from './terminal.js';

const integerArg = (min: number) => (text: string) => {
  if (!/^-?\d+$/.test(text.trim()) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError(`expected a whole number${min > Number.MIN_SAFE_INTEGER ? ` of at least ${min}` : ''}, got "${echoed(text, 60)}".`);
  }
  return Number(text);
};

export function buildProgram(io: Io): Command {
  const program = new Command(PROGRAM)
    .description(
      'Your Kalshi portfolio from the command line: balance, positions, orders, fills, settlements, a P&L summary, exports and a live watch.\n' +
        'Connects with KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (or --key-id/--key-file); --fake uses sample data.',
    )
    .version(packageVersion(), '-V, --version')
    .addOption(new Option('--key-id <id>', 'API key id').env('KALSHI_API_KEY_ID'))
    .addOption(new Option('--key-file <path>', 'private key file (PEM) for the key id').env('KALSHI_PRIVATE_KEY_PATH'))
    .addOption(new Option('--env <environment>', 'which Kalshi').choices(['production', 'demo']).default('production').env('KALSHI_ENV'))
    .addOption(new Option('--fake', 'use an embedded fake Kalshi with sample data (no account needed)'))
    .addOption(new Option('--fake-seed <n>', 'seed of the fake\'s data').argParser(integerArg(Number.MIN_SAFE_INTEGER)).default(DEFAULT_FAKE_SEED))
    .addOption(new Option('--fake-fills <n>', 'number of fills in the fake\'s data (default 250)').argParser(integerArg(0)))
    .addOption(new Option('--fake-latency-ms <ms>', 'delay every fake answer').argParser(integerArg(0)).hideHelp())
    .addOption(new Option('--fake-forbidden <operations>', 'operationIds the fake answers 403').argParser((v: string) => v.split(',')).hideHelp())
    .addOption(new Option('--base-url <url>', 'API base URL (overrides --env)').hideHelp())
    .addOption(new Option('--debug', 'log each request on stderr; print stack traces of errors'))
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander's "error: …" (and its "(Did you mean …?)" line) as one line with our prefix. It
      // quotes what the user typed, which may hold terminal escapes or run to any length.
      outputError: (text, write) => write(`${PROGRAM}: ${echoed(text.replace(/^error: /, '').replace(/\n(?=.)/g, ' ').trimEnd())}\n`),
    });
  program.addHelpText(
    'after',
    `
Exit codes: 0 ok, 1 API, network, auth or file error, 2 usage error, 130 interrupted.
Run "${PROGRAM} <command> --help" for a command's options.`,
  );
  for (const command of [balanceCommand, positionsCommand, ordersCommand, fillsCommand, settlementsCommand, summaryCommand, pnlCommand, reportCommand, exportCommand, watchCommand, syncCommand, orderCommand]) {
    program.addCommand(command(io).copyInheritedSettings(program));
  }
  return program;
}

function packageVersion(): string {
  // dist/src/cli/index.js or src/cli/index.ts: the package.json up the tree.
  for (let url = new URL('.', import.meta.url); url.pathname !== '/'; url = new URL('..', url)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PROGRAM && pkg.version) return pkg.version;
    } catch {
      // keep looking
    }
  }
  return '0.0.0';
}

export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl-C does not wait: exit now (exit handlers still remove temporary files).
    if (signalled) process.exit(signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
    signalled = signal;
    // The default reason, an AbortError, is what the SDK knows as a caller's abort (never retried).
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A reader that goes away (`| head`) is not an error of ours.
  process.stdout.on('error', (error) => {
    if (isSystemError(error) && error.code === 'EPIPE') process.exit(EXIT.ok);
  });

  const io = createIo(controller.signal);
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    if (signalled) return interrupted(io, signalled);
    return EXIT.ok;
  } catch (error) {
    if (signalled) return interrupted(io, signalled);
    if (error instanceof CommanderError) return exitCodeOf(error); // commander already said why
    if (isSystemError(error) && error.code === 'EPIPE') return EXIT.ok;
    const debug = program.opts()['debug'] === true || argv.includes('--debug');
    io.stderr.write(`${PROGRAM}: ${messageOf(error)}\n`);
    if (debug && error instanceof Error) io.stderr.write(`${stackOf(error)}\n`);
    return exitCodeOf(error);
  }
}

function interrupted(io: Io, signal: NodeJS.Signals): number {
  io.stderr.write(`${PROGRAM}: interrupted\n`);
  return signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
}

/** Exits once what was written to stdout and stderr has been handed over. */
async function exit(code: number): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  process.exit(code);
}

await exit(await main(process.argv));
