/**
 * Our figures against Kalshi's, each as a number: per market the running position, the fee-free
 * realized P&L and the fees; for the account the cash identity, with what no endpoint explains
 * left as a residual instead of hidden.
 */
import { centsToMicros, parseCount, parseDollars } from '../money.js';
import type { Book } from './lots.js';
import type { CashReconciliation, MarketReconciliation, PnlInput, PnlReconciliation } from './types.js';

interface ReconcileArgs {
  input: PnlInput;
  books: Map<string, Book>;
  revenueBySubaccount: Map<number, bigint>;
  /** Attributes an estimated fee total to a book's fills that carried none. */
  estimate(book: Book, micros: bigint): void;
}

const keyOf = (subaccount: number, ticker: string) => `${subaccount}\u0000${ticker}`;

export function reconcile({ input, books, revenueBySubaccount, estimate }: ReconcileArgs): PnlReconciliation {
  const markets: MarketReconciliation[] = [];
  const incomplete: PnlReconciliation['incomplete'] = [];
  const seen = new Set<string>();
  let estimatedTotal = 0n;
  for (const p of input.positions ?? []) {
    const subaccount = p.subaccount_number ?? 0;
    const key = keyOf(subaccount, p.ticker);
    if (seen.has(key)) continue; // met live and archived: once
    seen.add(key);
    const book = books.get(key);
    const kalshiFees = parseDollars(p.fees_paid_dollars);
    const ours = {
      position: book ? book.yes.count - book.no.count : 0n,
      realized: book?.allRealized ?? 0n,
      fees: book?.allKnownFees ?? 0n,
    };
    if (book && book.feeless.length > 0 && kalshiFees > ours.fees) {
      estimate(book, kalshiFees - ours.fees);
      estimatedTotal += kalshiFees - ours.fees;
    }
    const compare = (o: bigint, k: bigint) => ({ ours: o, kalshi: k, difference: o - k });
    const row: MarketReconciliation = {
      subaccount,
      ticker: p.ticker,
      position: compare(ours.position, parseCount(p.position_fp)),
      realized: compare(ours.realized, parseDollars(p.realized_pnl_dollars)),
      fees: compare(ours.fees, kalshiFees),
      incomplete: false,
    };
    if (row.position.difference !== 0n) {
      row.incomplete = true;
      incomplete.push({
        subaccount,
        ticker: p.ticker,
        reason: book
          ? `the fills give a position of ${ours.position} hundredths, Kalshi ${row.position.kalshi}: fills before the first one we have are missing`
          : `Kalshi holds a position but there is no fill for it`,
      });
    }
    markets.push(row);
  }
  const result: PnlReconciliation = { markets, incomplete };
  if (input.balances) result.cash = cash(input, books, revenueBySubaccount, estimatedTotal);
  return result;
}

function cash(input: PnlInput, books: Map<string, Book>, revenueBySubaccount: Map<number, bigint>, estimated: bigint): CashReconciliation {
  const counted = new Set<number>();
  let balance = 0n;
  for (const b of input.balances ?? []) {
    counted.add(b.subaccount_number);
    balance += parseDollars(b.balance);
  }
  const primary = counted.has(0);
  let deposits = 0n;
  let depositFees = 0n;
  for (const d of input.deposits ?? []) {
    if (!primary || d.status !== 'applied') continue;
    deposits += centsToMicros(d.amount_cents);
    depositFees += centsToMicros(d.fee_cents);
  }
  let withdrawals = 0n;
  let withdrawalFees = 0n;
  for (const w of input.withdrawals ?? []) {
    // A pending withdrawal has already left the balance; a failed or returned one has come back.
    if (!primary || w.status === 'failed' || w.status === 'returned') continue;
    withdrawals += centsToMicros(w.amount_cents);
    withdrawalFees += centsToMicros(w.fee_cents);
  }
  let transfers = 0n;
  for (const t of input.transfers ?? []) {
    const amount = centsToMicros(t.amount_cents);
    if (counted.has(t.to_subaccount)) transfers += amount;
    if (counted.has(t.from_subaccount)) transfers -= amount;
  }
  // The balances are the event-contract instance's; cash moved to or from the margined instance left or
  // joined them. Only complete transfers have moved anything.
  let intraTransfers = 0n;
  for (const t of input.intraTransfers ?? []) {
    if (!primary || t.status !== 'complete') continue;
    if (t.destination === 'event_contract') intraTransfers += parseDollars(t.amount);
    if (t.source === 'event_contract') intraTransfers -= parseDollars(t.amount);
  }
  let fillCash = 0n;
  let fees = estimated;
  for (const book of books.values()) {
    if (!counted.has(book.subaccount)) continue;
    fillCash += book.fillCash;
    fees += book.allKnownFees;
  }
  let settlementRevenue = 0n;
  for (const [subaccount, revenue] of revenueBySubaccount) if (counted.has(subaccount)) settlementRevenue += revenue;
  const expected = deposits - depositFees - withdrawals - withdrawalFees + fillCash + settlementRevenue - fees + transfers + intraTransfers;
  return { balance, deposits, depositFees, withdrawals, withdrawalFees, fillCash, settlementRevenue, fees, transfers, intraTransfers, expected, residual: balance - expected };
}
