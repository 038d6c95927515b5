import { Command, Option } from 'commander';
import type { KalshiClient } from '../../index.js';
import { type Io, print, printJson, withConnection } from '../context.js';
import { type Window, jsonOption, positiveInteger, sinceOption, subaccountOption, subaccountQuery, tickerOption, untilOption, windowQuery } from '../options.js';

interface LatestOptions extends Window {
  limit: number;
  ticker?: string;
  subaccount?: number;
  json?: boolean;
}

/** The query every "latest N" list sends: the time window, the ticker, and a page no bigger than needed. */
export interface LatestQuery {
  min_ts?: number;
  max_ts?: number;
  ticker?: string;
  subaccount?: number;
  limit: number;
}

/**
 * A command that shows the newest N items of a list (fills, settlements): the same flags, the
 * same early stop after N, its own source and table. `--json` prints `{ "<noun>": [...] }`, the
 * items as Kalshi sent them under the name Kalshi's own response gives the list.
 */
export function latestCommand<T>(
  io: Io,
  spec: {
    name: string;
    description: string;
    noun: string;
    items: (client: KalshiClient, query: LatestQuery, signal: AbortSignal) => AsyncIterable<T>;
    render: (items: T[], io: Io) => string;
  },
): Command {
  return new Command(spec.name)
    .description(spec.description)
    .addOption(new Option('-n, --limit <n>', `how many ${spec.noun} to show`).argParser(positiveInteger).default(20))
    .addOption(tickerOption())
    .addOption(subaccountOption('every subaccount'))
    .addOption(sinceOption())
    .addOption(untilOption())
    .addOption(jsonOption())
    .action(async (options: LatestOptions, command: Command) => {
      const window = windowQuery(options);
      return withConnection(command, io, async ({ client }) => {
        const query: LatestQuery = {
          ...window,
          ...(options.ticker ? { ticker: options.ticker } : {}),
          ...subaccountQuery(options.subaccount),
          limit: Math.min(options.limit, 1000),
        };
        const items: T[] = [];
        for await (const item of spec.items(client, query, io.signal)) {
          items.push(item);
          if (items.length >= options.limit) break;
        }
        if (options.json) return printJson(io, { [spec.noun]: items });
        await print(io, spec.render(items, io));
      });
    });
}
