/**
 * Compile-time checks of the client's public types (run by `npm run typecheck`, never executed):
 * each `@ts-expect-error` line must fail to compile, or tsc reports the directive as unused.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from 'kalshi-portfolio';
import { createKalshiClient, kalshiAuth, KalshiAlreadyAppliedError, parseDollars } from 'kalshi-portfolio';

declare const pem: string;

export async function typedUsage(): Promise<void> {
  const client = await createKalshiClient({ keyId: 'key', privateKey: pem });

  // Reads: query parameters are typed, results are the spec's schemas.
  const balance = await client.getBalance({ subaccount: 1 });
  const cents: number = balance.balance;
  const page = await client.getFills({ ticker: 'KXHIGHNY-26NOV27-B45.5', limit: 5 });
  const fill: components['schemas']['Fill'] = page.fills[0]!;
  parseDollars(fill.yes_price_dollars);
  // @ts-expect-error limit is a number
  await client.getFills({ limit: '5' });
  // @ts-expect-error no such parameter
  await client.getFills({ tickr: 'X' });
  // @ts-expect-error the operation takes no parameters
  await client.getPortfolioRestingOrderTotalValue({ subaccount: 1 });

  // Path parameters.
  const transfer = await client.getIntraExchangeInstanceTransfer({ transfer_id: 'abc' });
  const status: 'pending' | 'complete' = transfer.transfer.status;
  // @ts-expect-error transfer_id is required
  await client.getIntraExchangeInstanceTransfer({});

  // Writes take their body; defaulted fields stay optional; the idempotency key may be left out.
  const created = await client.createSubaccount();
  const subaccount: number = created.subaccount_number;
  await client.intraExchangeInstanceTransfer({ source: 'event_contract', destination: 'margined', amount: 100_000 });
  // @ts-expect-error destination must be one of the enum's values
  await client.intraExchangeInstanceTransfer({ source: 'event_contract', destination: 'elsewhere', amount: 1 });
  const applied = await client.applySubaccountTransfer({ from_subaccount: 0, to_subaccount: 1, amount_cents: 500 });
  const key: string = applied.client_transfer_id;
  // @ts-expect-error amount_cents is required
  await client.applySubaccountTransfer({ from_subaccount: 0, to_subaccount: 1 });
  await client.updateSubaccountNetting({ subaccount_number: 1, enabled: true });

  // Iterators yield items.
  for await (const deposit of client.deposits()) {
    const amount: number = deposit.amount_cents;
    void amount;
  }
  for await (const old of client.allFills({ ticker: 'X', min_ts: 1 })) {
    const id: string = old.fill_id;
    void id;
  }
  // @ts-expect-error iterators take no cursor
  client.fills({ cursor: 'x' });

  // The *_ts timestamps take a Date (sent as Unix seconds), as the README says; nothing else does.
  await client.getFills({ min_ts: new Date('2026-01-01'), max_ts: 1_800_000_000 });
  client.fills({ max_ts: new Date() });
  client.allFills({ min_ts: new Date(), max_ts: new Date() });
  client.allOrders({ min_ts: new Date() });
  // @ts-expect-error ticker is a string, not a Date
  await client.getFills({ ticker: new Date() });

  // Hooks see plain events; the auth middleware signs a plain openapi-fetch client.
  await createKalshiClient({
    keyId: 'key',
    privateKey: pem,
    hooks: { response: ({ operationId, status, durationMs }) => void [operationId, status, durationMs] },
  });
  const plain = createClient<paths>({ baseUrl: 'https://external-api.kalshi.com/trade-api/v2' });
  plain.use(kalshiAuth({ keyId: 'key', privateKey: pem }));
  const { data: limits } = await plain.GET('/account/limits');
  void limits;
  // @ts-expect-error a misspelled option is refused by the types (and at run time, for JavaScript)
  await createKalshiClient({ keyId: 'key', privatekey: pem });

  try {
    await client.applySubaccountTransfer({ client_transfer_id: key, from_subaccount: 0, to_subaccount: 1, amount_cents: 500 });
  } catch (error) {
    if (error instanceof KalshiAlreadyAppliedError) {
      const used: string = error.idempotencyKeyValue;
      void used;
    }
  }
  void [cents, status, subaccount];
}
