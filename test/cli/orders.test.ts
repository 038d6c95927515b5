/**
 * `orders` against the fake (in the test's process, or the CLI's own with --fake where ages at the
 * fake's clock are checked), checked against its dataset: every order under the event the dataset's market belongs to, with its price, counts,
 * queue position and age worked out here independently.
 */
import { describe, expect, it } from 'vitest';
import { directionOf, formatCount, formatDollars, KalshiInputError, parseCount, parseDollars } from '../../src/index.js';
import type { FakeDataset } from '../../src/testing/index.js';
import { FAKE_ARGS as FAKE, fakeDataLikeCli, run } from '../support/cli.js';

const fixture = fakeDataLikeCli();

type Order = FakeDataset['orders'][number];

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const shownCount = (fp: string) => grouped(formatCount(parseCount(fp)));
/** The effective direction (outcome_side ≡ book_side), never the legacy action: '?' for a pair Kalshi never sends. */
function shownDirection(o: Order): string {
  try {
    return directionOf(o) === 'yes' ? 'YES' : 'NO';
  } catch (error) {
    if (error instanceof KalshiInputError) return '?';
    throw error;
  }
}
/** The price of one contract of the side the order moves toward, as the column shows it (its decimals padded to the column's). */
const shownPrice = (o: Order) =>
  shownDirection(o) === '?' ? '' : `$${formatDollars(parseDollars(shownDirection(o) === 'YES' ? o.yes_price_dollars : o.no_price_dollars))}`;
/** The warning line for orders whose direction cannot be told, or ''. */
const directionWarning = (orders: Order[]) => {
  const unknown = orders.filter((o) => shownDirection(o) === '?').length;
  return unknown === 0 ? '' : `kalshi-portfolio: warning: ${unknown} orders carry an outcome_side and a book_side that Kalshi never pairs (it pairs yes with bid, no with ask): their direction is shown as ? (or left empty in exports)\n`;
};
const eventOf = (ticker: string) => fixture.data.markets.find((m) => m.ticker === ticker)?.event_ticker;
const liveWith = (status: string) => fixture.data.liveOrders.filter((o) => o.status === status);

/** `3d 04h`, `5h 07m`, `12m 30s`, `42s`: the age at the fake's "now". */
function expectedAge(created: string): string {
  const s = Math.max(0, Math.floor((fixture.data.now - Date.parse(created)) / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s >= 86_400) return `${Math.floor(s / 86_400)}d ${two(Math.floor((s % 86_400) / 3600))}h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${two(Math.floor((s % 3600) / 60))}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${two(s % 60)}s`;
  return `${s}s`;
}

interface Shown {
  event: string;
  cells: string[];
}

/** The order rows of the table, each with the event heading above it, cells split on the column gaps. */
function rowsOf(stdout: string): Shown[] {
  const lines = stdout.trimEnd().split('\n');
  const rows: Shown[] = [];
  let event = '';
  for (const line of lines.slice(1, -1)) {
    if (!line.startsWith(' ')) event = line;
    else if (!line.startsWith('  event total')) rows.push({ event, cells: line.trim().split(/ {2,}/) });
  }
  return rows;
}

/** The orders as the CLI should show them: grouped by event, events in order of first appearance. */
function inEventOrder(orders: Order[]): Array<{ event: string; order: Order }> {
  const groups = new Map<string, Order[]>();
  for (const order of orders) {
    const event = eventOf(order.ticker)!;
    groups.set(event, [...(groups.get(event) ?? []), order]);
  }
  // Within an event, market by market (stable: newest first within a market).
  const byMarket = (a: Order, b: Order) => (a.ticker < b.ticker ? -1 : a.ticker > b.ticker ? 1 : 0);
  return [...groups].flatMap(([event, members]) => [...members].sort(byMarket).map((order) => ({ event, order })));
}

const utcOf = (time: string) => new Date(Date.parse(time)).toISOString().slice(0, 19).replace('T', ' ');

describe.concurrent('orders', () => {
  it('lists every resting order under its event, with price, remaining, filled, queue position, age and time', async () => {
    const { code, stdout, stderr } = await run(['orders', ...FAKE]); // --fake: ages are at the fake's clock
    const resting = liveWith('resting');
    expect(stderr).toBe(directionWarning(resting));
    expect(code).toBe(0);
    expect(resting.length).toBeGreaterThan(3);
    // Resting orders of several subaccounts, so queue positions take one request per subaccount.
    expect(new Set(resting.map((o) => o.subaccount_number)).size).toBeGreaterThan(1);
    const queue = new Map(fixture.data.queuePositions.map((q) => [q.order_id, q.queue_position_fp]));
    const subaccounts = new Set(resting.map((o) => o.subaccount_number ?? null)).size > 1;
    const legacy = resting.some((o) => o.side !== undefined && o.action !== undefined);
    expect(stdout.split('\n')[0]).toMatch(
      new RegExp(`^EVENT / MARKET +${subaccounts ? 'SUB +' : ''}DIR +PRICE +REMAINING +FILLED +QUEUE +AGE +CREATED \\(UTC\\)${legacy ? ' +LEGACY' : ''}$`),
    );
    const want = inEventOrder(resting);
    const rows = rowsOf(stdout);
    expect(rows).toHaveLength(want.length);
    rows.forEach((row, i) => {
      const { event, order } = want[i]!;
      expect(row.event).toBe(event);
      const cells = [...row.cells];
      // A price column pads its amounts to the same decimals: compare the value.
      const price = shownPrice(order) === '' ? undefined : cells.splice(subaccounts ? 3 : 2, 1)[0];
      if (price !== undefined) expect(parseDollars(price.replace('$', ''))).toBe(parseDollars(shownPrice(order).replace('$', '')));
      expect(cells).toEqual([
        order.ticker,
        ...(subaccounts ? [String(order.subaccount_number)] : []),
        shownDirection(order),
        shownCount(order.remaining_count_fp),
        shownCount(order.fill_count_fp),
        shownCount(queue.get(order.order_id)!),
        expectedAge(order.created_time!),
        utcOf(order.created_time!),
        ...(legacy && order.side !== undefined && order.action !== undefined ? [`${order.action} ${order.side}`] : []),
      ]);
    });
    const events = new Set(want.map((w) => w.event));
    const remaining = resting.reduce((t, o) => t + parseCount(o.remaining_count_fp), 0n);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      `Total: ${resting.length} resting orders in ${events.size} events, ${grouped(formatCount(remaining))} contracts remaining`,
    );
    // An event with several orders gets its own total line.
    const multi = [...events].filter((e) => want.filter((w) => w.event === e).length > 1);
    expect(stdout.match(/^ {2}event total/gm)?.length ?? 0).toBe(multi.length);
    expect(stdout).not.toContain('(event not confirmed by Kalshi)');
  });

  it('asks for queue positions once per subaccount with resting orders, never once per order', async () => {
    const { code, stderr } = await run(['orders', '--debug', ...fixture.args]);
    expect(code).toBe(0);
    const resting = liveWith('resting');
    const subaccounts = new Set(resting.map((o) => o.subaccount_number ?? 0));
    const queueCalls = stderr.match(/debug: GET \S+\/portfolio\/orders\/queue_positions\?/g) ?? [];
    expect(queueCalls).toHaveLength(subaccounts.size);
    expect(stderr).not.toMatch(/\/queue_position\b(?!s)/);
    // Events are confirmed with one look-up per event.
    const lookups = stderr.match(/debug: GET \S+\/portfolio\/orders\?\S*event_ticker=/g) ?? [];
    expect(lookups).toHaveLength(new Set(resting.map((o) => eventOf(o.ticker))).size);
  });

  it('--status executed and --status canceled: the live ones of that status, without a queue column', async () => {
    for (const status of ['executed', 'canceled'] as const) {
      const { code, stdout } = await run(['orders', '--status', status, ...fixture.args]);
      expect(code).toBe(0);
      const orders = liveWith(status);
      expect(orders.length).toBeGreaterThan(0);
      expect(stdout.split('\n')[0]).toMatch(/^EVENT \/ MARKET +(SUB +)?DIR +PRICE +REMAINING +FILLED +AGE +CREATED \(UTC\)( +LEGACY)?$/);
      const want = inEventOrder(orders);
      const rows = rowsOf(stdout);
      const dir = stdout.split('\n')[0]!.includes(' SUB ') ? 2 : 1;
      // DIR, then PRICE (empty, so no cell of its own, when the direction is unknown), REMAINING, FILLED.
      const filledOf = (cells: string[]) => cells[dir + (cells[dir] === '?' ? 2 : 3)];
      expect(rows.map((r) => [r.event, r.cells[0], r.cells[dir], filledOf(r.cells)])).toEqual(
        want.map((w) => [w.event, w.order.ticker, shownDirection(w.order), shownCount(w.order.fill_count_fp)]),
      );
      expect(stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^Total: ${grouped(String(orders.length))} ${status} orders? in `));
    }
  });

  it('--ticker: only that market\'s orders; --json prints the orders and their queue positions as Kalshi sent them', async () => {
    const resting = liveWith('resting');
    const ticker = resting[resting.length - 1]!.ticker;
    const mine = resting.filter((o) => o.ticker === ticker);
    const text = await run(['orders', '--ticker', ticker, ...fixture.args]);
    expect(text.code).toBe(0);
    const rows = rowsOf(text.stdout);
    expect(rows).toHaveLength(mine.length);
    for (const row of rows) expect(row).toMatchObject({ event: eventOf(ticker), cells: expect.arrayContaining([ticker]) });

    const json = await run(['orders', '--ticker', ticker, '--json', ...fixture.args]);
    expect(json.code).toBe(0);
    const ids = new Set(mine.map((o) => o.order_id));
    expect(JSON.parse(json.stdout)).toEqual({
      orders: mine,
      queue_positions: expect.arrayContaining(fixture.data.queuePositions.filter((q) => ids.has(q.order_id))),
    });
    expect(JSON.parse(json.stdout).queue_positions).toHaveLength(mine.length);
  });

  it('--json without filters: every resting order, every queue position of them', async () => {
    const { code, stdout } = await run(['orders', '--json', ...fixture.args]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { orders: Order[]; queue_positions: Array<{ order_id: string }> };
    const resting = liveWith('resting');
    expect(parsed.orders).toEqual(resting);
    const byId = (a: { order_id: string }, b: { order_id: string }) => (a.order_id < b.order_id ? -1 : 1);
    expect([...parsed.queue_positions].sort(byId)).toEqual([...fixture.data.queuePositions].sort(byId));
  });

  it('no orders: says so', async () => {
    const { code, stdout } = await run(['orders', '--ticker', 'KXNOSUCH-26JAN01-X1', ...fixture.args]);
    expect(code).toBe(0);
    expect(stdout).toBe('No resting orders.\n');
  });

  it('--status takes only resting, canceled or executed', async () => {
    const { code, stderr } = await run(['orders', '--status', 'open', ...fixture.args]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--status <status>' argument 'open' is invalid. Allowed choices are resting, canceled, executed/);
  });
});
