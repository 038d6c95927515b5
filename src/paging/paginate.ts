import { KalshiError, KalshiPaginationError } from '../errors.js';

type Page = Record<string, unknown> & { cursor?: unknown };

/**
 * Yields every item of `field` across all pages. The same filters go out with every cursor
 * (Kalshi does not keep them in the cursor); iteration ends on an empty or absent cursor, and a
 * cursor seen before stops it with an error rather than looping forever. Only one page is held.
 */
export async function* paginate<Item>(
  operationId: string,
  field: string,
  query: Record<string, unknown> | undefined,
  fetchPage: (query: Record<string, unknown>) => Promise<Page>,
): AsyncGenerator<Item, void, undefined> {
  const seen = new Set<string>();
  let cursor = typeof query?.['cursor'] === 'string' && query['cursor'] !== '' ? query['cursor'] : undefined;
  if (cursor) seen.add(cursor);
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage({ ...query, cursor });
    const items = page[field];
    if (!Array.isArray(items)) {
      throw new KalshiError(`${operationId} page ${pageNumber} has no "${field}" list to iterate`);
    }
    yield* items as Item[];
    const next = page.cursor;
    if (typeof next !== 'string' || next === '') return;
    if (seen.has(next)) {
      throw new KalshiPaginationError(
        `${operationId} returned cursor ${JSON.stringify(next.length > 80 ? `${next.slice(0, 80)}…` : next)} again on page ${pageNumber}; stopping instead of looping`,
      );
    }
    seen.add(next);
    cursor = next;
  }
}
