/**
 * `npm run demo`: the SDK end to end with no account. Starts the embedded fake Kalshi on
 * 127.0.0.1, signs in with the key it issues, and prints the balance, open positions and the
 * latest fills — the same calls a real account would make, with only `baseUrl` changed.
 */
import { createKalshiClient } from '../src/index.js';
import { startFakeKalshi } from '../src/testing/index.js';

const fake = await startFakeKalshi({ seed: 7 });
try {
  const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl });
  console.log(`Fake Kalshi at ${fake.baseUrl}\n`);

  const balance = await client.getBalance();
  console.log(`Balance         $${balance.balance_dollars}`);
  console.log(`Portfolio value $${centsToDollars(balance.portfolio_value)}\n`);

  console.log('Open positions');
  const rows: Array<Record<string, string>> = [];
  for await (const position of client.marketPositions({ count_filter: 'position' })) {
    rows.push({
      ticker: position.ticker,
      contracts: position.position_fp,
      exposure: dollars(position.market_exposure_dollars),
      'realized P&L': dollars(position.realized_pnl_dollars),
    });
    if (rows.length === 10) break;
  }
  printTable(rows);

  console.log('Latest fills');
  const fills = await client.getFills({ limit: 8 });
  printTable(
    fills.fills.map((fill) => ({
      time: fill.created_time ?? new Date((fill.ts ?? 0) * 1000).toISOString(),
      ticker: fill.ticker,
      side: `${fill.book_side === 'bid' ? 'buy' : 'sell'} ${fill.outcome_side}`,
      count: fill.count_fp,
      price: dollars(fill.outcome_side === 'yes' ? fill.yes_price_dollars : fill.no_price_dollars),
      fee: dollars(fill.fee_cost),
    })),
  );
} finally {
  await fake.close();
}

function dollars(amount: string): string {
  return amount.startsWith('-') ? `-$${amount.slice(1)}` : `$${amount}`;
}

function printTable(rows: Array<Record<string, string>>): void {
  if (rows.length === 0) return void console.log('  (none)\n');
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => row[c] ?? '')));
  console.log();
}

function centsToDollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
