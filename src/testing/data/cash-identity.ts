/**
 * The cash identity: how the fake account's cash follows, to the cent, from what the portfolio
 * endpoints list. For one subaccount on one shard of the event-contract exchange:
 *
 *     cash =  Σ applied deposits (amount − fee)                [primary account, shard 0]
 *           − Σ applied withdrawals (amount + fee)             [primary account, shard 0]
 *           + Σ fills (−count × price paid + $1 × contracts netted away)
 *           − Σ market positions' fees_paid_dollars
 *           + Σ settlements' revenue
 *           + Σ subaccount transfers in − Σ out                (on this shard)
 *           ± Σ complete intra-exchange transfers              [primary account: in − out]
 *
 * where:
 * - the price paid is the YES price for a `yes` fill and one minus it for a `no` fill (the
 *   direction from `outcome_side`/`book_side`, never the legacy `side`/`action`);
 * - contracts netted away: with netting on, a fill against the opposite position closes up to
 *   that many contracts and each YES+NO pair pays $1 back (replay each market's fills oldest first;
 *   with netting off nothing nets and YES and NO are held side by side);
 * - fees come from the market positions, not the fills, because archived fills from before
 *   `fee_cost` existed carry 0 (elsewhere the two agree); a settlement's `fee_cost` is the same
 *   market total, so it is not subtracted again;
 * - `revenue` is whole cents actually paid for what was still held at the settlement;
 * - only finished movements count: deposits and withdrawals that are `applied` (pending, failed and
 *   returned ones move nothing), intra-exchange transfers that are `complete`; subaccount
 *   transfers move cash at once. Rows without an owner (deposits, withdrawals, intra-exchange
 *   transfers) belong to the primary account.
 * The margined instance's cash is the complete intra-exchange transfers into it less those out.
 *
 * Equivalently, per market: fill cash plus revenue = realized_pnl_dollars − market_exposure_dollars
 * (realized P&L is fee-free FIFO and includes the settlement). Nothing else moves the fake's cash:
 * no interest, rewards or collateral returns, so a reconciliation shows a residual of exactly zero.
 * The identity assumes each subaccount's netting setting held for its whole history (a runtime
 * change of netting applies to later trades only, which the replay cannot tell apart).
 */

import { fillEffect } from '../../direction.js';
import type { FakeDataset } from './dataset-types.js';
import { parseTime } from './time.js';
import { MICROS_PER_DOLLAR, centsToMicros, parseDollars } from './wire-money.js';
import type { ExchangeInstance, IntraExchangeInstanceTransfer, SubaccountNettingConfig, SubaccountTransfer } from './wire-types.js';

/** The rows the identity reads: the dataset's, with the account's current transfer histories and netting. */
export type CashRows = Pick<FakeDataset, 'fills' | 'settlements' | 'marketPositions' | 'deposits' | 'withdrawals'> & {
  subaccountTransfers: readonly SubaccountTransfer[];
  intraExchangeTransfers: readonly IntraExchangeInstanceTransfer[];
  netting: readonly SubaccountNettingConfig[];
};

/** Each term of the identity for one pot of cash, micro-dollars (outflows negative). */
export interface CashTerms {
  deposits: bigint;
  withdrawals: bigint;
  fills: bigint;
  fees: bigint;
  settlements: bigint;
  subaccountTransfers: bigint;
  intraExchangeTransfers: bigint;
  /** The sum: what the cash must be. */
  total: bigint;
}

/** One pot of cash the identity balances: an exchange instance's money of one subaccount on one shard. */
export interface CashPot {
  instance: ExchangeInstance;
  subaccount: number;
  exchangeIndex: number;
}

const abs = (n: bigint) => (n < 0n ? -n : n);

/** The identity's terms for one pot. */
export function cashTerms(rows: CashRows, pot: CashPot): CashTerms {
  const { subaccount, exchangeIndex } = pot;
  const primary = subaccount === 0;
  const intra = primary ? intraTerm(rows.intraExchangeTransfers, pot) : 0n;
  if (pot.instance === 'margined') {
    return { deposits: 0n, withdrawals: 0n, fills: 0n, fees: 0n, settlements: 0n, subaccountTransfers: 0n, intraExchangeTransfers: intra, total: intra };
  }
  const fundingPot = primary && exchangeIndex === 0;
  const deposits = fundingPot
    ? rows.deposits.filter((d) => d.status === 'applied').reduce((sum, d) => sum + centsToMicros(d.amount_cents - d.fee_cents), 0n)
    : 0n;
  const withdrawals = fundingPot
    ? -rows.withdrawals.filter((w) => w.status === 'applied').reduce((sum, w) => sum + centsToMicros(w.amount_cents + w.fee_cents), 0n)
    : 0n;
  const netting = rows.netting.find((n) => n.subaccount_number === subaccount && n.exchange_index === exchangeIndex)?.enabled ?? true;
  const fills = fillCash(rows.fills.filter((f) => f.subaccount_number === subaccount && f.exchange_index === exchangeIndex), netting);
  const fees = -rows.marketPositions
    .filter((e) => e.subaccount === subaccount && e.position.exchange_index === exchangeIndex)
    .reduce((sum, e) => sum + parseDollars(e.position.fees_paid_dollars), 0n);
  const settlements = rows.settlements
    .filter((e) => e.subaccount === subaccount && e.settlement.exchange_index === exchangeIndex)
    .reduce((sum, e) => sum + centsToMicros(e.settlement.revenue), 0n);
  let transfers = 0n;
  for (const t of rows.subaccountTransfers) {
    if (t.exchange_index !== exchangeIndex) continue;
    if (t.to_subaccount === subaccount) transfers += centsToMicros(t.amount_cents);
    if (t.from_subaccount === subaccount) transfers -= centsToMicros(t.amount_cents);
  }
  const total = deposits + withdrawals + fills + fees + settlements + transfers + intra;
  return { deposits, withdrawals, fills, fees, settlements, subaccountTransfers: transfers, intraExchangeTransfers: intra, total };
}

function intraTerm(transfers: readonly IntraExchangeInstanceTransfer[], pot: CashPot): bigint {
  let sum = 0n;
  for (const t of transfers) {
    if (t.status !== 'complete') continue;
    if (t.destination === pot.instance && t.destination_exchange_shard === pot.exchangeIndex) sum += parseDollars(t.amount);
    if (t.source === pot.instance && t.source_exchange_shard === pot.exchangeIndex) sum -= parseDollars(t.amount);
  }
  return sum;
}

/** Fill cash of one pot's fills, fees aside: each market replayed oldest first for what nets away. */
function fillCash(fills: FakeDataset['fills'], netting: boolean): bigint {
  const byMarket = new Map<string, FakeDataset['fills']>();
  for (const f of fills) {
    const own = byMarket.get(f.ticker);
    if (own) own.push(f);
    else byMarket.set(f.ticker, [f]);
  }
  let cash = 0n;
  for (const own of byMarket.values()) {
    const ordered = own.map((f) => ({ at: parseTime(f.created_time), effect: fillEffect(f) })).sort((a, b) => a.at - b.at);
    let position = 0n;
    for (const { effect } of ordered) {
      const count = abs(effect.signedCount);
      cash -= (count * effect.pricePaidMicros) / 100n;
      if (netting && position !== 0n && (position > 0n) !== (effect.signedCount > 0n)) {
        const netted = count < abs(position) ? count : abs(position);
        cash += (netted * MICROS_PER_DOLLAR) / 100n;
      }
      position += effect.signedCount;
    }
  }
  return cash;
}
