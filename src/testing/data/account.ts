/**
 * The account's mutable state, seeded from the dataset: cash per
 * (exchange instance, subaccount, shard), the subaccounts, netting settings,
 * transfer histories and the target balance allocation. Every write route goes
 * through here, and every read route that shows money reads from here, so a
 * transfer shows up in GET /portfolio/balance, the subaccount balances and the
 * histories alike.
 *
 * Runtime rows are stamped with the dataset's "now" (not the wall clock) and
 * get ids from a seeded stream, so the same requests in the same order give
 * the same answers. A change the account refuses throws AccountError.
 */

import { AccountError } from './account-error.js';
import { MARGINED_SHARDS, MAX_SUBACCOUNT } from './account-layout.js';
import type { AccountSnapshot } from './account-snapshot.js';
import { type CashLookup, balanceOf } from './balance.js';
import type { FakeDataset } from './dataset-types.js';
import { type Sequenced, sequencedOrder } from './ordering.js';
import { seededUuid, subRng } from './prng.js';
import { centsToMicros, parseDollars, wireDollars } from './wire-money.js';
import type {
  ExchangeInstance, GetBalanceResponse, GetTargetBalanceAllocationResponse, IntraExchangeInstanceTransfer,
  RestingMarginReservation, SubaccountBalance, SubaccountNettingConfig, SubaccountTransfer, TargetBalanceAllocation,
} from './wire-types.js';

export const subaccountTransferOrder = sequencedOrder<SubaccountTransfer>('subaccount_transfers');
export const intraTransferOrder = sequencedOrder<IntraExchangeInstanceTransfer>('intra_exchange_instance_transfers');

export interface SubaccountTransferInput {
  clientTransferId: string;
  from: number;
  to: number;
  amountCents: number;
  exchangeIndex: number;
}

export interface IntraTransferInput {
  source: ExchangeInstance;
  destination: ExchangeInstance;
  amountCents: number;
  sourceShard: number;
  destinationShard: number;
  sourceSubaccount: number;
  destinationSubaccount: number;
}

export interface Account {
  /** GET /portfolio/balance from the current cash. */
  balance(subaccount: number, exchangeIndex: number | undefined): GetBalanceResponse;
  subaccountBalances(): SubaccountBalance[];
  /** Creates the lowest free numbered subaccount and returns its number. */
  createSubaccount(exchangeIndex: number | undefined): number;
  netting(): SubaccountNettingConfig[];
  /** Sets netting for the subaccount on every exchange shard. */
  setNetting(subaccount: number, enabled: boolean): void;
  /** Newest first. */
  subaccountTransfers(): ReadonlyArray<Sequenced<SubaccountTransfer>>;
  applySubaccountTransfer(input: SubaccountTransferInput): SubaccountTransfer;
  /** Newest first. */
  intraTransfers(): ReadonlyArray<Sequenced<IntraExchangeInstanceTransfer>>;
  intraTransfer(transferId: string): IntraExchangeInstanceTransfer | undefined;
  requestIntraTransfer(input: IntraTransferInput): IntraExchangeInstanceTransfer;
  /** Cash of a subaccount on a shard of the event-contract instance, micro-dollars. */
  cash(subaccount: number, exchangeIndex: number): bigint;
  /** Moves a trade's cash (negative: it paid) in a subaccount's pot on a shard. */
  addTradeCash(subaccount: number, exchangeIndex: number, micros: bigint): void;
  /** Whether netting is on for a subaccount on a shard (on where nothing says otherwise). */
  nettingEnabled(subaccount: number, exchangeIndex: number): boolean;
  allocation(): GetTargetBalanceAllocationResponse;
  setAllocation(allocations: TargetBalanceAllocation[], reservation: RestingMarginReservation): void;
  snapshot(): AccountSnapshot;
}

const potKey = (instance: ExchangeInstance, subaccount: number, shard: number) => `${instance}/${subaccount}/${shard}`;

export function createAccount(data: FakeDataset): Account {
  const nowS = Math.floor(data.now / 1000);
  const ids = subRng(data.seed, 'runtime-ids');
  const shards = data.exchangeIndexes;
  const subaccounts = new Set(data.subaccounts);
  const pots = new Map<string, bigint>();
  for (const c of data.cash) pots.set(potKey('event_contract', c.subaccount, c.exchange_index), parseDollars(c.balance_dollars));
  for (const c of data.marginedCash) pots.set(potKey('margined', c.subaccount, c.exchange_index), parseDollars(c.balance_dollars));
  const netting = data.netting.map((n) => ({ ...n }));
  const clientTransferIds = new Set<string>();
  // Seeded rows are numbered oldest = 0, so the sequenced order reproduces the seeded order.
  const transfers: Array<Sequenced<SubaccountTransfer>> = data.subaccountTransfers
    .map((row, i, all) => ({ seq: all.length - 1 - i, row: { ...row } }));
  const intra: Array<Sequenced<IntraExchangeInstanceTransfer>> = data.intraExchangeTransfers
    .map((row, i, all) => ({ seq: all.length - 1 - i, row: { ...row } }));
  let allocation: GetTargetBalanceAllocationResponse = structuredClone(data.targetBalanceAllocation);

  const cashOf: CashLookup = (subaccount, shard) => pots.get(potKey('event_contract', subaccount, shard)) ?? 0n;

  const requireSubaccount = (subaccount: number, field: string) => {
    if (!subaccounts.has(subaccount)) {
      throw new AccountError('invalid', 'subaccount_not_found', 'subaccount not found', `${field}: subaccount ${subaccount} does not exist`);
    }
  };
  const requireShard = (instance: ExchangeInstance, shard: number, field: string) => {
    const known: readonly number[] = instance === 'margined' ? MARGINED_SHARDS : shards;
    if (!known.includes(shard)) {
      throw new AccountError('invalid', 'invalid_exchange_index', 'unknown exchange index', `${field}: ${instance} has no exchange index ${shard} (known: ${known.join(', ')})`);
    }
  };
  const move = (from: string, to: string, micros: bigint) => {
    const available = pots.get(from) ?? 0n;
    if (available < micros) {
      throw new AccountError('invalid', 'insufficient_balance', 'insufficient balance', `available ${wireDollars(available)}, requested ${wireDollars(micros)}`);
    }
    pots.set(from, available - micros);
    pots.set(to, (pots.get(to) ?? 0n) + micros);
  };
  const recordSubaccountTransfer = (row: SubaccountTransfer) => {
    // Runtime rows are stamped "now", after every seeded row, and numbered on: they go first.
    transfers.unshift({ seq: transfers.length, row });
  };

  return {
    balance: (subaccount, exchangeIndex) => balanceOf(data, subaccount, exchangeIndex, cashOf),

    subaccountBalances: () => [...subaccounts].sort((a, b) => a - b).flatMap((subaccount) =>
      shards.map((shard) => ({
        subaccount_number: subaccount,
        exchange_index: shard,
        balance: wireDollars(cashOf(subaccount, shard), 4),
        updated_ts: nowS,
      }))),

    createSubaccount(exchangeIndex) {
      if (exchangeIndex !== undefined) requireShard('event_contract', exchangeIndex, 'exchange_index');
      let next = 1;
      while (next <= MAX_SUBACCOUNT && subaccounts.has(next)) next++;
      if (next > MAX_SUBACCOUNT) {
        throw new AccountError('invalid', 'subaccount_limit_reached', 'subaccount limit reached', `all ${MAX_SUBACCOUNT} numbered subaccounts exist`);
      }
      subaccounts.add(next);
      for (const shard of shards) netting.push({ subaccount_number: next, enabled: true, exchange_index: shard });
      netting.sort((a, b) => a.subaccount_number - b.subaccount_number || a.exchange_index - b.exchange_index);
      return next;
    },

    netting: () => netting.map((n) => ({ ...n })),

    setNetting(subaccount, enabled) {
      requireSubaccount(subaccount, 'subaccount_number');
      for (const n of netting) if (n.subaccount_number === subaccount) n.enabled = enabled;
    },

    subaccountTransfers: () => transfers,

    applySubaccountTransfer(input) {
      if (clientTransferIds.has(input.clientTransferId)) {
        throw new AccountError('conflict', 'duplicate_client_transfer_id', 'duplicate client transfer id', `client_transfer_id ${input.clientTransferId} was already applied`);
      }
      requireSubaccount(input.from, 'from_subaccount');
      requireSubaccount(input.to, 'to_subaccount');
      if (input.from === input.to) {
        throw new AccountError('invalid', 'invalid_transfer', 'invalid transfer', 'from_subaccount and to_subaccount are the same');
      }
      requireShard('event_contract', input.exchangeIndex, 'exchange_index');
      move(
        potKey('event_contract', input.from, input.exchangeIndex),
        potKey('event_contract', input.to, input.exchangeIndex),
        centsToMicros(input.amountCents),
      );
      clientTransferIds.add(input.clientTransferId);
      const row: SubaccountTransfer = {
        transfer_id: seededUuid(ids),
        from_subaccount: input.from,
        to_subaccount: input.to,
        amount_cents: input.amountCents,
        created_ts: nowS,
        exchange_index: input.exchangeIndex,
      };
      recordSubaccountTransfer(row);
      return { ...row };
    },

    intraTransfers: () => intra,

    intraTransfer: (transferId) => {
      const found = intra.find((e) => e.row.transfer_id === transferId);
      return found ? { ...found.row } : undefined;
    },

    requestIntraTransfer(input) {
      requireShard(input.source, input.sourceShard, 'source_exchange_shard');
      requireShard(input.destination, input.destinationShard, 'destination_exchange_shard');
      requireSubaccount(input.sourceSubaccount, 'source_subaccount');
      requireSubaccount(input.destinationSubaccount, 'destination_subaccount');
      const from = potKey(input.source, input.sourceSubaccount, input.sourceShard);
      const to = potKey(input.destination, input.destinationSubaccount, input.destinationShard);
      if (from === to) throw new AccountError('invalid', 'invalid_transfer', 'invalid transfer', 'source and destination are the same account');
      move(from, to, centsToMicros(input.amountCents));
      const row: IntraExchangeInstanceTransfer = {
        transfer_id: seededUuid(ids),
        source: input.source,
        destination: input.destination,
        source_exchange_shard: input.sourceShard,
        destination_exchange_shard: input.destinationShard,
        amount: wireDollars(centsToMicros(input.amountCents)),
        status: 'complete',
        created_ts: nowS,
      };
      intra.unshift({ seq: intra.length, row });
      // Within one shard of the event-contract exchange this is a move between subaccounts,
      // and it shows in that history too, under the same id.
      if (input.source === 'event_contract' && input.destination === 'event_contract' && input.sourceShard === input.destinationShard) {
        recordSubaccountTransfer({
          transfer_id: row.transfer_id,
          from_subaccount: input.sourceSubaccount,
          to_subaccount: input.destinationSubaccount,
          amount_cents: input.amountCents,
          created_ts: nowS,
          exchange_index: input.sourceShard,
        });
      }
      return { ...row };
    },

    cash: cashOf,

    addTradeCash(subaccount, exchangeIndex, micros) {
      const key = potKey('event_contract', subaccount, exchangeIndex);
      pots.set(key, (pots.get(key) ?? 0n) + micros);
    },

    nettingEnabled: (subaccount, exchangeIndex) =>
      netting.find((n) => n.subaccount_number === subaccount && n.exchange_index === exchangeIndex)?.enabled ?? true,

    allocation: () => structuredClone(allocation),

    setAllocation(allocations, reservation) {
      const seen = new Set<number>();
      for (const a of allocations) {
        requireShard('event_contract', a.exchange_index, 'allocations.exchange_index');
        if (seen.has(a.exchange_index)) {
          throw new AccountError('invalid', 'invalid_allocation', 'invalid target balance allocation', `exchange index ${a.exchange_index} appears more than once`);
        }
        seen.add(a.exchange_index);
      }
      const total = allocations.reduce((sum, a) => sum + a.percent, 0);
      // An empty list turns automatic rebalancing off; otherwise the shares must make a whole.
      if (allocations.length > 0 && total !== 100) {
        throw new AccountError('invalid', 'invalid_allocation', 'invalid target balance allocation', `percentages add up to ${total}, not 100`);
      }
      allocation = {
        allocations: allocations.map((a) => ({ exchange_index: a.exchange_index, percent: a.percent })),
        resting_margin_reservation: reservation,
      };
    },

    snapshot() {
      const ordered = [...subaccounts].sort((a, b) => a - b);
      const margined = [...pots]
        .filter(([key, micros]) => key.startsWith('margined/') && micros !== 0n)
        .map(([key, micros]) => {
          const [, subaccount, shard] = key.split('/');
          return { subaccount: Number(subaccount), exchange_index: Number(shard), balance_dollars: wireDollars(micros, 4) };
        })
        .sort((a, b) => a.subaccount - b.subaccount || a.exchange_index - b.exchange_index);
      return {
        subaccounts: ordered,
        cash: ordered.flatMap((subaccount) => shards.map((shard) => ({
          subaccount, exchange_index: shard, balance_dollars: wireDollars(cashOf(subaccount, shard), 4),
        }))),
        marginedCash: margined,
        netting: netting.map((n) => ({ ...n })),
        subaccountTransfers: transfers.map((e) => ({ ...e.row })),
        clientTransferIds: [...clientTransferIds],
        intraExchangeTransfers: intra.map((e) => ({ ...e.row })),
        targetBalanceAllocation: structuredClone(allocation),
      };
    },
  };
}
