/** The shape of the fake account: which subaccounts and exchange shards exist. */

/** Subaccounts that hold seeded data (0 = primary); more can be created up to MAX_SUBACCOUNT. */
export const SUBACCOUNTS: readonly number[] = [0, 1, 2, 3];

/** Highest numbered subaccount, as at Kalshi. */
export const MAX_SUBACCOUNT = 63;

/** Shards of the event-contract exchange instance that hold seeded data. */
export const EXCHANGE_INDEXES: readonly number[] = [0, 1, 2];

/** The margined exchange instance has one shard in the fake. */
export const MARGINED_SHARDS = [0] as const;
