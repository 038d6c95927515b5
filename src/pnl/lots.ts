/**
 * The contracts held on one side (YES or NO) of one market: FIFO lots, or one average-cost pool.
 * Amounts are integer micro-dollars and hundredths of a contract; a partial close takes its share
 * of cost and fees rounded down, and the last contract out takes what is left, so nothing is lost.
 */
import type { ClosedLot, CostMethod, MarketPnl } from './types.js';

export interface Lot {
  count: bigint;
  cost: bigint;
  /** The opening fill's fee still attached to the contracts left. */
  fee: bigint;
  acquired: number;
}

/** A piece taken out of a side by a close. */
export type Taken = Lot;

export class LotSide {
  private readonly lots: Lot[] = [];
  private head = 0;
  count = 0n;
  cost = 0n;

  constructor(private readonly method: CostMethod) {}

  open(count: bigint, cost: bigint, fee: bigint, acquired: number): void {
    if (count <= 0n) return;
    this.count += count;
    this.cost += cost;
    if (this.method === 'average' && this.head < this.lots.length) {
      // One pool: the average cost is the pool's cost over its count; acquired stays the oldest.
      const pool = this.lots[this.head]!;
      pool.count += count;
      pool.cost += cost;
      pool.fee += fee;
      return;
    }
    this.lots.push({ count, cost, fee, acquired });
  }

  /** Takes up to `count` contracts, oldest first; calls `each` per piece taken. Returns how many were taken. */
  close(count: bigint, each: (piece: Taken) => void): bigint {
    let left = count;
    while (left > 0n && this.head < this.lots.length) {
      const lot = this.lots[this.head]!;
      const n = left < lot.count ? left : lot.count;
      let piece: Taken;
      if (n === lot.count) {
        piece = { ...lot };
        this.head++;
      } else {
        piece = { count: n, cost: (lot.cost * n) / lot.count, fee: (lot.fee * n) / lot.count, acquired: lot.acquired };
        lot.count -= n;
        lot.cost -= piece.cost;
        lot.fee -= piece.fee;
      }
      this.count -= piece.count;
      this.cost -= piece.cost;
      left -= n;
      each(piece);
    }
    this.compact();
    return count - left;
  }

  /** The open lots, oldest first (average cost: the one pool). */
  openLots(): readonly Lot[] {
    return this.lots.slice(this.head);
  }

  private compact(): void {
    if (this.head === this.lots.length) {
      this.lots.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.lots.length) {
      this.lots.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** A market's book in one subaccount. */
export interface Book {
  subaccount: number;
  ticker: string;
  netting: boolean;
  yes: LotSide;
  no: LotSide;
  /** Figures of the period. */
  figures: MarketPnl;
  /** Over the whole history, for reconciliation. */
  allRealized: bigint;
  allKnownFees: bigint;
  /** Net cash of the fills before fees. */
  fillCash: bigint;
  /** Fills without a fee of their own: when and how many contracts (for estimated fees). */
  feeless: { ts: number; count: bigint }[];
  /** Lots closed in the period, to flag when this book's fees turn out estimated. */
  lots: ClosedLot[];
}

