/**
 * Every REST answer of the fake, for all 43 operations, against Kalshi's OpenAPI 3.31.0: one seed,
 * the first pages of each query (the .slow variant follows cursors further, over more seeds and cutoffs).
 */
import { describeRestSweep } from './rest-sweep.js';

describeRestSweep({ seeds: [5], maxPages: 3, cutoffPasses: false, fills: 120, timeoutMs: 30_000 });
