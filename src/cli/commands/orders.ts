import { Command, Option } from 'commander';
import { KalshiApiError, type KalshiClient, type Order } from '../../index.js';
import { legacyAction, serverCount, serverDollars, shownDirection, unknownDirectionWarning } from '../amounts.js';
import { type Io, allOrNothing, print, printJson, warn, withConnection } from '../context.js';
import { type Column, type Row, age, contracts, dollars, mixesSubaccounts, plural, subaccountCell, table, utc } from '../format.js';
import { jsonOption, subaccountOption, subaccountQuery, tickerOption } from '../options.js';

const STATUSES = ['resting', 'canceled', 'executed'] as const;
type Status = (typeof STATUSES)[number];

/** The heading of the markets whose event Kalshi did not confirm. */
export const UNKNOWN_EVENT = '(event not confirmed by Kalshi)';

/** Market tickers per queue-position request, to keep its URL short. */
const TICKERS_PER_QUEUE_CALL = 100;
/** Event look-ups in flight at once. */
const EVENT_LOOKUPS = 4;

export const ORDERS_HELP = `
Orders come from GET /portfolio/orders, every subaccount unless --subaccount: resting orders however
old; canceled and executed ones only since Kalshi's historical cutoff (about 3 months; "export
orders" has them all).
  dir        the way the order moves the position (outcome_side): YES = buy YES or sell NO,
             NO = buy NO or sell YES
  price      what one contract of that side costs: yes_price_dollars for YES, no_price_dollars for NO
  remaining  remaining_count_fp; filled: fill_count_fp
  queue      resting orders only: contracts ahead of the order at its price (queue_position_fp),
             from GET /portfolio/orders/queue_positions (one request per subaccount with resting
             orders, up to ${TICKERS_PER_QUEUE_CALL} markets each)
  age        the time since created_time (with --fake, by the fake's clock)
  sub        the subaccount, shown when the orders come from more than one
  legacy     Kalshi's deprecated action and side (what was clicked), when it sends them; nothing
             is read from them
Orders carry their market, not their event, so the event is asked of Kalshi: for each market, the
event its ticker names (the ticker without its last dash-separated part, then shorter) is looked
up with GET /portfolio/orders?event_ticker=, and a market is grouped under an event only when
Kalshi lists the market's orders under it. Markets Kalshi does not confirm are listed under
"${UNKNOWN_EVENT}".
--json prints the orders and queue positions exactly as Kalshi sent them.`;

interface OrdersOptions {
  status: Status;
  ticker?: string;
  subaccount?: number;
  json?: boolean;
}

interface OrdersFilter {
  status: Status;
  ticker?: string;
  subaccount?: number;
}

interface QueuePosition {
  order_id: string;
  market_ticker: string;
  queue_position_fp: string;
}

export function ordersCommand(io: Io): Command {
  return new Command('orders')
    .description('your orders (default: the resting ones) grouped by event, with price, remaining contracts, queue position and age')
    .addOption(new Option('--status <status>', 'which orders').choices(STATUSES).default('resting'))
    .addOption(tickerOption())
    .addOption(subaccountOption('every subaccount'))
    .addOption(jsonOption())
    .addHelpText('after', ORDERS_HELP)
    .action(async (options: OrdersOptions, command: Command) =>
      withConnection(command, io, async ({ client, now }) => {
        const filter = { status: options.status, ...(options.ticker ? { ticker: options.ticker } : {}), ...subaccountQuery(options.subaccount) };
        const orders: Order[] = [];
        for await (const order of client.orders({ ...filter, limit: 1000 }, { signal: io.signal })) orders.push(order);
        const [queue, events] = await allOrNothing(io, (call) => [
          options.status === 'resting' ? queuePositions(client, orders, call) : Promise.resolve([]),
          options.json ? Promise.resolve(new Map<string, string>()) : eventsOf(client, orders, filter, call),
        ]);
        if (options.json) return printJson(io, { orders, queue_positions: queue });
        await print(io, render(orders, options.status, new Map(queue.map((q) => [q.order_id, q.queue_position_fp])), events, now, io));
      }),
    );
}

/**
 * Queue positions of the resting orders: Kalshi reports one subaccount per request (the primary
 * when none is named), so one request per subaccount that has resting orders, for their markets.
 */
async function queuePositions(client: KalshiClient, orders: Order[], call: { signal: AbortSignal }): Promise<QueuePosition[]> {
  const marketsBySubaccount = new Map<number, Set<string>>();
  for (const order of orders) {
    if (order.status !== 'resting') continue;
    const subaccount = order.subaccount_number ?? 0;
    marketsBySubaccount.set(subaccount, (marketsBySubaccount.get(subaccount) ?? new Set()).add(order.ticker));
  }
  const wanted = new Set(orders.map((o) => o.order_id));
  const all: QueuePosition[] = [];
  for (const [subaccount, markets] of marketsBySubaccount) {
    const tickers = [...markets];
    for (let i = 0; i < tickers.length; i += TICKERS_PER_QUEUE_CALL) {
      const market_tickers = tickers.slice(i, i + TICKERS_PER_QUEUE_CALL).join(',');
      const answer = await client.getOrderQueuePositions({ market_tickers, ...(subaccount !== 0 ? { subaccount } : {}) }, call);
      all.push(...answer.queue_positions.filter((q) => wanted.has(q.order_id)));
    }
  }
  return all;
}

/** The events a market ticker may belong to, most likely first: `A-B-C` → `A-B`, `A`. */
function candidateEvents(ticker: string): string[] {
  const parts = ticker.split('-');
  const candidates: string[] = [];
  for (let n = parts.length - 1; n >= 1; n--) candidates.push(parts.slice(0, n).join('-'));
  return candidates;
}

/**
 * The event of each market of `orders`, as Kalshi confirms it: a candidate event is asked for the
 * orders it holds (same filters), and every market among them is in that event. Markets no
 * candidate confirms are left out of the map.
 */
export async function eventsOf(
  client: KalshiClient,
  orders: Order[],
  filter: OrdersFilter,
  call: { signal: AbortSignal },
): Promise<Map<string, string>> {
  const events = new Map<string, string>();
  const open = new Set(orders.map((o) => o.ticker));
  const asked = new Set<string>();
  for (let round = 0; ; round++) {
    const candidates = new Set<string>();
    let more = false;
    for (const market of open) {
      const candidate = candidateEvents(market)[round];
      if (candidate === undefined) continue;
      more = true;
      if (!asked.has(candidate)) candidates.add(candidate);
    }
    if (!more) return events;
    const queue = [...candidates];
    for (const candidate of queue) asked.add(candidate);
    const worker = async () => {
      for (let event = queue.shift(); event !== undefined; event = queue.shift()) {
        for (const market of await marketsOfEvent(client, event, filter, call)) {
          if (open.delete(market)) events.set(market, event);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(EVENT_LOOKUPS, queue.length) }, worker));
  }
}

/** The markets of the orders Kalshi lists under `event`; none when it does not know the event. */
async function marketsOfEvent(
  client: KalshiClient,
  event: string,
  filter: OrdersFilter,
  call: { signal: AbortSignal },
): Promise<Set<string>> {
  const markets = new Set<string>();
  try {
    for await (const order of client.orders({ ...filter, event_ticker: event, limit: 1000 }, call)) markets.add(order.ticker);
  } catch (error) {
    // A candidate that is no event may be refused rather than answered with nothing.
    if (error instanceof KalshiApiError && (error.status === 400 || error.status === 404)) return markets;
    throw error;
  }
  return markets;
}

/** The price of one contract of the side the order moves the position toward ('' when that is unknown). */
function priceOf(order: Order, direction: string): string {
  if (direction === '?') return '';
  const field = direction === 'YES' ? 'yes_price_dollars' : 'no_price_dollars';
  return dollars(serverDollars(order[field], field));
}

function render(orders: Order[], status: Status, queue: Map<string, string>, events: Map<string, string>, nowMs: number, io: Io): string {
  const { colors } = io;
  if (orders.length === 0) return `No ${status} orders.\n`;
  const groups = new Map<string, Order[]>();
  for (const order of orders) {
    const event = events.get(order.ticker) ?? UNKNOWN_EVENT;
    groups.set(event, [...(groups.get(event) ?? []), order]);
  }
  // Confirmed events in order of first appearance, the unconfirmed markets last.
  const unknown = groups.get(UNKNOWN_EVENT);
  if (unknown) {
    groups.delete(UNKNOWN_EVENT);
    groups.set(UNKNOWN_EVENT, unknown);
  }
  const resting = status === 'resting';
  const withSubaccount = mixesSubaccounts(orders);
  const withLegacy = orders.some((order) => legacyAction(order) !== '');
  let unknownDirections = 0;
  let remaining = 0n;
  const rows: Row[] = [];
  for (const [event, unsorted] of groups) {
    rows.push({ kind: 'heading', text: event });
    // Market by market; within a market, Kalshi's order (newest first).
    const members = [...unsorted].sort((a, b) => (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0));
    let sub = 0n;
    for (const order of members) {
      const left = serverCount(order.remaining_count_fp, 'remaining_count_fp');
      sub += left;
      const place = queue.get(order.order_id);
      const direction = shownDirection(order);
      if (direction === '?') unknownDirections++;
      rows.push([
        `  ${order.ticker}`,
        ...(withSubaccount ? [subaccountCell(order)] : []),
        direction,
        priceOf(order, direction),
        contracts(left),
        contracts(serverCount(order.fill_count_fp, 'fill_count_fp')),
        ...(resting ? [place === undefined ? '' : contracts(serverCount(place, 'queue_position_fp'))] : []),
        age(order.created_time, nowMs),
        utc(order.created_time),
        ...(withLegacy ? [legacyAction(order)] : []),
      ]);
    }
    if (members.length > 1) {
      const before = ['  event total', ...(withSubaccount ? [''] : []), '', ''];
      rows.push({ kind: 'total', cells: [...before, contracts(sub)] });
    }
    remaining += sub;
  }
  const columns: Column[] = [
    { header: 'EVENT / MARKET' },
    ...(withSubaccount ? [{ header: 'SUB', align: 'right' as const }] : []),
    { header: 'DIR' },
    { header: 'PRICE', align: 'decimal' },
    { header: 'REMAINING', align: 'decimal' },
    { header: 'FILLED', align: 'decimal' },
    ...(resting ? [{ header: 'QUEUE', align: 'decimal' as const }] : []),
    { header: 'AGE', align: 'right' },
    { header: 'CREATED (UTC)' },
    ...(withLegacy ? [{ header: 'LEGACY' }] : []),
  ];
  const warning = unknownDirectionWarning(unknownDirections, 'orders');
  if (warning) warn(io, warning);
  const eventCount = groups.size - (unknown ? 1 : 0);
  const where = `${plural(eventCount, 'event')}${unknown ? ` (+ ${plural(new Set(unknown.map((o) => o.ticker)).size, 'market')} of unconfirmed event)` : ''}`;
  const total = `Total: ${plural(orders.length, `${status} order`)} in ${where}, ${contracts(remaining)} contracts remaining`;
  return `${table(columns, rows, colors)}${colors.bold(total)}\n`;
}
