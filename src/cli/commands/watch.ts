import { Command, InvalidArgumentError, Option } from 'commander';
import type { KalshiClient, StreamChannel, StreamOptions } from '../../index.js';
import type { Ledger } from '../../ledger/index.js';
import { type Io, print, withConnection } from '../context.js';
import { colorsFor } from '../format.js';
import { positiveInteger } from '../options.js';
import { jsonLine, lineFormatter } from '../watch-format.js';
import { echoed } from '../terminal.js';
import { ledgerLocation, withLedger } from './sync.js';

const CHANNELS: readonly StreamChannel[] = ['fill', 'market_positions', 'user_orders', 'order_group_updates'];
const DEFAULT_CHANNELS = CHANNELS.slice(0, 3);
const DEFAULT_FAKE_RATE = 2;

interface WatchOptions {
  channels?: StreamChannel[];
  ticker?: string[];
  json?: boolean;
  fakeFillsPerSecond: number;
  fakeStreamDropMs?: number;
  db?: string | true;
}

/** `fill,user_orders` → the channels, each known, none twice. */
export function parseChannels(text: string): StreamChannel[] {
  const names = text.split(',').map((name) => name.trim());
  if (names.every((name) => name === '')) throw new InvalidArgumentError(`expected one or more of ${CHANNELS.join(', ')}.`);
  const unknown = names.filter((name) => !(CHANNELS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    const shown = unknown.map((name) => (name === '' ? '(empty)' : `"${echoed(name, 60)}"`)).join(', ');
    throw new InvalidArgumentError(`unknown channel ${shown}; the channels are ${CHANNELS.join(', ')}.`);
  }
  return [...new Set(names as StreamChannel[])];
}

/** Repeated `--ticker A --ticker B,C` → `[A, B, C]`. */
export function collectTickers(text: string, previous: string[] = []): string[] {
  const tickers = text.split(',').map((ticker) => ticker.trim());
  if (tickers.some((ticker) => ticker === '')) throw new InvalidArgumentError(`expected market tickers separated by commas, got "${echoed(text, 60)}".`);
  return [...new Set([...previous, ...tickers])];
}

function fillRate(text: string): number {
  const rate = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(rate > 0) || rate > 100) {
    throw new InvalidArgumentError(`expected a number of fills per second above 0 and at most 100, got "${echoed(text, 60)}".`);
  }
  return rate;
}

export function watchCommand(io: Io): Command {
  return new Command('watch')
    .description('follow the account live: fills, position changes and order updates as they arrive, one line each')
    .addOption(
      new Option('--channels <list>', `comma-separated channels to follow: ${CHANNELS.join(', ')} (default: ${DEFAULT_CHANNELS.join(',')})`).argParser(
        parseChannels,
      ),
    )
    .addOption(new Option('--ticker <market>', 'only this market; repeat it or separate tickers with commas for several').argParser(collectTickers))
    .addOption(new Option('--json', 'print every event, status events included, as one JSON object a line (NDJSON)'))
    .addOption(new Option('--db [file-or-url]', 'also append every fill to the ledger that sync writes (its default file, or this SQLite file or postgres:// URL)'))
    .addOption(
      new Option('--fake-fills-per-second <n>', 'with --fake: how often the fake account trades').argParser(fillRate).default(DEFAULT_FAKE_RATE),
    )
    .addOption(new Option('--fake-stream-drop-ms <ms>', 'with --fake: end each stream connection this long after it opened').argParser(positiveInteger).hideHelp())
    .addHelpText(
      'after',
      `
Each line starts with the time it arrived (UTC, HH:MM:SS.mmm), then what happened:
  12:03:04.123  FILL      KXHIGHNY-26NOV28-B45.5  YES 10.00 @ $0.42  fee $0.18  (live)
  12:03:04.125  POSITION  KXHIGHNY-26NOV28-B45.5  10.00 YES  realized $0.00  fees $0.18  (live)
  12:03:04.126  ORDER     KXHIGHNY-26NOV28-B45.5  executed  YES 10.00/10.00 @ $0.42
  12:03:09.870  GROUP     <order group id>  triggered
FILL is a fill: its direction, contracts, the price of one contract of that side, and its fee.
The direction is the way the position moved (Kalshi's outcome_side): YES = bought YES or sold NO,
NO = bought NO or sold YES; Kalshi's deprecated action and side (what was clicked) follow as
"(legacy: sell yes)" when it sends them. POSITION is the position after a change (flat when none
is left; realized P&L and fees paid in the market); ORDER an order's status, direction and
contracts filled of those ordered. (live) came over the WebSocket; (catch-up) was read over REST
after a (re)connect to fill the gap, so none is lost or doubled.
Status lines go to stderr: "connected", "caught up: 3 fills, 0 positions", and
"reconnecting (attempt 2 in 0.8 s): <reason>" when the connection drops (it reconnects by itself).

--json prints each event exactly as the SDK's client.stream() yields it, status events included,
one line each, written as it arrives.

It runs until Ctrl-C (exit 130) or SIGTERM (exit 143). With --fake the fake account keeps trading
in the background (--fake-fills-per-second, default ${DEFAULT_FAKE_RATE}), so there is something to watch.`,
    )
    .action(async (options: WatchOptions, command: Command) => {
      const streamOptions: StreamOptions = {
        ...(options.channels ? { channels: options.channels } : {}),
        ...(options.ticker?.length ? { marketTickers: options.ticker } : {}),
        signal: io.signal,
      };
      const statusColors = colorsFor(io.stderr, io.env);
      const lines = lineFormatter(io.colors, statusColors);
      return withConnection(
        command,
        io,
        async ({ client }) => {
          if (!options.json && io.stderr.isTTY) io.stderr.write(`${statusColors.dim(watching(options))}\n`);
          if (options.db === undefined) return follow(client);
          return withLedger(ledgerLocation(command, options.db === true ? undefined : options.db), (ledger) => follow(client, ledger));
        },
        { fillsPerSecond: options.fakeFillsPerSecond, ...(options.fakeStreamDropMs ? { streamDropEveryMs: options.fakeStreamDropMs } : {}) },
      );

      async function follow(client: KalshiClient, ledger?: Ledger): Promise<void> {
          const stream = client.stream(streamOptions);
          try {
            for await (const event of stream) {
              // The stream hands over what it had queued before it rejects: after Ctrl-C, print none of it.
              io.signal.throwIfAborted();
              // Written before it is shown: a fill on screen is in the ledger.
              if (ledger && event.type === 'fill') await ledger.appendStreamFill(event.data);
              const now = Date.now();
              if (options.json) await print(io, jsonLine(event));
              else if (event.type === 'status') io.stderr.write(lines.status(event, now));
              else await print(io, lines.event(event, now));
            }
          } finally {
            await stream.close();
          }
      }
    });
}

/** The first line on a terminal: what is watched, and how to stop. */
function watching(options: WatchOptions): string {
  const channels = (options.channels ?? DEFAULT_CHANNELS).join(', ');
  const markets = options.ticker?.length ? options.ticker.join(', ') : 'every market';
  return `watching ${channels} for ${markets}; Ctrl-C to stop`;
}
