/**
 * The fake account's data from a seed: fills, settlements, positions, cash and
 * orders over about six months before a fixed "now" that is also
 * derived from the seed (never the wall clock), plus the account's money
 * history and settings (funding.ts, account-seed.ts) and the historical
 * partition's views (historical.ts). Each kind has its own generator module;
 * this one only runs them.
 *
 * The trading generators share the one "dataset" stream, in the order below:
 * reordering them, or adding a draw to one, changes every seed's data. Orders
 * take the sizes and prices of resting orders from it (where the seeded value
 * of resting orders used to come from) and everything else from their own
 * stream (orders.ts), so they changed nothing else.
 */

import { seedAccount } from './account-seed.js';
import { EXCHANGE_INDEXES, SUBACCOUNTS } from './account-layout.js';
import { balanceOf, seededCash } from './balance.js';
import { makeCash } from './cash.js';
import { createCatalog, marketInfo } from './catalog.js';
import type { FakeDataset } from './dataset-types.js';
import { aggregateEvents } from './event-positions.js';
import { makeFills } from './fills.js';
import { makeMovements } from './funding.js';
import type { GenContext } from './generation.js';
import { cutoffFromDays, cutoffViews } from './historical.js';
import { fillOrder, positionOrder, settlementOrder, sortRows } from './ordering.js';
import { makeOrders } from './orders.js';
import { makePositions } from './positions.js';
import { randInt, seededUuid, subRng } from './prng.js';
import { drawRestingOrders, restingOrderValue } from './resting-orders.js';
import { makeSettlements } from './settlements.js';
import { DAY_US, SECOND_US, unixSeconds } from './time.js';

export interface DatasetOptions {
  seed: number;
  fills: number;
  settlements: number;
  marketPositions: number;
  deposits: number;
  withdrawals: number;
  subaccountTransfers: number;
  intraExchangeTransfers: number;
  historicalCutoffDays: number | null;
}

/** Earliest possible "now"; the seed adds up to 45 days. */
const BASE_NOW_SECONDS = Date.UTC(2026, 9, 15, 16, 0, 0) / 1000;
const HISTORY_DAYS = 183;

export function generateDataset(options: DatasetOptions): FakeDataset {
  const rng = subRng(options.seed, 'dataset');
  const catalog = createCatalog(options.seed);
  const nowUs = (BASE_NOW_SECONDS + randInt(rng, 0, 45 * 86_400)) * SECOND_US;
  const ctx: GenContext = { rng, catalog, nowUs, fromUs: nowUs - HISTORY_DAYS * DAY_US, used: new Map() };

  const fills = sortRows(makeFills(ctx, options.fills), fillOrder);
  const settlements = sortRows(makeSettlements(ctx, options.settlements, fills), settlementOrder);
  const marketPositions = sortRows(makePositions(ctx, options.marketPositions), positionOrder);
  const eventPositions = aggregateEvents(marketPositions);
  const cash = makeCash(rng);
  const restingDraws = drawRestingOrders(rng, marketPositions);
  const userId = seededUuid(subRng(options.seed, 'user-id'));
  const { orders, queuePositions, orderGroups } = makeOrders({
    seed: options.seed, catalog, nowUs, fromUs: ctx.fromUs, userId, fills, resting: restingDraws,
  });
  const nowS = unixSeconds(nowUs);
  const fromS = unixSeconds(ctx.fromUs);
  const account = seedAccount({
    seed: options.seed,
    subaccountTransfers: options.subaccountTransfers,
    intraExchangeTransfers: options.intraExchangeTransfers,
    subaccounts: SUBACCOUNTS,
    exchangeIndexes: EXCHANGE_INDEXES,
    fromS,
    nowS,
  });

  const now = nowUs / 1000;
  const dataset: Omit<FakeDataset, 'balance'> = {
    seed: options.seed,
    now,
    subaccounts: [...SUBACCOUNTS],
    exchangeIndexes: [...EXCHANGE_INDEXES],
    markets: [...ctx.used.values()].sort((a, b) => (a.ticker < b.ticker ? -1 : 1)).map(marketInfo),
    fills,
    ...cutoffViews({ fills, marketPositions, orders }, cutoffFromDays(now, options.historicalCutoffDays)),
    settlements,
    marketPositions,
    eventPositions,
    cash,
    marginedCash: account.marginedCash,
    userId,
    orders,
    queuePositions,
    orderGroups,
    restingOrderValue: restingOrderValue(orders),
    deposits: makeMovements(options.seed, 'deposit', options.deposits, fromS, nowS),
    withdrawals: makeMovements(options.seed, 'withdrawal', options.withdrawals, fromS, nowS),
    subaccountTransfers: account.subaccountTransfers,
    intraExchangeTransfers: account.intraExchangeTransfers,
    netting: account.netting,
    targetBalanceAllocation: account.targetBalanceAllocation,
  };
  return { ...dataset, balance: balanceOf(dataset, 0, undefined, seededCash(dataset.cash)) };
}
