/**
 * Generates the fake account's data from a seed: fills, settlements,
 * positions, cash and resting orders over about six months before a fixed
 * "now" that is also derived from the seed (never the wall clock), plus the
 * account's money history and settings (funding.ts, accountSeed.ts) and the
 * historical partition's views (historical.ts).
 */

import { seedAccount } from './accountSeed.js';
import { type Catalog, type CatalogEvent, type CatalogMarket, createCatalog } from './catalog.js';
import { aggregateEvents } from './eventPositions.js';
import { MICROS_PER_CENT, parseDollars, truncatedCents, wireCount, wireDollars } from './exact.js';
import { MICROS_PER_DAY, MICROS_PER_SECOND, formatTime, microsToSeconds } from './time.js';
import { makeMovements } from './funding.js';
import { cutoffFromDays, cutoffViews } from './historical.js';
import { fillOrder, positionOrder, settlementOrder, sortRows } from './ordering.js';
import { type Rng, chance, pick, randInt, seededUuid, subRng, weighted } from './prng.js';
import type {
  CashEntry, FakeDataset, Fill, GetBalanceResponse,
  GetPortfolioRestingOrderTotalValueResponse, MarketInfo, MarketPositionEntry, SettlementEntry,
} from './types.js';

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
const SUBACCOUNTS = [0, 1, 2, 3];
const EXCHANGE_INDEXES = [0, 1, 2];
const SUBACCOUNT_WEIGHTS = [[0, 55], [1, 20], [2, 15], [3, 10]] as const;

export function generateDataset(options: DatasetOptions): FakeDataset {
  const rng = subRng(options.seed, 'dataset');
  const catalog = createCatalog(options.seed);
  const nowUs = (BASE_NOW_SECONDS + randInt(rng, 0, 45 * 86_400)) * MICROS_PER_SECOND;
  const ctx: GenContext = { rng, catalog, nowUs, fromUs: nowUs - HISTORY_DAYS * MICROS_PER_DAY, used: new Map() };

  const fills = sortRows(makeFills(ctx, options.fills), fillOrder);
  const settlements = sortRows(makeSettlements(ctx, options.settlements, fills), settlementOrder);
  const marketPositions = sortRows(makePositions(ctx, options.marketPositions), positionOrder);
  const eventPositions = aggregateEvents(marketPositions);
  const cash = makeCash(rng);
  const restingOrderValue = makeRestingOrderValue(rng, marketPositions);
  const nowS = microsToSeconds(nowUs);
  const fromS = microsToSeconds(ctx.fromUs);
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
    markets: [...ctx.used.values()].sort((a, b) => (a.ticker < b.ticker ? -1 : 1)).map(toMarketInfo),
    fills,
    ...cutoffViews({ fills, marketPositions }, cutoffFromDays(now, options.historicalCutoffDays)),
    settlements,
    marketPositions,
    eventPositions,
    cash,
    marginedCash: account.marginedCash,
    restingOrderValue,
    deposits: makeMovements(options.seed, 'deposit', options.deposits, fromS, nowS),
    withdrawals: makeMovements(options.seed, 'withdrawal', options.withdrawals, fromS, nowS),
    subaccountTransfers: account.subaccountTransfers,
    intraExchangeTransfers: account.intraExchangeTransfers,
    netting: account.netting,
    targetBalanceAllocation: account.targetBalanceAllocation,
  };
  return { ...dataset, balance: balanceOf(dataset, 0, undefined, seededCash(dataset.cash)) };
}

/** Cash of one (subaccount, exchange index) in micro-dollars; 0 where there is none. */
export type CashLookup = (subaccount: number, exchangeIndex: number) => bigint;

/** A CashLookup over cash entries. */
export function seededCash(cash: readonly CashEntry[]): CashLookup {
  return (subaccount, exchangeIndex) => {
    const entry = cash.find((c) => c.subaccount === subaccount && c.exchange_index === exchangeIndex);
    return entry ? parseDollars(entry.balance_dollars) : 0n;
  };
}

/**
 * GET /portfolio/balance for one subaccount, optionally one exchange shard.
 * `balance` is the truncated cents of the cash; `portfolio_value` the
 * truncated cents of the market exposure of the subaccount's positions.
 */
export function balanceOf(
  data: Pick<FakeDataset, 'exchangeIndexes' | 'marketPositions' | 'now'>,
  subaccount: number,
  exchangeIndex: number | undefined,
  cashOf: CashLookup,
): GetBalanceResponse {
  const indexes = exchangeIndex === undefined ? data.exchangeIndexes : [exchangeIndex];
  let cashMicros = 0n;
  const breakdown = indexes.map((index) => {
    const micros = cashOf(subaccount, index);
    cashMicros += micros;
    return { exchange_index: index, balance: wireDollars(micros, 6) };
  });
  const exposure = data.marketPositions
    .filter((e) => e.subaccount === subaccount && indexes.includes(e.position.exchange_index))
    .reduce((sum, e) => sum + parseDollars(e.position.market_exposure_dollars), 0n);
  return {
    balance: truncatedCents(cashMicros),
    balance_dollars: wireDollars(cashMicros, 4),
    portfolio_value: truncatedCents(exposure),
    updated_ts: Math.floor(data.now / 1000),
    balance_breakdown: breakdown,
  };
}

// ------------------------------------------------------------------ internals

interface GenContext {
  rng: Rng;
  catalog: Catalog;
  nowUs: number;
  /** Start of the history window. */
  fromUs: number;
  /** Markets the data refers to. */
  used: Map<string, CatalogMarket>;
}

function toMarketInfo(m: CatalogMarket): MarketInfo {
  return {
    ticker: m.ticker,
    event_ticker: m.eventTicker,
    series_ticker: m.seriesTicker,
    exchange_index: m.exchangeIndex,
    open_ts: microsToSeconds(m.openUs),
    close_ts: microsToSeconds(m.closeUs),
    settlement_ts: microsToSeconds(m.settleUs),
    result: m.result,
    value: m.value,
  };
}

function pickSubaccount(rng: Rng): number {
  return weighted(rng, SUBACCOUNT_WEIGHTS);
}

/** Mostly whole contracts, sometimes fractional ones (hundredths). */
function randomCount(rng: Rng, maxWhole: number): number {
  const whole = randInt(rng, 1, maxWhole) * 100;
  return chance(rng, 0.1) ? whole - 50 + (whole === 100 ? 25 : 0) : whole;
}

/** Kalshi-like trading fee rate * C * P * (1 - P), rounded up to $0.0001, in micro-dollars. */
function tradingFee(countHundredths: number, priceMicros: number, rate: number): number {
  const raw = (rate * countHundredths * priceMicros * (1_000_000 - priceMicros)) / (100 * 1_000_000);
  return Math.ceil(raw / 100 - 1e-9) * 100;
}

function makeFills(ctx: GenContext, total: number): Fill[] {
  const { rng, catalog, nowUs, fromUs } = ctx;
  const fills: Fill[] = [];
  while (fills.length < total) {
    const ev = catalog.randomEvent(rng, fromUs, nowUs, (e) => Math.max(e.openUs, fromUs) < Math.min(e.closeUs, nowUs));
    const market = pick(rng, ev.markets);
    ctx.used.set(market.ticker, market);
    const lo = Math.max(market.openUs, fromUs);
    const hi = Math.min(market.closeUs, nowUs);
    let t = lo + Math.floor(rng() * (hi - lo));
    const orderId = seededUuid(rng);
    const subaccount = pickSubaccount(rng);
    const side = chance(rng, 0.55) ? 'yes' : 'no';
    const action = chance(rng, 0.75) ? 'buy' : 'sell';
    const isTaker = chance(rng, 0.6);
    let cents = randInt(rng, 2, 98);
    const subpenny = chance(rng, 0.08) ? 5_000 : 0;
    const pieces = weighted(rng, [[1, 60], [2, 22], [3, 12], [4, 6]] as const);
    for (let k = 0; k < pieces && fills.length < total; k++) {
      if (k > 0) {
        t = Math.min(hi, t + randInt(rng, 0, 600) * MICROS_PER_SECOND + randInt(rng, 0, 999_999));
        if (chance(rng, 0.3)) cents = Math.min(98, Math.max(2, cents + (chance(rng, 0.5) ? 1 : -1)));
      }
      const yesMicros = cents * MICROS_PER_CENT + subpenny;
      const noMicros = 1_000_000 - yesMicros;
      const count = randomCount(rng, 40);
      const paid = side === 'yes' ? yesMicros : noMicros;
      const fee = isTaker ? tradingFee(count, paid, 0.07) : chance(rng, 0.25) ? tradingFee(count, paid, 0.0175) : 0;
      const fillId = seededUuid(rng);
      fills.push({
        fill_id: fillId,
        trade_id: fillId,
        order_id: orderId,
        ticker: market.ticker,
        market_ticker: market.ticker,
        exchange_index: market.exchangeIndex,
        side,
        action,
        outcome_side: side,
        book_side: action === 'buy' ? 'bid' : 'ask',
        count_fp: wireCount(count),
        yes_price_dollars: wireDollars(yesMicros, 4),
        no_price_dollars: wireDollars(noMicros, 4),
        is_taker: isTaker,
        created_time: formatTime(t, 6),
        fee_cost: wireDollars(fee, 6),
        subaccount_number: subaccount,
        ts: microsToSeconds(t),
      });
    }
  }
  return fills;
}

function makeSettlements(ctx: GenContext, total: number, fills: Fill[]): SettlementEntry[] {
  const { rng, catalog, nowUs, fromUs } = ctx;
  const settled = (m: { settleUs: number }) => m.settleUs <= nowUs && m.settleUs >= fromUs;
  const seen = new Set<string>();
  const entries: SettlementEntry[] = [];
  const add = (market: CatalogMarket, subaccount: number) => {
    const key = `${subaccount}/${market.ticker}`;
    if (seen.has(key) || entries.length >= total) return;
    seen.add(key);
    ctx.used.set(market.ticker, market);
    entries.push({ subaccount, settlement: makeSettlement(rng, market) });
  };
  // About half settle markets the account actually traded...
  for (const f of fills) {
    if (entries.length >= Math.floor(total / 2)) break;
    const market = catalog.market(f.ticker)!;
    if (settled(market) && chance(rng, 0.5)) add(market, f.subaccount_number);
  }
  // ...the rest are older positions whose fills are outside the generated ones.
  while (entries.length < total) {
    const ev = catalog.randomEvent(rng, fromUs, nowUs, settled);
    add(pick(rng, ev.markets), pickSubaccount(rng));
  }
  return entries;
}

function makeSettlement(rng: Rng, market: CatalogMarket): SettlementEntry['settlement'] {
  const held = weighted(rng, [['yes', 45], ['no', 45], ['both', 10]] as const);
  const yes = held === 'no' ? 0 : randomCount(rng, 120);
  const no = held === 'yes' ? 0 : randomCount(rng, 120);
  // Cost = hundredths * price in cents * 100 micro-dollars.
  const yesCost = yes * randInt(rng, 3, 97) * 100;
  const noCost = no * randInt(rng, 3, 97) * 100;
  const contracts = yes + no;
  const fee = chance(rng, 0.2) ? 0 : Math.ceil((contracts * randInt(rng, 1, 170)) / 100) * 100;
  return {
    ticker: market.ticker,
    exchange_index: market.exchangeIndex,
    event_ticker: market.eventTicker,
    market_result: market.result,
    yes_count_fp: wireCount(yes),
    yes_total_cost_dollars: wireDollars(yesCost, 2),
    no_count_fp: wireCount(no),
    no_total_cost_dollars: wireDollars(noCost, 2),
    revenue: settlementRevenue(yes, no, market.value),
    settled_time: formatTime(market.settleUs, 0),
    fee_cost: wireDollars(fee, 4),
    value: market.value,
  };
}

/** Whole cents paid out: YES contracts earn `value`, NO contracts `100 - value`; rounded down. */
export function settlementRevenue(yesHundredths: number, noHundredths: number, valueCents: number): number {
  return Math.floor((yesHundredths * valueCents + noHundredths * (100 - valueCents)) / 100);
}

type PositionKind = 'open' | 'settled' | 'resting';

function makePositions(ctx: GenContext, total: number): MarketPositionEntry[] {
  const { rng, catalog, nowUs } = ctx;
  const isOpen = (e: CatalogEvent) => e.openUs < nowUs && e.closeUs > nowUs;
  // Settled positions reach back about five months, so some fall before the historical cutoff.
  const isSettled = (e: CatalogEvent) => e.settleUs <= nowUs && e.settleUs >= nowUs - 150 * MICROS_PER_DAY;
  const held = new Set<string>();
  const eventsBySub = new Map<number, CatalogEvent[]>();
  const entries: MarketPositionEntry[] = [];

  while (entries.length < total) {
    const subaccount = pickSubaccount(rng);
    const mine = eventsBySub.get(subaccount) ?? [];
    const free = (e: CatalogEvent) => e.markets.filter((m) => !held.has(`${subaccount}/${m.ticker}`));
    let event: CatalogEvent | undefined;
    // Often a second market of an event already held, so events group several markets.
    if (chance(rng, 0.45)) {
      const candidates = mine.filter((e) => free(e).length > 0);
      if (candidates.length > 0) event = pick(rng, candidates);
    }
    let kind: PositionKind;
    if (event) {
      kind = isOpen(event) ? (chance(rng, 0.8) ? 'open' : 'resting') : 'settled';
    } else {
      kind = weighted(rng, [['open', 65], ['settled', 20], ['resting', 15]] as const);
      event = kind === 'settled'
        ? catalog.randomEvent(rng, nowUs - 155 * MICROS_PER_DAY, nowUs, isSettled)
        : catalog.randomEvent(rng, nowUs - 95 * MICROS_PER_DAY, nowUs + 30 * MICROS_PER_DAY, isOpen);
      if (!mine.includes(event)) eventsBySub.set(subaccount, [...mine, event]);
    }
    const options = free(event);
    if (options.length === 0) continue;
    const market = pick(rng, options);
    held.add(`${subaccount}/${market.ticker}`);
    ctx.used.set(market.ticker, market);
    entries.push({
      subaccount,
      event_ticker: event.eventTicker,
      event_close_ts: microsToSeconds(event.closeUs),
      settled: market.settleUs <= nowUs,
      position: makePosition(rng, market, kind, nowUs),
    });
  }
  return entries;
}

function makePosition(rng: Rng, market: CatalogMarket, kind: PositionKind, nowUs: number): MarketPositionEntry['position'] {
  let position = 0;
  let exposure = 0;
  let traded = 0;
  let pnl = 0;
  let fees = 0;
  let resting = 0;
  let updatedUs: number;
  if (kind === 'open') {
    const contracts = randomCount(rng, 150);
    position = chance(rng, 0.55) ? contracts : -contracts;
    exposure = contracts * randInt(rng, 3, 97) * 100;
    traded = exposure + randInt(rng, 0, Math.floor(exposure / 10_000)) * 10_000;
    pnl = chance(rng, 0.5) ? 0 : randInt(rng, -3_000, 3_000) * 100;
    fees = Math.ceil(traded * randInt(rng, 0, 17) / 1_000 / 100) * 100;
    resting = weighted(rng, [[0, 60], [1, 20], [2, 12], [3, 8]] as const);
    updatedUs = Math.max(market.openUs, nowUs - randInt(rng, 60, 10 * 86_400) * MICROS_PER_SECOND - randInt(rng, 0, 999) * 1_000);
  } else if (kind === 'settled') {
    traded = randInt(rng, 100, 50_000) * MICROS_PER_CENT;
    pnl = randInt(rng, -20_000, 20_000) * MICROS_PER_CENT;
    fees = Math.ceil(traded * randInt(rng, 0, 17) / 1_000 / 100) * 100;
    updatedUs = market.settleUs;
  } else {
    resting = randInt(rng, 1, 3);
    updatedUs = Math.max(market.openUs, nowUs - randInt(rng, 60, 3 * 86_400) * MICROS_PER_SECOND - randInt(rng, 0, 999) * 1_000);
  }
  return {
    ticker: market.ticker,
    exchange_index: market.exchangeIndex,
    total_traded_dollars: wireDollars(traded, 4),
    position_fp: wireCount(position),
    market_exposure_dollars: wireDollars(exposure, 2),
    realized_pnl_dollars: wireDollars(pnl, 4),
    fees_paid_dollars: wireDollars(fees, 6),
    last_updated_ts: formatTime(updatedUs, 3),
    resting_orders_count: resting,
  };
}

function makeCash(rng: Rng): CashEntry[] {
  const cash: CashEntry[] = [];
  for (const subaccount of SUBACCOUNTS) {
    for (const index of EXCHANGE_INDEXES) {
      const maxDollars = subaccount === 0 ? [20_000, 1_500, 4_000][index]! : [2_000, 300, 500][index]!;
      const empty = index > 0 && chance(rng, subaccount === 0 ? 0.2 : 0.5);
      const micros = empty ? 0 : randInt(rng, 0, maxDollars * 10_000) * 100;
      cash.push({ subaccount, exchange_index: index, balance_dollars: wireDollars(micros, 4) });
    }
  }
  return cash;
}

/** Account-wide value of resting orders per shard, from the positions' resting order counts. */
function makeRestingOrderValue(rng: Rng, positions: MarketPositionEntry[]): GetPortfolioRestingOrderTotalValueResponse {
  const byIndex = new Map<number, number>(EXCHANGE_INDEXES.map((i) => [i, 0]));
  for (const e of positions) {
    for (let k = 0; k < e.position.resting_orders_count; k++) {
      const value = randomCount(rng, 50) * randInt(rng, 2, 98) * 100;
      byIndex.set(e.position.exchange_index, (byIndex.get(e.position.exchange_index) ?? 0) + value);
    }
  }
  const total = [...byIndex.values()].reduce((a, b) => a + b, 0);
  return {
    total_resting_order_value: truncatedCents(total),
    resting_order_value_breakdown: [...byIndex].map(([exchange_index, micros]) => ({ exchange_index, balance: wireDollars(micros, 2) })),
  };
}
