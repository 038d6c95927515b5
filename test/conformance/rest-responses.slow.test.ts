/**
 * The long REST sweep (run by CI): three seeds, up to 40 pages of every cursor, and the reads
 * again with nothing archived and with everything archived, all against Kalshi's OpenAPI 3.31.0.
 */
import { describeRestSweep } from './rest-sweep.js';

describeRestSweep({ seeds: [5, 23, 41], maxPages: 40, cutoffPasses: true, fills: 160, timeoutMs: 300_000 });
