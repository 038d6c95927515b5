/**
 * The long REST sweep (run by CI): three seeds, every cursor followed to its end, and the reads
 * again with nothing archived and with everything archived, all against Kalshi's OpenAPI 3.31.0.
 */
import { describeRestSweep } from './rest-sweep.js';

describeRestSweep({ seeds: [5, 23, 41], maxPages: 1_000, cutoffPasses: true, fills: 240 });
