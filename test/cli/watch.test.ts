/**
 * `watch`: its lines in process (money, escaping, status), then the built CLI against the fake,
 * which trades in the background with --fake: NDJSON, human lines, filters, Ctrl-C, SIGTERM, a
 * closed pipe, usage and auth errors.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTickers, parseChannels } from '../../src/cli/commands/watch.js';
import { colorsFor } from '../../src/cli/format.js';
import { printable } from '../../src/cli/terminal.js';
import { jsonLine, lineFormatter, statusText } from '../../src/cli/watch-format.js';
import type { MarketPosition, StreamEvent, StreamFill, StreamMarketPosition, StreamOrder } from '../../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { ANSI, CLI, assertBuilt, cleanEnv, run, tempDir } from '../support/cli.js';
import { type Watch, watch } from '../support/watch.js';

const plain = colorsFor({ isTTY: false }, {});
const AT = Date.parse('2026-11-28T12:03:04.123Z');

const fill: StreamFill = {
  trade_id: 't-1',
  order_id: 'o-1',
  market_ticker: 'KXHIGHNY-26NOV28-B45.5',
  is_taker: true,
  side: 'yes',
  yes_price_dollars: '0.4200',
  count_fp: '10.00',
  fee_cost: '0.180000',
  action: 'buy',
  ts: 1_795_867_384,
  ts_ms: 1_795_867_384_123,
  outcome_side: 'yes',
  book_side: 'bid',
};
const livePosition: StreamMarketPosition = {
  user_id: 'u',
  market_ticker: 'KXHIGHNY-26NOV28-B45.5',
  position_fp: '10.00',
  position_cost_dollars: '4.20',
  realized_pnl_dollars: '0.00',
  fees_paid_dollars: '0.18',
  position_fee_cost_dollars: '0.18',
  volume_fp: '10.00',
};
const order: StreamOrder = {
  order_id: 'o-1',
  user_id: 'u',
  ticker: 'KXHIGHNY-26NOV28-B45.5',
  status: 'executed',
  side: 'yes',
  is_yes: true,
  outcome_side: 'yes',
  book_side: 'bid',
  yes_price_dollars: '0.42',
  fill_count_fp: '10.00',
  remaining_count_fp: '0.00',
  initial_count_fp: '10.00',
  taker_fill_cost_dollars: '4.20',
  maker_fill_cost_dollars: '0.00',
  taker_fees_dollars: '0.18',
  maker_fees_dollars: '0.00',
  client_order_id: 'c-1',
  created_time: '2026-11-28T12:03:04.100Z',
  created_ts_ms: 1_795_867_384_100,
};

describe('watch lines', () => {
  it('a fill: time, effective direction, exact price and fee, the legacy action labelled, source', () => {
    const lines = lineFormatter(plain);
    expect(lines.event({ type: 'fill', source: 'live', data: fill }, AT)).toBe(
      '12:03:04.123  FILL      KXHIGHNY-26NOV28-B45.5  YES 10.00 @ $0.42  fee $0.18  (legacy: buy yes)  (live)\n',
    );
    const { side: _side, action: _action, ...modern } = fill;
    expect(lines.event({ type: 'fill', source: 'live', data: modern as StreamFill }, AT)).toBe(
      '12:03:04.123  FILL      KXHIGHNY-26NOV28-B45.5  YES 10.00 @ $0.42  fee $0.18  (live)\n',
    );
  });

  it('a sell-YES fill (outcome_side no, book_side ask) moves toward NO at $1 less the YES price: never "sell NO"', () => {
    const lines = lineFormatter(plain);
    const sellYes = { ...fill, side: 'yes', action: 'sell', outcome_side: 'no', book_side: 'ask', yes_price_dollars: '0.0125', count_fp: '3.50', fee_cost: '0.0035' } as const;
    const line = lines.event({ type: 'fill', source: 'catch-up', data: sellYes }, AT);
    expect(line).toBe(
      '12:03:04.123  FILL      KXHIGHNY-26NOV28-B45.5  NO 3.50 @ $0.9875  fee $0.0035  (legacy: sell yes)  (catch-up, traded 2026-11-28 12:03:04.123)\n',
    );
    expect(line).not.toMatch(/sell no/i);
    // The direction comes from outcome_side/book_side alone: the legacy fields may be absent or say anything.
    const { side: _side, action: _action, ...withoutLegacy } = sellYes;
    expect(lines.event({ type: 'fill', source: 'live', data: withoutLegacy as StreamFill }, AT)).toContain('  NO 3.50 @ $0.9875  ');
    expect(lines.event({ type: 'fill', source: 'live', data: { ...sellYes, action: 'buy' } }, AT)).toContain('  NO 3.50 @ $0.9875  ');
  });

  it('a fill whose outcome_side and book_side disagree (Kalshi never sends one) shows both, escaped, not a guess', () => {
    const lines = lineFormatter(plain);
    const odd = { ...fill, outcome_side: 'yes', book_side: 'ask' } as const;
    expect(lines.event({ type: 'fill', source: 'live', data: odd }, AT)).toContain('  ?(yes/ask) 10.00 @ $0.42  ');
  });

  it('positions, live and caught up (REST shape): held side, signed realized P&L, fees', () => {
    const lines = lineFormatter(plain);
    expect(lines.event({ type: 'market_position', source: 'live', data: livePosition }, AT)).toBe(
      '12:03:04.123  POSITION  KXHIGHNY-26NOV28-B45.5  10.00 YES  realized $0.00  fees $0.18  (live)\n',
    );
    const rest = { ticker: 'KXCPI-26OCT-T2.5', position_fp: '-63.50', realized_pnl_dollars: '-0.2863', fees_paid_dollars: '0.3209' } as MarketPosition;
    expect(lines.event({ type: 'market_position', source: 'catch-up', data: rest }, AT)).toBe(
      '12:03:04.123  POSITION  KXCPI-26OCT-T2.5        63.50 NO  realized -$0.2863  fees $0.3209  (catch-up)\n',
    );
    expect(lines.event({ type: 'market_position', source: 'live', data: { ...livePosition, position_fp: '0.00', realized_pnl_dollars: '1.2' } }, AT)).toContain(
      '  flat  realized +$1.20  ',
    );
  });

  it('an order: status, effective direction, contracts filled of those ordered, price', () => {
    const lines = lineFormatter(plain);
    expect(lines.event({ type: 'user_order', source: 'live', data: order }, AT)).toBe(
      '12:03:04.123  ORDER     KXHIGHNY-26NOV28-B45.5  executed  YES 10.00/10.00 @ $0.42\n',
    );
    const resting = { ...order, status: 'resting', outcome_side: 'no', book_side: 'ask', fill_count_fp: '2.00', yes_price_dollars: '0.61' } as const;
    expect(lines.event({ type: 'user_order', source: 'live', data: resting }, AT)).toContain('  resting  NO 2.00/10.00 @ $0.39\n');
  });

  it('a 100 kB ticker is cut to 80 characters with an ellipsis, its escapes shown as text', () => {
    const lines = lineFormatter(plain);
    const line = lines.event({ type: 'fill', source: 'live', data: { ...fill, market_ticker: `\u001b[2J${'K'.repeat(100_000)}` } }, AT);
    expect(line).not.toMatch(/\u001b/);
    expect(line).toContain(`\\x1b[2J${'K'.repeat(80 - 7)}…  YES 10.00`);
    expect(line.length).toBeLessThan(200);
  });

  it('an order group update', () => {
    const lines = lineFormatter(plain);
    const event: StreamEvent = { type: 'order_group_update', source: 'live', data: { event_type: 'triggered', order_group_id: 'g-1', ts_ms: 1, contracts_limit_fp: '5.00' } };
    expect(lines.event(event, AT)).toBe('12:03:04.123  GROUP     g-1  triggered  limit 5.00\n');
  });

  it('status lines', () => {
    const lines = lineFormatter(plain);
    expect(lines.status({ type: 'status', status: 'connected' }, AT)).toBe('12:03:04.123  connected\n');
    expect(statusText({ type: 'status', status: 'reconnecting', attempt: 2, delayMs: 812, reason: 'the connection closed (code 1006)' })).toBe(
      'reconnecting (attempt 2 in 0.8 s): the connection closed (code 1006)',
    );
    expect(statusText({ type: 'status', status: 'caught-up', caughtUp: { fills: 3, positions: 0 } })).toBe('caught up: 3 fills, 0 positions');
    expect(statusText({ type: 'status', status: 'caught-up', caughtUp: { fills: 1, positions: 1 } })).toBe('caught up: 1 fill, 1 position');
  });

  it('tickers pad to the widest seen so far, so later columns line up', () => {
    const lines = lineFormatter(plain);
    lines.event({ type: 'fill', source: 'live', data: { ...fill, market_ticker: 'KXLONGER-TICKER-THAN-THE-OTHER' } }, AT);
    expect(lines.event({ type: 'fill', source: 'live', data: fill }, AT)).toContain('KXHIGHNY-26NOV28-B45.5          YES 10.00');
    // A very long one (multi-game markets) widens its own line only.
    const long = `KXMVENFLMULTIGAMEEXTENDED-${'X'.repeat(30)}`;
    expect(lines.event({ type: 'fill', source: 'live', data: { ...fill, market_ticker: long } }, AT)).toContain(`${long}  YES`);
    expect(lines.event({ type: 'fill', source: 'live', data: fill }, AT)).toContain('KXHIGHNY-26NOV28-B45.5          YES 10.00');
  });

  it('server strings are escaped: no control characters, C1 or bidi overrides reach the terminal', () => {
    const hostile = 'KX\u001b[2J\u0007\r\n\u009b31m\u202eEVIL';
    expect(printable(hostile)).toBe('KX\\x1b[2J\\x07\\x0d\\x0a\\x9b31m\\u202eEVIL');
    const lines = lineFormatter(plain);
    const text = [
      lines.event({ type: 'fill', source: 'live', data: { ...fill, market_ticker: hostile, count_fp: '1\u001b' } }, AT),
      lines.event({ type: 'user_order', source: 'live', data: { ...order, status: 'x\u001b]0;title\u0007' as 'executed' } }, AT),
      lines.status({ type: 'status', status: 'reconnecting', attempt: 1, delayMs: 0, reason: 'bye\u001b[31m\n' }, AT),
    ].join('');
    // eslint-disable-next-line no-control-regex
    expect(text.replaceAll('\n', '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text.split('\n')).toHaveLength(4);
  });

  it('malformed money is shown as sent (escaped), never as a float or a crash', () => {
    const lines = lineFormatter(plain);
    expect(lines.event({ type: 'fill', source: 'live', data: { ...fill, fee_cost: '1e3', yes_price_dollars: 'abc' } }, AT)).toContain(
      'YES 10.00 @ abc  fee 1e3',
    );
  });

  it('colour only when asked: the kind, dimmed time and source', () => {
    const colored = lineFormatter(colorsFor({ isTTY: true }, {})).event({ type: 'fill', source: 'live', data: fill }, AT);
    expect(colored).toMatch(ANSI);
    expect(lineFormatter(plain).event({ type: 'fill', source: 'live', data: fill }, AT)).not.toMatch(ANSI);
  });

  it('NDJSON: the event as is, one line, with C1 and separators escaped (same value parsed back)', () => {
    const event: StreamEvent = { type: 'fill', source: 'live', data: { ...fill, market_ticker: 'A\u009bB\u2028C\nD' } };
    const line = jsonLine(event);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\n\u009b\u2028]/);
    expect(JSON.parse(line)).toEqual(event);
  });

  it('--channels and --ticker values', () => {
    expect(parseChannels('fill, user_orders,fill')).toEqual(['fill', 'user_orders']);
    expect(() => parseChannels('fill,fills')).toThrow(/unknown channel "fills"; the channels are fill, market_positions, user_orders, order_group_updates/);
    expect(() => parseChannels('')).toThrow(/expected one or more of/);
    expect(collectTickers('B,C', ['A'])).toEqual(['A', 'B', 'C']);
    expect(() => collectTickers('A,,B')).toThrow(/expected market tickers separated by commas/);
  });
});

// ------------------------------------------------------------------------------- the built CLI

const SEED = 5;
const FAKE = ['--fake', '--fake-seed', String(SEED), '--fake-fills-per-second', '20'];
const TIME = '\\d{2}:\\d{2}:\\d{2}\\.\\d{3}';
const MONEY = '-?\\$[\\d,]+\\.\\d{2,6}';
const COUNT = '[\\d,]+\\.\\d{2}';
const FILL_LINE = new RegExp(`^${TIME}  FILL {6}(\\S+) +(YES|NO|\\?\\(\\w+/\\w+\\)) ${COUNT} @ ${MONEY}  fee ${MONEY}(  \\(legacy: (buy|sell) (yes|no)\\))?  \\((live|catch-up, traded [^)]+)\\)$`);
const POSITION_LINE = new RegExp(`^${TIME}  POSITION  (\\S+) +(flat|${COUNT} (YES|NO))  realized [+-]?\\$[\\d,]+\\.\\d{2,6}  fees ${MONEY}  \\((live|catch-up)\\)$`);
const ORDER_LINE = new RegExp(`^${TIME}  ORDER {5}(\\S+) +(resting|canceled|executed)  (YES|NO|\\?\\(\\w+/\\w+\\)) ${COUNT}/${COUNT} @ ${MONEY}(  \\(legacy: (buy|sell) (yes|no)\\))?$`);

const linesOf = (text: string) => text.split('\n').filter((line) => line !== '');
const parsed = (w: Watch) => linesOf(w.stdout()).map((line) => JSON.parse(line) as StreamEvent);

let fake: FakeKalshi;
let keys: ReturnType<typeof tempDir>;

beforeAll(async () => {
  assertBuilt();
  // The same seed as the CLI's --fake, to know its markets; and a fake for real-mode errors.
  fake = await startFakeKalshi({ seed: SEED });
  keys = tempDir();
});
afterAll(async () => {
  keys?.remove();
  await fake?.close();
});

describe.concurrent('watch --fake', () => {
  it('--json: NDJSON events as they arrive, "connected" first, fills of the right shape; Ctrl-C exits 130', async () => {
    const w = watch(['watch', '--json', ...FAKE]);
    // A catch-up's fills come before its "caught-up" status: wait for both, or a loaded machine interrupts in between.
    await w.until(
      () => parsed(w).filter((e) => e.type === 'fill').length >= 3 && parsed(w).some((e) => e.type === 'status' && e.status === 'caught-up'),
      'three fills and a caught-up status',
    );
    const code = await w.interrupt('SIGINT');
    expect(code).toBe(130);
    expect(w.stdout().endsWith('\n')).toBe(true);
    const events = parsed(w);
    expect(events[0]).toEqual({ type: 'status', status: 'connected' });
    expect(events.some((e) => e.type === 'status' && e.status === 'caught-up')).toBe(true);
    for (const event of events.filter((e) => e.type === 'fill')) {
      expect(['live', 'catch-up']).toContain(event.source);
      expect(event.data).toMatchObject({
        trade_id: expect.any(String),
        order_id: expect.any(String),
        market_ticker: expect.any(String),
        outcome_side: expect.stringMatching(/^(yes|no)$/),
        book_side: expect.stringMatching(/^(bid|ask)$/),
        count_fp: expect.stringMatching(/^\d+\.\d{2}$/),
        yes_price_dollars: expect.stringMatching(/^\d+\.\d+$/),
        fee_cost: expect.stringMatching(/^\d+\.\d+$/),
        ts_ms: expect.any(Number),
      });
    }
    // A trade id is never shown twice.
    const ids = events.flatMap((e) => (e.type === 'fill' ? [e.data.trade_id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(w.stderr()).toBe('kalshi-portfolio: interrupted\n');
  });

  it('human lines: fills, positions and orders in their formats; status lines on stderr; SIGTERM exits 143', async () => {
    const w = watch(['watch', ...FAKE]);
    await w.until(() => ['FILL', 'POSITION', 'ORDER'].every((kind) => w.stdout().includes(`  ${kind}  `)), 'a fill, a position and an order');
    const code = await w.interrupt('SIGTERM');
    expect(code).toBe(143);
    const lines = linesOf(w.stdout());
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect([FILL_LINE, POSITION_LINE, ORDER_LINE].some((format) => format.test(line)), line).toBe(true);
    }
    expect(w.stdout()).not.toMatch(ANSI);
    const status = linesOf(w.stderr());
    expect(status[0]).toMatch(new RegExp(`^${TIME}  connected$`));
    expect(status[1]).toMatch(new RegExp(`^${TIME}  caught up: \\d+ fills?, \\d+ positions?$`));
    expect(status.at(-1)).toBe('kalshi-portfolio: interrupted');
  });

  it('--channels fill: fills only', async () => {
    const w = watch(['watch', '--channels', 'fill', ...FAKE]);
    await w.until(() => linesOf(w.stdout()).length >= 4, 'four lines');
    expect(await w.interrupt('SIGINT')).toBe(130);
    for (const line of linesOf(w.stdout())) expect(line).toMatch(FILL_LINE);
  });

  it('--ticker: every line is of that market', async () => {
    // The fake trades markets open at its clock (its data's "now", moving on with the wall clock).
    const now = fake.data.now / 1000;
    const [first, second] = fake.data.markets.filter((m) => m.open_ts <= now && now + 86_400 < m.close_ts).map((m) => m.ticker);
    const w = watch(['watch', '--ticker', first!, '--ticker', second!, '--json', ...FAKE]);
    await w.until(() => parsed(w).filter((e) => e.type === 'fill').length >= 2, 'two fills of those markets');
    expect(await w.interrupt('SIGINT')).toBe(130);
    for (const event of parsed(w)) {
      if (event.type === 'fill') expect([first, second]).toContain(event.data.market_ticker);
      if (event.type === 'market_position') expect([first, second]).toContain(event.source === 'live' ? event.data.market_ticker : event.data.ticker);
      if (event.type === 'user_order') expect([first, second]).toContain(event.data.ticker);
    }
  });

  it('reconnects: a status line on stderr, then positions re-read (catch-up) in the same format, and fills go on', async () => {
    const w = watch(['watch', ...FAKE, '--fake-stream-drop-ms', '1000']);
    const caughtUpPosition = (line: string) => POSITION_LINE.test(line) && line.endsWith('(catch-up)');
    const liveFillAfterCatchUp = () => {
      const lines = linesOf(w.stdout());
      const last = lines.findLastIndex(caughtUpPosition);
      return last >= 0 && lines.slice(last).some((line) => FILL_LINE.test(line) && line.endsWith('(live)'));
    };
    await w.until(() => /reconnecting/.test(w.stderr()) && liveFillAfterCatchUp(), 'a reconnect, its catch-up and a live fill after it');
    expect(await w.interrupt('SIGINT')).toBe(130);
    const status = linesOf(w.stderr());
    const reconnect = status.findIndex((line) => line.includes('reconnecting'));
    expect(status[reconnect]).toMatch(new RegExp(`^${TIME}  reconnecting \\(attempt \\d+ in \\d+\\.\\d s\\): \\S.*$`));
    expect(status[reconnect + 1]).toMatch(new RegExp(`^${TIME}  connected$`));
    for (const line of linesOf(w.stdout())) {
      expect([FILL_LINE, POSITION_LINE, ORDER_LINE].some((format) => format.test(line)), line).toBe(true);
    }
    expect(status).toContainEqual(expect.stringMatching(new RegExp(`^${TIME}  caught up: \\d+ fills?, [1-9]\\d* positions?$`)));
  });

  it('--json across reconnects: every status event, and no trade id twice', async () => {
    const w = watch(['watch', '--json', ...FAKE, '--fake-stream-drop-ms', '700']);
    await w.until(() => parsed(w).filter((e) => e.type === 'status' && e.status === 'connected').length >= 3, 'two reconnects');
    expect(await w.interrupt('SIGINT')).toBe(130);
    const events = parsed(w);
    const reconnecting = events.find((e) => e.type === 'status' && e.status === 'reconnecting');
    expect(reconnecting).toMatchObject({ attempt: expect.any(Number), delayMs: expect.any(Number), reason: expect.any(String) });
    const ids = events.flatMap((e) => (e.type === 'fill' ? [e.data.trade_id] : []));
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
  });

  // `script` (util-linux) gives the CLI a terminal; `timeout` sends the Ctrl-C.
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('on a terminal: what is watched and how to stop, then coloured lines', () => {
    const command = ['timeout', '--preserve-status', '-s', 'INT', '3', process.execPath, CLI, 'watch', ...FAKE, '--ticker', 'A,B'].map((a) => `'${a}'`).join(' ');
    const { status, stdout: out } = spawnSync('script', ['-qec', command, '/dev/null'], { env: cleanEnv(), encoding: 'utf8', timeout: 30_000 });
    expect(status).toBe(130);
    expect(out).toContain('watching fill, market_positions, user_orders for A, B; Ctrl-C to stop');
    expect(out).toMatch(/\u001b\[2m\d{2}:\d{2}:\d{2}\.\d{3}  connected\u001b\[22m/);
  });

  it('into a pipe that closes (| head -1): exits quietly', async () => {
    const w = watch(['watch', '--json', ...FAKE], { closeStdoutAfterFirstLine: true });
    const { code, signal } = await w.done;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(w.stderr()).toBe('');
  });
});

describe.concurrent('watch: errors', () => {
  it.each([
    [['--channels', 'bogus'], /^kalshi-portfolio: option '--channels <list>' argument 'bogus' is invalid\. unknown channel "bogus"; the channels are fill, market_positions, user_orders, order_group_updates\.$/],
    [['--channels', 'fill,'], /unknown channel \(empty\)/],
    [['--ticker', ','], /--ticker <market>.*expected market tickers separated by commas/],
    [['--fake-fills-per-second', '0'], /above 0 and at most 100/],
  ])('%j: usage error, exit 2, one line', async (args, message) => {
    const { code, stdout, stderr } = await run(['watch', '--fake', ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.trimEnd()).toMatch(message);
  });

  // With fills, the stream first reads the recent ones over REST; without, the handshake is refused.
  it.each([
    [[], /^kalshi-portfolio: GET \/trade-api\/v2\/portfolio\/fills failed with HTTP 401 .*the signature did not verify/],
    [['--channels', 'user_orders'], /^kalshi-portfolio: GET \/trade-api\/ws\/v2 failed with HTTP 401 .*the signature did not verify/],
  ])('a key Kalshi refuses (%j): exit 1 with the auth error, one line, no stack', async (args, message) => {
    const wrongKey = join(keys.path, `wrong-${args.length}.key`);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(wrongKey, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
    const { code, stdout, stderr } = await run(['watch', ...args, '--key-id', fake.keyId, '--key-file', wrongKey, '--base-url', fake.baseUrl], { timeoutMs: 20_000 });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});
