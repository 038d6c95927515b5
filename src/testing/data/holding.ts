/**
 * What the account holds in one market, and how an execution changes it, in exact integers
 * (hundredths of a contract, micro-dollars).
 *
 * The rule: a position is one signed number, positive for YES contracts and negative for NO.
 * Buying YES or selling NO adds to it; selling YES or buying NO takes from it (a NO bought
 * against a YES held closes that YES, as the pair pays out exactly $1). The part of an execution
 * that moves the position toward zero closes contracts: it realizes their share of the cost
 * against what closing them brings in (the YES price for YES held, one minus it for NO held);
 * the rest opens contracts at the price of the side it adds (YES price for YES, one minus it for
 * NO). Fees are never part of the realized P&L; they are counted in `feesPaid`, and the share
 * that belongs to contracts still held in `positionFees`.
 */

import { MICROS_PER_DOLLAR, parseCount, parseDollars } from './wire-money.js';
import type { MarketPosition } from './wire-types.js';

export interface Holding {
  /** Hundredths of a contract: positive YES, negative NO. */
  position: bigint;
  /** What the contracts held cost (micro-dollars, never negative): REST's market exposure. */
  cost: bigint;
  /** The fees of the trades that opened the contracts held, kept in proportion as they close. */
  positionFees: bigint;
  realizedPnl: bigint;
  /** Every fee paid in this market. */
  feesPaid: bigint;
  /** Money that changed hands in this market: count times the price of the side traded. */
  traded: bigint;
  /** Hundredths of a contract traded in this market. */
  volume: bigint;
}

export interface Execution {
  /** Signed change of the position, in hundredths (see the rule at the top). */
  delta: bigint;
  /** YES price, micro-dollars, a whole number of centi-cents strictly between 0 and $1. */
  yesPrice: bigint;
  /** Price of the side the order traded (YES price for YES orders, one minus it for NO). */
  sidePrice: bigint;
  fee: bigint;
}

const abs = (n: bigint) => (n < 0n ? -n : n);

/** Price in micro-dollars times hundredths of a contract, in micro-dollars (exact for centi-cent prices). */
const valueOf = (hundredths: bigint, price: bigint) => (hundredths * price) / 100n;

/**
 * A seeded REST position as a holding. The REST row has no contract volume or per-position fees:
 * volume starts at the contracts held (the least it can be), position fees at zero.
 */
export function holdingOf(position: MarketPosition): Holding {
  const held = parseCount(position.position_fp);
  return {
    position: held,
    cost: parseDollars(position.market_exposure_dollars),
    positionFees: 0n,
    realizedPnl: parseDollars(position.realized_pnl_dollars),
    feesPaid: parseDollars(position.fees_paid_dollars),
    traded: parseDollars(position.total_traded_dollars),
    volume: abs(held),
  };
}

export function emptyHolding(): Holding {
  return { position: 0n, cost: 0n, positionFees: 0n, realizedPnl: 0n, feesPaid: 0n, traded: 0n, volume: 0n };
}

/** The holding after one execution. */
export function applyExecution(before: Holding, execution: Execution): Holding {
  const { delta, yesPrice, sidePrice, fee } = execution;
  const size = abs(delta);
  const held = abs(before.position);
  const closing = before.position !== 0n && (before.position > 0n) !== (delta > 0n);
  const closed = closing ? (size < held ? size : held) : 0n;
  const opened = size - closed;

  let { cost, positionFees, realizedPnl } = before;
  if (closed > 0n) {
    // Closing takes the contracts' proportional share of cost and fees (all of it when flat).
    const costShare = closed === held ? cost : (cost * closed) / held;
    const feeShare = closed === held ? positionFees : (positionFees * closed) / held;
    const closingPrice = before.position > 0n ? yesPrice : MICROS_PER_DOLLAR - yesPrice;
    realizedPnl += valueOf(closed, closingPrice) - costShare;
    cost -= costShare;
    positionFees -= feeShare;
  }
  if (opened > 0n) {
    const openingPrice = delta > 0n ? yesPrice : MICROS_PER_DOLLAR - yesPrice;
    cost += valueOf(opened, openingPrice);
    positionFees += (fee * opened) / size;
  }
  return {
    position: before.position + delta,
    cost,
    positionFees,
    realizedPnl,
    feesPaid: before.feesPaid + fee,
    traded: before.traded + valueOf(size, sidePrice),
    volume: before.volume + size,
  };
}
