import { KalshiError, KalshiPaginationError } from '../errors.js';

type Page = Record<string, unknown> & { cursor?: unknown };

/**
 * How many pages in a row may hold nothing yet hand out a new cursor. One such page at the end is
 * a known quirk of cursor APIs, and a server that filters after cutting pages may send a few; ten
 * in a row is beyond both, and costs half a second of the basic tier's read budget to find out.
 */
const MAX_EMPTY_PAGES_IN_A_ROW = 10;

/**
 * Yields every item of `field` across all pages. The same filters go out with every cursor
 * (Kalshi does not keep them in the cursor); iteration ends on an empty or absent cursor. A
 * cursor seen before, a page that repeats an earlier one under a new cursor, or a run of empty
 * pages each with a new cursor stops it with an error rather than looping forever (a repeated
 * page's items are not yielded again). Only one page is held, and a few hundred bytes per page seen.
 */
export async function* walkPages<Item>(
  operationId: string,
  field: string,
  query: Record<string, unknown> | undefined,
  fetchPage: (query: Record<string, unknown>) => Promise<Page>,
): AsyncGenerator<Item, void, undefined> {
  const seen = new Set<string>();
  let cursor = typeof query?.['cursor'] === 'string' && query['cursor'] !== '' ? query['cursor'] : undefined;
  if (cursor) seen.add(cursor);
  const pagesSeen = new Map<string, number>();
  let emptyInARow = 0;
  for (let pageNumber = 1; ; pageNumber++) {
    const page = await fetchPage({ ...query, cursor });
    const items = page[field];
    if (!Array.isArray(items)) {
      throw new KalshiError(`${operationId} page ${pageNumber} has no "${field}" list to iterate`);
    }
    const contents = contentsOf(page);
    if (contents !== undefined) {
      const earlier = pagesSeen.get(contents);
      if (earlier !== undefined) {
        throw new KalshiPaginationError(
          `${operationId} page ${pageNumber} repeats page ${earlier} under a new cursor; stopping instead of yielding the same items again`,
        );
      }
      pagesSeen.set(contents, pageNumber);
    }
    yield* items as Item[];
    const next = page.cursor;
    if (typeof next !== 'string' || next === '') return;
    if (seen.has(next)) {
      throw new KalshiPaginationError(
        `${operationId} returned cursor ${JSON.stringify(next.length > 80 ? `${next.slice(0, 80)}…` : next)} again on page ${pageNumber}; stopping instead of looping`,
      );
    }
    // Empty means no list on the page has anything: getPositions cuts its pages by market, so a
    // page whose markets all belong to events already listed has no event_positions, and is fine.
    emptyInARow = Object.values(page).some((value) => Array.isArray(value) && value.length > 0) ? 0 : emptyInARow + 1;
    if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
      throw new KalshiPaginationError(
        `${operationId} returned ${emptyInARow} empty pages in a row, each with a new cursor (up to page ${pageNumber}); stopping instead of following them forever`,
      );
    }
    seen.add(next);
    cursor = next;
  }
}

/**
 * What tells a page from every other: each list it holds, by its name, length, first and last
 * item (items are distinct records, so two pages of one list never share an end). Undefined for
 * a page with nothing in it, which the empty-page bound covers.
 */
function contentsOf(page: Page): string | undefined {
  let contents = '';
  for (const [name, value] of Object.entries(page)) {
    if (Array.isArray(value) && value.length > 0) contents += `${name}:${value.length}:${JSON.stringify(value[0])}:${JSON.stringify(value.at(-1))};`;
  }
  return contents === '' ? undefined : contents;
}
