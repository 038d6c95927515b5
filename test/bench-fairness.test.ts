/**
 * The benchmark times Kalshi's SDK only as a user runs it: one `PortfolioApi`, signing each request
 * once. Its check must pass for one instance and stop the run for a second.
 */
import { Configuration, PortfolioApi } from 'kalshi-typescript';
import { describe, expect, it } from 'vitest';
import { officialSigners, requireOneOfficialSigner } from '../bench/official-signers.js';

const build = () => new PortfolioApi(new Configuration({ apiKey: 'key', privateKeyPem: 'not read until a request is signed', basePath: 'http://127.0.0.1:1' }));

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
