/**
 * `kalshi-portfolio order …` as a user runs it (the built CLI, no terminal): place shows the order
 * as placed, the guard rails are flags that refuse before sending, and --live without a terminal
 * needs --yes. Slow (each --fake run starts a fake with fresh keys), so run by CI, not by default.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareDollars } from '../../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { CLI, assertBuilt, cleanEnv, run } from '../support/cli.js';

let fake: FakeKalshi;
let ticker: string;
beforeAll(async () => {
  assertBuilt();
  // The CLI's --fake runs the same seed (7) in its own process: its markets are these. Its seeded
  // resting orders stay on the books there, and self-trade prevention stops an order at the
  // account's own (any subaccount's), so the market is one where no ask rests at or under 0.57.
  fake = await startFakeKalshi({ seed: 7 });
  const nowS = fake.data.now / 1000;
  const meetsOwnAsk = (t: string) => fake.data.orders.some((o) => o.ticker === t && o.status === 'resting' && o.book_side === 'ask' && compareDollars(o.yes_price_dollars, '0.57') <= 0);
  const market = fake.data.markets.find((m) => m.open_ts <= nowS && nowS + 3600 < m.close_ts && !meetsOwnAsk(m.ticker));
  if (!market) throw new Error('seed 7 has no open market free of the account\'s resting asks at or under 0.57');
  ticker = market.ticker;
});
afterAll(() => fake.close());

describe('order', () => {
  it('place prints the order as placed: id, status, filled, resting', async () => {
    const result = await run(['order', 'place', '--fake', '--ticker', ticker, '--side', 'bid', '--price', '0.57', '--count', '12', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'resting', filled: '10.00', resting: '2.00', average_fill_price: '0.5600' });
  });

  it('a guard-rail flag refuses before sending, failing with the rail named', async () => {
    const result = await run(['order', 'place', '--fake', '--ticker', ticker, '--side', 'ask', '--price', '0.40', '--count', '30', '--max-cost', '5']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/maxCostDollars/);
    const off = await run(['order', 'place', '--fake', '--ticker', ticker, '--side', 'bid', '--price', '0.565', '--count', '1']);
    expect(off.stderr).toMatch(/price levels/);
  });

  it('--dry-run sends nothing and shows the body', async () => {
    const result = await run(['order', 'place', '--fake', '--ticker', ticker, '--side', 'ask', '--price', '0.60', '--count', '3', '--dry-run', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).body).toMatchObject({ ticker, side: 'ask', price: '0.6000', count: '3.00' });
  });

  it('--live without a terminal and without --yes is refused before connecting', async () => {
    const result = await run(['order', 'cancel-all', '--live', '--key-id', 'x', '--key-file', '/nonexistent']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--live without a terminal needs --yes/);
  });

  // `script` (util-linux) gives the CLI a terminal, as a person has.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  const atTerminal = (typed: string) =>
    spawnSync('script', ['-qec', `'${process.execPath}' '${CLI}' order place --live --ticker KX-T --side bid --price 0.5 --count 1 --key-id x --key-file /nonexistent`, '/dev/null'], {
      input: `${typed}\n`, env: cleanEnv(), encoding: 'utf8', timeout: 30_000,
    });

  it.skipIf(!hasScript)('--live on a terminal shows the order and sends nothing unless the ticker is typed back', () => {
    const wrong = atTerminal('KX-OTHER');
    expect(wrong.stdout).toContain('LIVE (real money): bid 1 KX-T at 0.5 (YES price)');
    expect(wrong.stdout).toMatch(/not confirmed \(expected KX-T\): nothing was sent/);
    // Typed back, it goes on to connect (and here stops at the missing key file).
    expect(atTerminal('KX-T').stdout).toMatch(/cannot read the private key file/);
  });
});
