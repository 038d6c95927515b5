/**
 * The package as another project sees it: `npm pack`, install the tarball into a scratch
 * TypeScript project, compile a strict consumer (whose @ts-expect-error lines prove that wrong
 * field names and parameter types do not compile), then run it against the packaged fake.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let scratch: string;

const consumerSource = `
import { createKalshiClient, KalshiApiError, parseDollars, type KalshiClient } from 'kalshi-portfolio';
import type { components, operations, paths } from 'kalshi-portfolio/schema';
import { startFakeKalshi } from 'kalshi-portfolio/testing';

type Fill = components['schemas']['Fill'];
type FillsQuery = NonNullable<operations['getFills']['parameters']['query']>;
type BalancePath = keyof paths;

function describeFill(fill: Fill): string {
  return \`\${fill.ticker} \${fill.count_fp} @ \${fill.yes_price_dollars}\`;
}

/** Compiled, never run: each line below must be a type error. */
export async function mistakes(client: KalshiClient): Promise<void> {
  const balance = await client.getBalance();
  // @ts-expect-error a field the schema does not have
  balance.balance_in_dollars;
  // @ts-expect-error a query parameter of the wrong type
  await client.getFills({ limit: 'seven' });
  // @ts-expect-error a query parameter the operation does not take
  await client.getBalance({ ticker: 'X' });
  // @ts-expect-error money comes as strings, not numbers
  const price: number = (await client.getFills()).fills[0]!.yes_price_dollars;
  void price;
}

async function main(): Promise<void> {
  const fake = await startFakeKalshi({ seed: 3, fills: 30, historicalCutoffDays: null });
  try {
    const client: KalshiClient = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl });
    const balance = await client.getBalance();
    const cents: number = balance.balance;
    const query: FillsQuery = { limit: 7 };
    let count = 0;
    let first = '';
    for await (const fill of client.fills(query)) {
      if (count++ === 0) first = describeFill(fill);
    }
    const path: BalancePath = '/portfolio/balance';
    console.log(JSON.stringify({ cents, dollars: balance.balance_dollars, micros: String(parseDollars(balance.balance_dollars)), count, first, path, isError: new KalshiApiError({ status: 400, code: undefined, message: 'x', details: undefined, bodyExcerpt: undefined, method: 'GET', url: 'http://x/y' }) instanceof Error }));
  } finally {
    await fake.close();
  }
}

await main();
`;

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'kalshi-consumer-'));
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], root)) as Array<{ filename: string }>;
  const tarball = join(scratch, packed[0]!.filename);
  writeFileSync(
    join(scratch, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: { 'kalshi-portfolio': `file:${tarball}` },
        // kalshi-portfolio/testing is the Node-only entry: its types speak of node:http.
        devDependencies: { '@types/node': rootPackage.devDependencies['@types/node'] },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, skipLibCheck: false, types: ['node'], lib: ['ES2023', 'DOM'], outDir: 'out' },
      include: ['consumer.ts'],
    }),
  );
  writeFileSync(join(scratch, 'consumer.ts'), consumerSource);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], scratch);
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('a consumer project', () => {
  it('compiles with strict on, and every @ts-expect-error line is a real type error', () => {
    // tsc fails on an unused @ts-expect-error, so a wrong field or parameter that compiled would fail here.
    expect(() => run('node', [tsc, '-p', 'tsconfig.json'], scratch)).not.toThrow();
  });

  it('runs against the packaged fake', () => {
    const output = JSON.parse(run('node', ['out/consumer.js'], scratch));
    expect(output).toMatchObject({ count: 30, path: '/portfolio/balance', isError: true });
    expect(typeof output.cents).toBe('number');
    expect(BigInt(output.micros)).toBeGreaterThan(0n);
    expect(output.first).toMatch(/^KX[A-Z0-9-.]+ \d+\.\d{2} @ \d+\.\d+$/);
  });

  it('fails to compile when a field name is wrong (the check above can fail)', () => {
    writeFileSync(join(scratch, 'wrong.ts'), `import { createKalshiClient } from 'kalshi-portfolio';\nconst c = await createKalshiClient({ keyId: 'k', privateKey: '' });\nconst b = await c.getBalance();\nexport const x: number = b.balance_in_dollars;\n`);
    expect(() => run('node', [tsc, '--strict', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--noEmit', '--skipLibCheck', 'wrong.ts'], scratch)).toThrow(
      /Property 'balance_in_dollars' does not exist/,
    );
  });
});
