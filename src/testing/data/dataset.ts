/**
 * The fake account's data from a seed: one trading history over about six months before a fixed
 * "now" that is also derived from the seed (never the wall clock), from which fills, positions,
 * settlements and orders follow (history.ts, orders.ts), the money that funded it and where the
 * cash ended up (funding.ts, by the identity in cash-identity.ts), the account's settings
 * (account-seed.ts), and the historical partition's views (historical.ts). Each kind has its own
 * generator module; this one only runs them.
 *
 * The trading history, the resting orders' sizes and prices draw from the one "dataset" stream,
 * in the order below; orders, funding and settings from streams of their own.
 */

import { seedAccount } from './account-seed.js';
import { EXCHANGE_INDEXES, MARGINED_SHARDS, SUBACCOUNTS } from './account-layout.js';
import { balanceOf, seededCash } from './balance.js';
import { createCatalog, marketInfo } from './catalog.js';
import type { FakeDataset } from './dataset-types.js';
import { aggregateEvents } from './event-positions.js';
import { makeFunding } from './funding.js';
import type { GenContext } from './generation.js';
import { cutoffFromDays, cutoffViews } from './historical.js';
import { makeHistory } from './history.js';
import { fillOrder, positionOrder, settlementOrder, sortRows } from './ordering.js';
import { makeOrders } from './orders.js';
import { randInt, seededUuid, subRng } from './prng.js';
import { drawRestingOrders, restingOrderValue } from './resting-orders.js';
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

  const history = makeHistory(ctx, options);
  const fills = sortRows(history.fills, fillOrder);
  const settlements = sortRows(history.settlements, settlementOrder);
  const marketPositions = sortRows(history.marketPositions, positionOrder);
  const eventPositions = aggregateEvents(marketPositions);
  const restingDraws = drawRestingOrders(rng, marketPositions);
  const userId = seededUuid(subRng(options.seed, 'user-id'));
  const { orders, queuePositions, orderGroups } = makeOrders({
    seed: options.seed, catalog, nowUs, fromUs: ctx.fromUs, userId, fills, resting: restingDraws,
  });
  const nowS = unixSeconds(nowUs);
  const fromS = unixSeconds(ctx.fromUs);
  const account = seedAccount(options.seed, SUBACCOUNTS, EXCHANGE_INDEXES);
  const funding = makeFunding({
    seed: options.seed,
    deposits: options.deposits,
    withdrawals: options.withdrawals,
    subaccountTransfers: options.subaccountTransfers,
    intraExchangeTransfers: options.intraExchangeTransfers,
    subaccounts: SUBACCOUNTS,
    exchangeIndexes: EXCHANGE_INDEXES,
    marginedShard: MARGINED_SHARDS[0],
    fromS,
    nowS,
  }, history.cashMoves);

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
    cash: funding.cash,
    marginedCash: funding.marginedCash,
    userId,
    orders,
    queuePositions,
    orderGroups,
    restingOrderValue: restingOrderValue(orders),
    deposits: funding.deposits,
    withdrawals: funding.withdrawals,
    subaccountTransfers: funding.subaccountTransfers,
    intraExchangeTransfers: funding.intraExchangeTransfers,
    netting: account.netting,
    targetBalanceAllocation: account.targetBalanceAllocation,
  };
  return { ...dataset, balance: balanceOf(dataset, 0, undefined, seededCash(dataset.cash)) };
}
