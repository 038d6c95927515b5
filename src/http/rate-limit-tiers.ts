/**
 * Kalshi's published budgets, in tokens per second; every request costs 10 tokens. Only the tier
 * whose numbers Kalshi publishes is named here; give numbers for the others.
 */
export const RATE_LIMIT_TIERS = {
  basic: { read: 200, write: 100 },
} as const;

/** A Kalshi tier whose budget is known by name. */
export type RateLimitTier = keyof typeof RATE_LIMIT_TIERS;
