/** How `orders` finds each market's event: only what Kalshi confirms, in process against a stub client. */
import { describe, expect, it } from 'vitest';
import { eventsOf } from '../../src/cli/commands/orders.js';
import { KalshiApiError, type KalshiClient, type Order } from '../../src/index.js';

/** A client whose GET /portfolio/orders knows `events` (event → markets); `refused` candidates answer 404. */
function stubClient(events: Record<string, string[]>, refused: string[] = []) {
  const asked: string[] = [];
  const client = {
    async *orders(query: { event_ticker?: string; ticker?: string }) {
      const event = query.event_ticker!;
      asked.push(event);
      if (refused.includes(event)) {
        throw new KalshiApiError({ status: 404, code: 'not_found', message: 'not found', details: undefined, bodyExcerpt: undefined, method: 'GET', url: 'https://x/portfolio/orders' });
      }
      for (const ticker of events[event] ?? []) {
        if (query.ticker === undefined || query.ticker === ticker) yield { order_id: `${ticker}#1`, ticker } as Order;
      }
    },
  } as unknown as KalshiClient;
  return { client, asked };
}

const orderIn = (ticker: string) => ({ order_id: `${ticker}#mine`, ticker }) as Order;
const call = { signal: new AbortController().signal };

describe('the event of an order', () => {
  it('is the event Kalshi lists the market under, asked once per candidate event', async () => {
    const { client, asked } = stubClient({ 'KXHIGHNY-26NOV27': ['KXHIGHNY-26NOV27-B45.5', 'KXHIGHNY-26NOV27-B47.5'] });
    const orders = ['KXHIGHNY-26NOV27-B45.5', 'KXHIGHNY-26NOV27-B47.5', 'KXHIGHNY-26NOV27-B45.5'].map(orderIn);
    const events = await eventsOf(client, orders, { status: 'resting' }, call);
    expect(Object.fromEntries(events)).toEqual({ 'KXHIGHNY-26NOV27-B45.5': 'KXHIGHNY-26NOV27', 'KXHIGHNY-26NOV27-B47.5': 'KXHIGHNY-26NOV27' });
    expect(asked).toEqual(['KXHIGHNY-26NOV27']);
  });

  it('a market whose event is not its ticker less the last part: shorter candidates are asked next', async () => {
    const { client, asked } = stubClient({ KXODD: ['KXODD-26NOV-A-1'] });
    const events = await eventsOf(client, [orderIn('KXODD-26NOV-A-1')], { status: 'resting' }, call);
    expect(events.get('KXODD-26NOV-A-1')).toBe('KXODD');
    expect(asked).toEqual(['KXODD-26NOV-A', 'KXODD-26NOV', 'KXODD']);
  });

  it('a market Kalshi lists under no candidate stays without an event; a refused candidate is no answer, not a failure', async () => {
    const { client } = stubClient({ 'KXA-1': ['KXA-1-X'] }, ['KXB-2', 'KXB']);
    const events = await eventsOf(client, [orderIn('KXA-1-X'), orderIn('KXB-2-Y'), orderIn('NODASH')], { status: 'executed' }, call);
    expect(Object.fromEntries(events)).toEqual({ 'KXA-1-X': 'KXA-1' });
  });

  it('other failures are not swallowed', async () => {
    const client = {
      async *orders() {
        throw new KalshiApiError({ status: 500, code: 'internal', message: 'internal', details: undefined, bodyExcerpt: undefined, method: 'GET', url: 'https://x' });
      },
    } as unknown as KalshiClient;
    await expect(eventsOf(client, [orderIn('KXA-1-X')], { status: 'resting' }, call)).rejects.toBeInstanceOf(KalshiApiError);
  });
});
