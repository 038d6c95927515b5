/** What the dataset's generators share: one PRNG stream, the catalog, the history window, and common draws. */

import type { Catalog, CatalogMarket } from './catalog.js';
import { type Rng, chance, randInt, weighted } from './prng.js';

export interface GenContext {
  /** The dataset's stream: the generators draw from it in a fixed order, which the seed's data depends on. */
  rng: Rng;
  catalog: Catalog;
  /** The dataset's "now", epoch microseconds. */
  nowUs: number;
  /** Start of the history window, epoch microseconds. */
  fromUs: number;
  /** Markets the data refers to, collected for `FakeDataset.markets`. */
  used: Map<string, CatalogMarket>;
}

/** The primary account trades most; numbered subaccounts less and less. */
const SUBACCOUNT_WEIGHTS = [[0, 55], [1, 20], [2, 15], [3, 10]] as const;

export function pickSubaccount(rng: Rng): number {
  return weighted(rng, SUBACCOUNT_WEIGHTS);
}

/** Hundredths of a contract: mostly whole contracts (1..maxWhole), sometimes a fraction. */
export function randomCount(rng: Rng, maxWhole: number): number {
  const whole = randInt(rng, 1, maxWhole) * 100;
  return chance(rng, 0.1) ? whole - 50 + (whole === 100 ? 25 : 0) : whole;
}
