/**
 * One contender reading the balance from the fake (which verifies every signature), alone in a
 * fresh process: prints the body as JSON. bench/index.ts checks each contender this way, so the
 * timing process builds every client exactly once, as a user would — Kalshi's SDK adds a signing
 * interceptor to the shared axios instance for every `PortfolioApi` ever built.
 */
import { type ContenderName, makeContender } from './contenders.js';

const [name, baseUrl, keyId] = process.argv.slice(2) as [ContenderName, string, string];
const contender = await makeContender(name, { baseUrl, keyId, privateKeyPem: process.env['BENCH_PRIVATE_KEY_PEM']! });
console.log(JSON.stringify(await contender.balance()));
await contender.close?.();
