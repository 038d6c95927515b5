import type { components } from '../../generated/schema.js';
import { fillSecond } from '../fill-time.js';

type Fill = components['schemas']['Fill'];

/** Filters `allFills` can honour on both sides of the cutoff (the historical endpoint takes fewer). */
export interface AllFillsQuery {
  ticker?: string;
  /** Only fills at or after this time: Unix seconds, or a `Date`. */
  min_ts?: number | Date;
  /** Only fills at or before this time: Unix seconds, or a `Date`. */
  max_ts?: number | Date;
  /** Page size for both endpoints. */
  limit?: number;
  /** Only this subaccount's fills (0 the primary; both endpoints take it); every subaccount's when absent. */
  subaccount?: number;
}

/** An {@link AllFillsQuery} as getFills sends it: times in Unix seconds, as the merge compares them. */
export type CheckedFillsQuery = Omit<AllFillsQuery, 'min_ts' | 'max_ts'> & { min_ts?: number; max_ts?: number };

export interface FillHistorySources {
  /** The live fills, newest first (GET /portfolio/fills through every page). */
  live(query: CheckedFillsQuery): AsyncIterable<Fill>;
  /** The archived fills, newest first (GET /historical/fills through every page). */
  historical(query: Omit<CheckedFillsQuery, 'min_ts'>): AsyncIterable<Fill>;
  /** Where the archive currently ends (GET /historical/cutoff's trades_created_ts). */
  cutoffSeconds(): Promise<number>;
}

/**
 * A complete fill history, newest first: the live fills, then the archived ones older than the
 * last live fill seen. The cutoff between them moves while we read, so a fill may be archived
 * after we met it live; the historical side skips everything newer than the live side's last
 * second, and within that second skips the fills already yielded, so each fill comes out once.
 */
export async function* fillHistory(sources: FillHistorySources, query: CheckedFillsQuery = {}): AsyncGenerator<Fill, void, undefined> {
  let oldestSecond: number | undefined;
  let idsInOldestSecond = new Set<string>();
  for await (const fill of sources.live(query)) {
    yield fill;
    const second = fillSecond(fill);
    if (second === undefined) continue;
    if (oldestSecond === undefined || second < oldestSecond) {
      oldestSecond = second;
      idsInOldestSecond = new Set();
    }
    if (second === oldestSecond) idsInOldestSecond.add(fill.fill_id);
  }

  const { min_ts, ...rest } = query;
  const upper = oldestSecond ?? query.max_ts;
  if (min_ts !== undefined && (min_ts >= (await sources.cutoffSeconds()) || (upper !== undefined && upper < min_ts))) return;
  for await (const fill of sources.historical({ ...rest, ...(upper !== undefined ? { max_ts: upper } : {}) })) {
    const second = fillSecond(fill);
    if (second !== undefined && oldestSecond !== undefined) {
      if (second > oldestSecond || (second === oldestSecond && idsInOldestSecond.has(fill.fill_id))) continue;
    }
    // Newest first: once past min_ts, everything after is older still.
    if (min_ts !== undefined && second !== undefined && second < min_ts) return;
    yield fill;
  }
}
