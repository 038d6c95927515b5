/**
 * The read commands, checked against the dataset of the fake they read: mostly a fake in the
 * test's process (fixture.args), and with --fake (the CLI's own embedded fake, generated from the
 * same seed) where that path or the fake's clock is what is tested.
 */
import { describe, expect, it } from 'vitest';
import { centsToMicros, formatCount, formatDollars, parseCount, parseDollars } from '../../src/index.js';
import { ANSI, FAKE_ARGS as FAKE, bodyLines, fakeDataLikeCli, run } from '../support/cli.js';

const fixture = fakeDataLikeCli();

/** `$12,345.6789`, as the CLI shows dollars. */
const shown = (micros: bigint) => {
  const text = formatDollars(micros < 0n ? -micros : micros);
  const [int, frac] = text.split('.');
  return `${micros < 0n ? '-' : ''}$${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
};
const signed = (micros: bigint) => (micros > 0n ? `+${shown(micros)}` : shown(micros));
/** The micro-dollars of an amount as a table shows it (`+$1,234.5000`): tables pad a column's decimals with zeros. */
const amountOf = (text: string) => parseDollars(text.replace(/[$,+]/g, ''));
/** An amount in a table, whatever decimals its column gives it: `-$265.04` also matches `-$265.0400`. */
const amountPattern = (text: string) => `${text.replace(/[$+.]/g, '\\$&')}0*`;
const sum = (values: string[]) => values.reduce((total, v) => total + parseDollars(v), 0n);
const openPositions = () => fixture.data.liveMarketPositions.filter((e) => e.subaccount === 0 && parseCount(e.position.position_fp) !== 0n);
const settledTs = (time: string) => Math.floor(Date.parse(time) / 1000);

describe.concurrent('balance', () => {
  it('shows cash, each exchange, portfolio value and the total, in dollars', async () => {
    const { code, stdout, stderr } = await run(['balance', ...FAKE]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const cash = parseDollars(fixture.data.balance.balance_dollars);
    const total = cash + centsToMicros(fixture.data.balance.portfolio_value);
    expect(stdout).toMatch(new RegExp(`^Cash +\\${shown(cash)}`, 'm'));
    for (const shard of fixture.data.balance.balance_breakdown) {
      expect(stdout).toMatch(new RegExp(`exchange ${shard.exchange_index} +\\${shown(parseDollars(shard.balance))}`));
    }
    expect(stdout).toContain(shown(centsToMicros(fixture.data.balance.portfolio_value)));
    expect(stdout).toMatch(new RegExp(`^Total +${amountPattern(shown(total))} +cash \\+ portfolio value$`, 'm'));
    expect(stdout).not.toMatch(ANSI);
  });

  it('--json prints the typed response', async () => {
    const { code, stdout } = await run(['balance', '--json', ...fixture.args]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(fixture.data.balance);
  });
});

describe.concurrent('positions', () => {
  it('lists every open position under its event, with event totals and one grand total', async () => {
    const { code, stdout } = await run(['positions', ...fixture.args]);
    expect(code).toBe(0);
    const open = openPositions();
    expect(open.length).toBeGreaterThan(3);
    const events = new Set(open.map((e) => e.event_ticker));
    for (const entry of open) expect(stdout).toMatch(new RegExp(`^  ${entry.position.ticker.replace(/\./g, '\\.')} +(YES|NO) `, 'm'));
    for (const event of events) expect(stdout).toMatch(new RegExp(`^${event}$`, 'm'));
    const exposure = sum(open.map((e) => e.position.market_exposure_dollars));
    const pnl = sum(open.map((e) => e.position.realized_pnl_dollars));
    const fees = sum(open.map((e) => e.position.fees_paid_dollars));
    const last = stdout.trimEnd().split('\n').at(-1);
    expect(last).toBe(
      `Total: ${open.length} open positions in ${events.size} events, exposure ${shown(exposure)}, realized P&L ${signed(pnl)}, fees paid ${shown(fees)}`,
    );
    // An event with several markets gets its own total line.
    const multi = [...events].filter((event) => open.filter((e) => e.event_ticker === event).length > 1);
    expect(stdout.match(/^ {2}event total/gm)?.length ?? 0).toBe(multi.length);
    // A NO position (negative position_fp) shows as NO with a positive count.
    const no = open.find((e) => e.position.position_fp.startsWith('-'));
    expect(no).toBeDefined();
    const line = stdout.split('\n').find((l) => l.startsWith(`  ${no!.position.ticker} `));
    expect(line).toMatch(new RegExp(` NO +${no!.position.position_fp.slice(1).replace('.', '\\.')} `));
  });

  it('--json prints the open market positions and their events', async () => {
    const { code, stdout } = await run(['positions', '--json', ...fixture.args]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { market_positions: Array<{ ticker: string }>; event_positions: Array<{ event_ticker: string }> };
    expect(parsed.market_positions.map((p) => p.ticker)).toEqual(openPositions().map((e) => e.position.ticker));
    expect(new Set(parsed.event_positions.map((e) => e.event_ticker))).toEqual(new Set(openPositions().map((e) => e.event_ticker)));
  });
});

describe.concurrent('fills', () => {
  it('shows the latest 20, newest first, and a one-line total', async () => {
    const { code, stdout } = await run(['fills', ...fixture.args]);
    expect(code).toBe(0);
    const latest = fixture.data.fills.slice(0, 20);
    const rows = bodyLines(stdout);
    expect(rows).toHaveLength(20);
    rows.forEach((row, i) => expect(row).toContain(latest[i]!.ticker));
    const contracts = latest.reduce((total, f) => total + parseCount(f.count_fp), 0n);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      `Total: 20 fills, ${formatCount(contracts).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} contracts, fees ${shown(sum(latest.map((f) => f.fee_cost)))}`,
    );
  });

  it('--limit, --ticker and --json', async () => {
    const ticker = fixture.data.fills[5]!.ticker;
    const expected = fixture.data.fills.filter((f) => f.ticker === ticker).slice(0, 3);
    const { code, stdout } = await run(['fills', '--ticker', ticker, '--limit', '3', '--json', ...fixture.args]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ fills: expected });
  });

  it('--since and --until take dates (the whole day) and ISO times, and reach archived fills', async () => {
    // A window before the historical cutoff: only the archive has these fills.
    expect(fixture.data.cutoff).not.toBeNull();
    const old = fixture.data.historicalFills[10]!;
    const day = new Date(old.ts * 1000).toISOString().slice(0, 10);
    const start = Date.parse(`${day}T00:00:00Z`) / 1000;
    const inDay = fixture.data.fills.filter((f) => f.ts >= start && f.ts <= start + 86_399);
    const byDay = await run(['fills', '--since', day, '--until', day, '--limit', '1000', '--json', ...fixture.args]);
    expect(byDay.code).toBe(0);
    expect(JSON.parse(byDay.stdout)).toEqual({ fills: inDay });

    const from = new Date(old.ts * 1000).toISOString();
    const until = new Date((old.ts + 3 * 86_400) * 1000).toISOString().replace('Z', '+00:00');
    const inWindow = fixture.data.fills.filter((f) => f.ts >= old.ts && f.ts <= old.ts + 3 * 86_400);
    const byTime = await run(['fills', '--since', from, '--until', until, '--limit', '1000', '--json', ...fixture.args]);
    expect(byTime.code).toBe(0);
    expect(JSON.parse(byTime.stdout)).toEqual({ fills: inWindow });
  });
});

describe.concurrent('settlements', () => {
  it('shows the latest, with cost, revenue, fee, signed P&L and a total', async () => {
    const { code, stdout } = await run(['settlements', '--limit', '10', ...fixture.args]);
    expect(code).toBe(0);
    const latest = fixture.data.settlements.slice(0, 10).map((e) => e.settlement);
    const rows = bodyLines(stdout);
    expect(rows).toHaveLength(10);
    let pnl = 0n;
    latest.forEach((s, i) => {
      const cost = parseDollars(s.yes_total_cost_dollars) + parseDollars(s.no_total_cost_dollars);
      const one = centsToMicros(s.revenue) - cost - parseDollars(s.fee_cost);
      pnl += one;
      expect(rows[i]).toContain(s.ticker);
      expect(amountOf(rows[i]!.trimEnd().split(/ +/).at(-1)!)).toBe(one);
    });
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`settlement P&L \\${signed(pnl).replace('$', '\\$')}$`));
  });

  it('--since/--until filter on the settlement time; --json prints them', async () => {
    const middle = fixture.data.settlements[Math.floor(fixture.data.settlements.length / 2)]!.settlement;
    const day = middle.settled_time.slice(0, 10);
    const start = Date.parse(`${day}T00:00:00Z`) / 1000;
    const expected = fixture.data.settlements
      .map((e) => e.settlement)
      .filter((s) => settledTs(s.settled_time) >= start - 7 * 86_400 && settledTs(s.settled_time) <= start + 86_399);
    const since = new Date((start - 7 * 86_400) * 1000).toISOString().slice(0, 10);
    const { code, stdout } = await run(['settlements', '--since', since, '--until', day, '--limit', '1000', '--json', ...fixture.args]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ settlements: expected });
  });
});

// summary is the P&L engine's: its tests are in test/pnl/cli.test.ts.
