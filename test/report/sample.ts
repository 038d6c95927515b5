/** The history the report's tests (and docs/report.png) show: six months of generated trading, and a cash balance with a small residual. */
import { generatedHistory } from '../../bench/pnl-history.js';
import { formatDollars } from '../../src/money.js';
import { computePnl, type PnlInput, type PnlResult } from '../../src/pnl/index.js';

export const SAMPLE_SHAPE = { fills: 4_000, seed: 26, start: Date.UTC(2026, 5, 1) / 1000, step: 3_900, turn: 60 };
export const SAMPLE_END = SAMPLE_SHAPE.start + SAMPLE_SHAPE.fills * SAMPLE_SHAPE.step;
/** Interest the history cannot explain, so the reconciliation shows a residual. */
export const SAMPLE_INTEREST = 12_340_000n;

export function sampleResult(): PnlResult {
  const input: PnlInput = generatedHistory(SAMPLE_SHAPE);
  const withoutBalance = computePnl({ ...input, balances: [{ subaccount_number: 0, exchange_index: 0, balance: '0.00', updated_ts: SAMPLE_END }, { subaccount_number: 1, exchange_index: 0, balance: '0.00', updated_ts: SAMPLE_END }] });
  const expected = withoutBalance.reconciliation.cash!.expected + SAMPLE_INTEREST;
  const balance = formatDollars(expected);
  return computePnl({ ...input, balances: [{ subaccount_number: 0, exchange_index: 0, balance, updated_ts: SAMPLE_END }, { subaccount_number: 1, exchange_index: 0, balance: '0.00', updated_ts: SAMPLE_END }] });
}
