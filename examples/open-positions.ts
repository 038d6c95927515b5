import type { KalshiClient } from 'kalshi-portfolio';

/** Your code: the tickers in which the account holds contracts, grouped by event. */
export async function openPositionsByEvent(client: KalshiClient): Promise<Map<string, string[]>> {
  const byEvent = new Map<string, string[]>();
  for await (const position of client.marketPositions({ count_filter: 'position' })) {
    const event = position.ticker.split('-').slice(0, 2).join('-');
    byEvent.set(event, [...(byEvent.get(event) ?? []), position.ticker]);
  }
  return byEvent;
}
