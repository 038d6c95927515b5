/**
 * `order place|cancel|amend|decrease|cancel-all`: Kalshi's v2 order writes with the SDK's guard
 * rails as flags. Writes go to demo unless --live; --live on a terminal shows the order and asks
 * for its ticker typed back (--yes skips that, for scripts; without a terminal --yes is required).
 */
import { createInterface } from 'node:readline/promises';
import { Command, Option } from 'commander';
import { type OrderDesk, type OrderGuards, orderDeskFor } from '../../index.js';
import { type GlobalOptions, connect } from '../connect.js';
import { type Io, print, printJson, warn } from '../context.js';
import { UsageError } from '../exit-status.js';
import { jsonOption } from '../options.js';
import { printable } from '../terminal.js';

interface WriteOptions {
  live?: boolean;
  yes?: boolean;
  json?: boolean;
}

const TIME_IN_FORCE = { gtc: 'good_till_canceled', ioc: 'immediate_or_cancel', fok: 'fill_or_kill' } as const;

/** The options every order write takes. */
function writeCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .option('--live', 'send to production (real money); without it orders go to demo')
    .option('--yes', 'do not ask for confirmation with --live (for scripts)')
    .addOption(jsonOption());
}

/**
 * The connection for a write: --fake as given, else demo unless --live. With --live a person at
 * a terminal confirms by typing the ticker; anything else needs --yes.
 */
async function withWriteConnection<T>(command: Command, io: Io, summary: { what: string; ticker: string | undefined }, body: (desk: OrderDesk) => Promise<T>): Promise<T> {
  const globals = command.optsWithGlobals<GlobalOptions & WriteOptions>();
  const live = globals.live === true && !globals.fake;
  if (globals.live && globals.fake) throw new UsageError('--live and --fake do not go together');
  const dryRun = (globals as { dryRun?: boolean }).dryRun === true;
  if (live && !globals.yes && !dryRun) await confirm(io, summary);
  const keyFileFrom = command.getOptionValueSourceWithGlobals('keyFile') === 'env' ? 'KALSHI_PRIVATE_KEY_PATH' : '--key-file';
  // Demo unless --live, whatever --env or KALSHI_ENV say: a write to real money is asked for by name.
  const connection = await connect({ ...globals, env: live ? 'production' : 'demo', keyFileFrom }, (line) => warn(io, line));
  try {
    io.signal.throwIfAborted();
    // A dry run shows the body that would be sent; the CLI's client signs only what it sends.
    const showOnly = async (body: Record<string, unknown>) => ({ dryRun: true as const, method: 'POST', url: `${connection.client.baseUrl}/portfolio/events/orders`, headers: {}, body: JSON.stringify(body) });
    return await body(orderDeskFor(connection.client, { guards: guardsFrom(globals as GuardFlags) }, showOnly));
  } finally {
    await connection.close();
  }
}

async function confirm(io: Io, summary: { what: string; ticker: string | undefined }): Promise<void> {
  if (!process.stdin.isTTY || !io.stderr.isTTY) {
    throw new UsageError('--live without a terminal needs --yes (a real-money write is never sent unconfirmed)');
  }
  io.stderr.write(`LIVE (real money): ${printable(summary.what)}\n`);
  const expected = summary.ticker ?? 'cancel-all';
  const prompt = createInterface({ input: process.stdin, output: io.stderr });
  try {
    const typed = await prompt.question(`Type ${summary.ticker ? 'the ticker' : '"cancel-all"'} to send it: `, { signal: io.signal });
    if (typed.trim() !== expected) throw new UsageError(`not confirmed (expected ${printable(expected)}): nothing was sent`);
  } finally {
    prompt.close();
  }
}

interface GuardFlags {
  maxContracts?: string;
  maxCost?: string;
}

function guardsFrom(flags: GuardFlags): OrderGuards {
  return {
    ...(flags.maxContracts !== undefined ? { maxContracts: flags.maxContracts } : {}),
    ...(flags.maxCost !== undefined ? { maxCostDollars: flags.maxCost } : {}),
  };
}

function orderLine(io: Io, fields: Array<[string, string | undefined]>): Promise<void> {
  const text = fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${printable(v)}`).join('\n');
  return print(io, `${text}\n`);
}

function placeCommand(io: Io): Command {
  return writeCommand('place', 'place an order: --side bid (YES direction: buy YES / sell NO) or ask (NO direction: sell YES / buy NO), price in YES dollars')
    .requiredOption('--ticker <ticker>', 'market ticker')
    .addOption(new Option('--side <side>', 'bid (YES direction) or ask (NO direction)').choices(['bid', 'ask']).makeOptionMandatory())
    .requiredOption('--price <dollars>', 'YES price in dollars, e.g. 0.56 ("sell YES at 60¢" and "buy NO at 40¢" are both --side ask --price 0.60)')
    .requiredOption('--count <contracts>', 'contracts')
    .addOption(new Option('--tif <tif>', 'time in force').choices(Object.keys(TIME_IN_FORCE)).default('gtc'))
    .option('--post-only', 'refuse rather than trade at once')
    .option('--reduce-only', 'only shrink the position held (sent immediate-or-cancel)')
    .option('--client-order-id <id>', 'your id for the order (default: a new UUID, kept across retries)')
    .option('--max-contracts <n>', 'refuse an order for more contracts than this')
    .option('--max-cost <dollars>', 'refuse an order that may cost more than this (contracts at the limit price plus the most fees)')
    .option('--dry-run', 'check everything and show the order, but send nothing')
    .action(async (options: { ticker: string; side: 'bid' | 'ask'; price: string; count: string; tif: keyof typeof TIME_IN_FORCE; postOnly?: boolean; reduceOnly?: boolean; clientOrderId?: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      const input = {
        ticker: options.ticker,
        side: options.side,
        price: options.price,
        count: options.count,
        ...(options.reduceOnly ? { reduceOnly: true, timeInForce: options.tif === 'gtc' ? undefined : TIME_IN_FORCE[options.tif] } : { timeInForce: TIME_IN_FORCE[options.tif] }),
        ...(options.postOnly ? { postOnly: true } : {}),
        ...(options.clientOrderId ? { clientOrderId: options.clientOrderId } : {}),
      };
      const what = `${options.side} ${options.count} ${options.ticker} at ${options.price} (YES price)`;
      await withWriteConnection(command, io, { what, ticker: options.ticker }, async (desk) => {
        if (options.dryRun) {
          const dry = await desk.place(input, { dryRun: true });
          return options.json ? printJson(io, { dry_run: true, url: dry.url, body: JSON.parse(dry.body) }) : print(io, `dry run, nothing sent: POST ${printable(dry.url)} ${printable(dry.body)}\n`);
        }
        const placed = await desk.place(input);
        const { order } = await desk.client.getOrder({ order_id: placed.orderId }, { signal: io.signal });
        const result = { order_id: placed.orderId, client_order_id: placed.clientOrderId, status: order.status, filled: placed.filled, resting: order.remaining_count_fp, average_fill_price: placed.averageFillPrice, recovered_after_lost_answer: placed.recovered };
        if (options.json) return printJson(io, result);
        return orderLine(io, [['order', result.order_id], ['client order id', result.client_order_id], ['status', result.status], ['filled', result.filled], ['resting', result.resting], ['average fill price', result.average_fill_price]]);
      });
    });
}

function cancelCommand(io: Io): Command {
  return writeCommand('cancel', 'cancel a resting order')
    .argument('<order-id>', 'the order to cancel')
    .option('--ticker <ticker>', "the order's market (lets Kalshi find its shard)")
    .action(async (orderId: string, options: { ticker?: string; json?: boolean }, command: Command) =>
      withWriteConnection(command, io, { what: `cancel order ${orderId}`, ticker: options.ticker ?? orderId }, async (desk) => {
        const done = await desk.cancel(orderId, options.ticker ? { ticker: options.ticker } : {});
        if (options.json) return printJson(io, done);
        return orderLine(io, [['order', done.orderId], ['status', 'canceled'], ['cancelled', done.reducedBy], ['checked by reading the order', done.checkedByRead ? 'yes' : undefined]]);
      }),
    );
}

function amendCommand(io: Io): Command {
  return writeCommand('amend', "change a resting order's price or size (count = filled + wanted resting; a new price or a larger size loses queue priority)")
    .argument('<order-id>', 'the order to amend')
    .requiredOption('--ticker <ticker>', "the order's market")
    .addOption(new Option('--side <side>', "the order's side").choices(['bid', 'ask']).makeOptionMandatory())
    .requiredOption('--price <dollars>', 'new YES price')
    .requiredOption('--count <contracts>', 'new total count (filled + resting)')
    .option('--max-contracts <n>', 'refuse a count above this')
    .option('--max-cost <dollars>', 'refuse an order that may cost more than this')
    .action(async (orderId: string, options: { ticker: string; side: 'bid' | 'ask'; price: string; count: string; json?: boolean }, command: Command) =>
      withWriteConnection(command, io, { what: `amend order ${orderId} to ${options.side} ${options.count} at ${options.price}`, ticker: options.ticker }, async (desk) => {
        const done = await desk.amend(orderId, { ticker: options.ticker, side: options.side, price: options.price, count: options.count });
        if (options.json) return printJson(io, done);
        return orderLine(io, [['order', done.orderId], ['filled by the amend', done.filled], ['resting', done.remaining]]);
      }),
    );
}

function decreaseCommand(io: Io): Command {
  return writeCommand('decrease', 'shrink a resting order, keeping its place in the queue')
    .argument('<order-id>', 'the order to decrease')
    .option('--by <contracts>', 'contracts to take off')
    .option('--to <contracts>', 'contracts to leave resting')
    .option('--ticker <ticker>', "the order's market")
    .action(async (orderId: string, options: { by?: string; to?: string; ticker?: string; json?: boolean }, command: Command) => {
      if ((options.by === undefined) === (options.to === undefined)) throw new UsageError('give exactly one of --by and --to');
      const change = options.by !== undefined ? { by: options.by } : { to: options.to! };
      await withWriteConnection(command, io, { what: `decrease order ${orderId} ${options.by ? `by ${options.by}` : `to ${options.to}`}`, ticker: options.ticker ?? orderId }, async (desk) => {
        const done = await desk.decrease(orderId, change, options.ticker ? { ticker: options.ticker } : {});
        if (options.json) return printJson(io, done);
        return orderLine(io, [['order', done.orderId], ['resting', done.remaining]]);
      });
    });
}

function cancelAllCommand(io: Io): Command {
  return writeCommand('cancel-all', 'cancel every resting order (of one subaccount with --subaccount)')
    .option('--subaccount <n>', 'only this subaccount (0 = primary)')
    .action(async (options: { subaccount?: string; json?: boolean }, command: Command) => {
      const subaccount = options.subaccount === undefined ? undefined : Number(options.subaccount);
      if (subaccount !== undefined && !(Number.isInteger(subaccount) && subaccount >= 0 && subaccount <= 63)) throw new UsageError('--subaccount takes 0 to 63');
      await withWriteConnection(command, io, { what: `cancel every resting order${subaccount === undefined ? '' : ` of subaccount ${subaccount}`}`, ticker: undefined }, async (desk) => {
        await desk.cancelAll(subaccount === undefined ? {} : { subaccount });
        if (options.json) return printJson(io, { cancelled: 'all resting' });
        return print(io, 'every resting order cancelled\n');
      });
    });
}

export function orderCommand(io: Io): Command {
  const order = new Command('order').description('place, change and cancel orders (demo unless --live)');
  for (const make of [placeCommand, cancelCommand, amendCommand, decreaseCommand, cancelAllCommand]) order.addCommand(make(io));
  return order;
}
