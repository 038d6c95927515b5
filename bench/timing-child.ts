/**
 * One contender alone in a process of its own, timing getBalance when bench/index.ts asks (over
 * IPC). Every contender runs the way a user's process would: one client, built once, its code's
 * optimisations shaped by its own calls only and its garbage its own. Only one child works at a
 * time, in short turns, so noise on the machine falls on every contender alike.
 */
import { type ContenderName, makeContender } from './contenders.js';
import { requireOneOfficialSigner } from './official-signers.js';

/** `settle` requests go first, untimed: a process that sat idle through the others' turns needs a few to be back at speed. */
export type TimingOrder = { kind: 'time'; settle: number; count: number; inFlight: number } | { kind: 'close' };
export type TimingReport = { kind: 'ready' } | { kind: 'samples'; samples: number[]; wallMs: number } | { kind: 'closed' };

const [name, baseUrl, keyId] = process.argv.slice(2) as [ContenderName, string, string];
const contender = await makeContender(name, { baseUrl, keyId, privateKeyPem: process.env['BENCH_PRIVATE_KEY_PEM']! });
const official = name === 'official';
if (official) requireOneOfficialSigner('before timing');
for (let i = 0; i < 300; i++) await contender.balance(); // warm up

const report = (message: TimingReport) => process.send!(message);

async function time(settle: number, count: number, inFlight: number): Promise<TimingReport> {
  for (let i = 0; i < settle; i++) await contender.balance();
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < count) {
        const t = performance.now();
        await contender.balance();
        samples.push(performance.now() - t);
      }
    }),
  );
  return { kind: 'samples', samples, wallMs: performance.now() - started };
}

process.on('message', (order: TimingOrder) => {
  if (order.kind === 'close') {
    if (official) requireOneOfficialSigner('after timing');
    void Promise.resolve(contender.close?.()).then(() => process.send!({ kind: 'closed' } satisfies TimingReport, () => process.exit(0)));
    return;
  }
  void time(order.settle, order.count, order.inFlight).then(report, (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
report({ kind: 'ready' });
