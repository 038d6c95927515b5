/**
 * The benchmark times Kalshi's SDK only as a user runs it: one `PortfolioApi`, signing each request
 * once. Its check must pass for one instance and stop the run for a second.
 */
import { Configuration, PortfolioApi } from 'kalshi-typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearOfficialSigners, officialSigners, requireOneOfficialSigner } from '../bench/official-signers.js';

const build = () => new PortfolioApi(new Configuration({ apiKey: 'key', privateKeyPem: 'not read until a request is signed', basePath: 'http://127.0.0.1:1' }));

// The bench runs in a process of its own; the default test run shares a worker's modules between
// files, and every PortfolioApi built in another file left a signer on the same axios. Start and
// end as a fresh process would.
beforeEach(clearOfficialSigners);
afterEach(clearOfficialSigners);

describe('the benchmark\'s check on the official SDK', () => {
  it('counts one signer per PortfolioApi built, passes at one and fails the run at two', () => {
    const before = officialSigners();
    expect(before).toBe(0);
    expect(() => requireOneOfficialSigner('before timing')).toThrow(/would sign each request 0 times before timing/);
    build();
    expect(officialSigners()).toBe(1);
    expect(() => requireOneOfficialSigner('before timing')).not.toThrow();
    build();
    expect(officialSigners()).toBe(2);
    expect(() => requireOneOfficialSigner('after timing')).toThrow(/would sign each request 2 times after timing: it must be built exactly once here/);
  });
});
