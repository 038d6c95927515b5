/**
 * The CLI against a server that answers badly on purpose (a plain node:http server on 127.0.0.1,
 * reached with --base-url): malformed amounts are the server's fault (exit 1, the field named),
 * and nothing it says can drive the terminal or flood it.
 */
import { writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fill, GetBalanceResponse, Order, Settlement } from '../../src/index.js';
import { startFakeKalshi } from '../../src/testing/index.js';
import { assertBuilt, run, tempDir } from '../support/cli.js';
import { rsaKeys } from '../support/keys.js';

interface Answer {
  status: number;
  body: unknown;
}

/** Answers each path (below /trade-api/v2) with its fixed answer; anything else is a 404. */
async function hostileServer(routes: Record<string, Answer>): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/trade-api\/v2/, '');
    const answer = routes[path] ?? { status: 404, body: { error: { code: 'not_found', message: 'not found' } } };
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/trade-api/v2`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let keys: ReturnType<typeof tempDir>;
let keyFile: string;
/** Real-looking answers (from the fake's data), to be spoiled one field at a time. */
let balance: GetBalanceResponse;
let settlement: Settlement;
let aFill: Fill;
let anOrder: Order;

beforeAll(async () => {
  assertBuilt();
  keys = tempDir();
  keyFile = join(keys.path, 'kalshi.key');
  writeFileSync(keyFile, rsaKeys().pkcs1, { mode: 0o600 });
  const fake = await startFakeKalshi({ seed: 4 });
  balance = fake.data.balance;
  settlement = fake.data.settlements[0]!.settlement;
  aFill = fake.data.fills[0]!;
  anOrder = fake.data.liveOrders.find((o) => o.status === 'resting')!;
  await fake.close();
});
afterAll(() => keys?.remove());

/** Runs the CLI against a server that gives these answers. */
async function against(routes: Record<string, Answer>, args: string[]) {
  const server = await hostileServer(routes);
  try {
    return await run([...args, '--key-id', 'test-key-id', '--key-file', keyFile, '--base-url', server.baseUrl]);
  } finally {
    await server.close();
  }
}

const settlementsAnswer = (...settlements: Settlement[]): Record<string, Answer> => ({
  '/portfolio/settlements': { status: 200, body: { settlements, cursor: '' } },
});

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe.concurrent('a malformed amount from the server is an API-data error (exit 1), not a usage error', () => {
  it('balance: names the field and quotes the value', async () => {
    const { code, stdout, stderr } = await against({ '/portfolio/balance': { status: 200, body: { ...balance, balance_dollars: '12.3x' } } }, ['balance']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^kalshi-portfolio: the server sent a malformed amount in balance_dollars: .*"12\.3x"/);
  });

  it('settlements: a cost in exponent notation, and revenue that is not whole cents', async () => {
    const cost = await against(settlementsAnswer({ ...settlement, yes_total_cost_dollars: '1e3' }), ['settlements']);
    expect(cost.code).toBe(1);
    expect(cost.stderr).toMatch(/malformed amount in yes_total_cost_dollars: .*"1e3".*exponent notation/);
    const revenue = await against(settlementsAnswer({ ...settlement, revenue: 1.5 }), ['settlements']);
    expect(revenue.code).toBe(1);
    expect(revenue.stderr).toMatch(/malformed amount in revenue: .*1\.5/);
  });

  it('a megabyte of digits: fails at once, with a short message', async () => {
    const huge = `${'1'.repeat(1_000_000)}x`;
    const { code, stderr } = await against({ '/portfolio/balance': { status: 200, body: { ...balance, balance_dollars: huge } } }, ['balance']);
    expect(code).toBe(1);
    expect(stderr).toContain('malformed amount in balance_dollars');
    expect(stderr).toContain('(1000001 characters)');
    expect(stderr.length).toBeLessThan(600);
  });
});

describe.concurrent('what the server says cannot drive the terminal', () => {
  const hostile = 'KX\u001b[2J\rEVIL\u009b31m-26';

  it('a ticker and a result with escape sequences and a carriage return come out escaped in the table', async () => {
    const { code, stdout, stderr } = await against(settlementsAnswer({ ...settlement, ticker: hostile, market_result: 'yes\u001b]0;owned\u0007' as 'yes' }), [
      'settlements',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
    expect(stdout).toContain('KX\\x1b[2J\\x0dEVIL\\x9b31m-26');
    expect(stdout).toContain('yes\\x1b]0;owned\\x07');
  });

  it('--json keeps the value exact, with no raw control character', async () => {
    const { code, stdout } = await against(settlementsAnswer({ ...settlement, ticker: hostile }), ['settlements', '--json']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
    expect(JSON.parse(stdout).settlements[0].ticker).toBe(hostile);
  });

  it("an error message with escape sequences is escaped, and 100 kB of it is cut to a few hundred characters, --debug's too", async () => {
    const message = `\u001b[2J\rEVIL ${'A'.repeat(100_000)}`;
    for (const debug of [[], ['--debug']]) {
      const { code, stdout, stderr } = await against({ '/portfolio/balance': { status: 400, body: { error: { code: 'bad_request', message } } } }, [
        'balance',
        ...debug,
      ]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      const line = stderr.split('\n').find((l) => l.startsWith('kalshi-portfolio: GET '));
      expect(line).toMatch(/^kalshi-portfolio: GET \/trade-api\/v2\/portfolio\/balance failed with HTTP 400 \(bad_request\): \\x1b\[2J\\x0dEVIL A+…$/);
      expect(line!.length).toBeLessThan(450);
      expect(stderr).not.toMatch(CONTROL);
      expect(stderr.length).toBeLessThan(debug.length ? 5_000 : 500);
    }
  });

  it("an auth error's hint survives the cut of the server's message", async () => {
    const body = { error: { code: 'authentication_error', message: 'B'.repeat(100_000), details: 'INCORRECT_API_KEY_SIGNATURE' } };
    const { code, stderr } = await against({ '/portfolio/balance': { status: 401, body } }, ['balance']);
    expect(code).toBe(1);
    expect(stderr.length).toBeLessThan(700);
    expect(stderr).toMatch(/\(authentication_error \/ INCORRECT_API_KEY_SIGNATURE\): B+… — the signature did not verify/);
  });
});

/**
 * Kalshi's four ways to trade, as its "Order direction" table writes them: the deprecated
 * action/side say what was clicked, outcome_side/book_side (one bit) the way the position moves.
 */
const KALSHI_DIRECTIONS = [
  { action: 'buy', side: 'yes', outcome_side: 'yes', book_side: 'bid', shown: 'YES' },
  { action: 'sell', side: 'no', outcome_side: 'yes', book_side: 'bid', shown: 'YES' },
  { action: 'buy', side: 'no', outcome_side: 'no', book_side: 'ask', shown: 'NO' },
  { action: 'sell', side: 'yes', outcome_side: 'no', book_side: 'ask', shown: 'NO' },
] as const;

describe.concurrent('fills and orders show the effective direction, never one read from the legacy side/action', () => {
  const tableRows = (stdout: string) => stdout.trimEnd().split('\n').slice(1, -1).map((line) => line.trim().split(/ {2,}/));

  it('fills: DIR from outcome_side/book_side, the price of that side, the legacy action in its own labelled column, SUB when subaccounts mix', async () => {
    const fills = KALSHI_DIRECTIONS.map(({ shown: _shown, ...direction }, i) => ({
      ...aFill, ...direction, fill_id: `f-${i}`, trade_id: `f-${i}`, ticker: `KXDIR-${i}`, market_ticker: `KXDIR-${i}`,
      yes_price_dollars: '0.9400', no_price_dollars: '0.0600', subaccount_number: i % 2,
    }));
    // One fill as newer answers may send it: no legacy fields at all.
    const { side: _side, action: _action, ...modern } = { ...fills[3]!, fill_id: 'f-4', trade_id: 'f-4', ticker: 'KXDIR-4', market_ticker: 'KXDIR-4' };
    const routes = { '/portfolio/fills': { status: 200, body: { fills: [...fills, modern], cursor: '' } }, '/historical/fills': { status: 200, body: { fills: [], cursor: '' } } };
    const { code, stdout, stderr } = await against(routes, ['fills']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^TIME \(UTC\) +MARKET +SUB +DIR +CONTRACTS +PRICE +FEE +ROLE +LEGACY$/);
    const rows = tableRows(stdout);
    expect(rows.map((cells) => [cells[1], cells[2], cells[3], cells[5], cells[8]])).toEqual([
      ...KALSHI_DIRECTIONS.map((d, i) => [`KXDIR-${i}`, String(i % 2), d.shown, d.shown === 'YES' ? '$0.94' : '$0.06', `${d.action} ${d.side}`]),
      ['KXDIR-4', '1', 'NO', '$0.06', undefined],
    ]);
    // A sell-YES fill is a move toward NO: its row reads nowhere as "sell NO" (that is row 2's legacy action, a YES move).
    const sellYes = stdout.split('\n').find((line) => line.includes('KXDIR-3 '))!;
    expect(sellYes).not.toMatch(/sell no/i);
    expect(sellYes).toMatch(/ NO +[\d.]+ +\$0\.06 .* sell yes$/);
  });

  it('orders: the same, for resting orders', async () => {
    const orders = KALSHI_DIRECTIONS.map(({ shown: _shown, ...direction }, i) => ({
      ...anOrder, ...direction, order_id: `o-${i}`, ticker: 'KXDIR-26DEC-A', yes_price_dollars: '0.9400', no_price_dollars: '0.0600', subaccount_number: 0,
    }));
    const routes = {
      '/portfolio/orders': { status: 200, body: { orders, cursor: '' } },
      '/portfolio/orders/queue_positions': { status: 200, body: { queue_positions: [] } },
    };
    const { code, stdout, stderr } = await against(routes, ['orders']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^EVENT \/ MARKET +DIR +PRICE +REMAINING +FILLED +QUEUE +AGE +CREATED \(UTC\) +LEGACY$/);
    const rows = tableRows(stdout).filter((cells) => cells[0] === 'KXDIR-26DEC-A');
    expect(rows.map((cells) => [cells[1], cells[2], cells.at(-1)])).toEqual(
      KALSHI_DIRECTIONS.map((d) => [d.shown, d.shown === 'YES' ? '$0.94' : '$0.06', `${d.action} ${d.side}`]),
    );
  });

  it('a pair Kalshi never sends (yes with ask) is not guessed at: "?", no price, and a warning', async () => {
    const odd = { ...aFill, outcome_side: 'yes', book_side: 'ask' };
    const routes = { '/portfolio/fills': { status: 200, body: { fills: [odd], cursor: '' } }, '/historical/fills': { status: 200, body: { fills: [], cursor: '' } } };
    const { code, stdout, stderr } = await against(routes, ['fills']);
    expect(code).toBe(0);
    expect(tableRows(stdout)[0]![2]).toBe('?');
    expect(stderr).toMatch(/^kalshi-portfolio: warning: 1 fills carry an outcome_side and a book_side that Kalshi never pairs/);
  });
});

describe.concurrent('table cells are bounded', () => {
  it('a 100 kB ticker is cut to 80 characters with an ellipsis; the row stays one line', async () => {
    const ticker = `KX\u001b[31m${'Z'.repeat(100_000)}`;
    const { code, stdout } = await against(settlementsAnswer({ ...settlement, ticker }), ['settlements']);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
    const row = stdout.split('\n')[1]!;
    expect(row).toContain(`KX\\x1b[31m${'Z'.repeat(80 - 10)}…  `);
    expect(row.length).toBeLessThan(250);
  });
});
