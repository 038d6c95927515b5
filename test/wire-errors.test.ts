import { describe, expect, it } from 'vitest';
import { KalshiApiError, KalshiAuthError, KalshiRateLimitError } from '../src/index.js';
import { apiErrorFrom } from '../src/http/wire-errors.js';

const request = { method: 'GET', url: 'https://external-api.kalshi.com/trade-api/v2/portfolio/fills?limit=5' };

describe('apiErrorFrom reads every error shape Kalshi sends', () => {
  it('the nested shape, with a service field', () => {
    const error = apiErrorFrom(
      400,
      { error: { code: 'invalid_parameters', message: 'bad ticker', details: 'ticker must be set', service: 'portfolio' } },
      request,
    );
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_parameters', message: expect.stringContaining('bad ticker'), details: 'ticker must be set' });
    expect(error.message).toContain('GET /trade-api/v2/portfolio/fills');
    expect(error.message).not.toContain('limit=5');
  });

  it('the flat shape', () => {
    const error = apiErrorFrom(400, { code: 'bad_request', message: 'could not decode body', details: 'unexpected EOF' }, request);
    expect(error).toMatchObject({ status: 400, code: 'bad_request', details: 'unexpected EOF' });
    expect(error.message).toContain('could not decode body');
  });

  it('the bare message shape', () => {
    const error = apiErrorFrom(400, { msg: "Parameter validation failed for GetFills: 'Limit' failed on the 'lte' tag" }, request);
    expect(error).toMatchObject({ status: 400, code: undefined, details: undefined });
    expect(error.message).toContain("'Limit' failed on the 'lte' tag");
  });

  it('the rate-limit shape, as a KalshiRateLimitError', () => {
    const error = apiErrorFrom(429, { error: 'too many requests' }, request);
    expect(error).toBeInstanceOf(KalshiRateLimitError);
    expect(error).toMatchObject({ status: 429, code: undefined });
    expect(error.message).toContain('too many requests');
  });

  it('an HTML page from a proxy: a bounded excerpt, tags stripped from the message', () => {
    const html = `<html><head><title>503 Service Temporarily Unavailable</title></head><body>${'<p>filler</p>'.repeat(500)}</body></html>`;
    const error = apiErrorFrom(503, html, request);
    expect(error.status).toBe(503);
    expect(error.message).toContain('503 Service Temporarily Unavailable');
    expect(error.message).not.toContain('<title>');
    expect(error.bodyExcerpt!.length).toBeLessThanOrEqual(301);
    expect(html.startsWith(error.bodyExcerpt!.slice(0, -1))).toBe(true);
  });

  it('an empty body', () => {
    const error = apiErrorFrom(502, undefined, request);
    expect(error).toMatchObject({ status: 502, code: undefined, details: undefined, bodyExcerpt: undefined });
    expect(error.message).toContain('empty response body');
  });

  it('JSON of no known shape still yields an error, never a crash', () => {
    for (const body of [[1, 2], 17, { error: 17 }, { unexpected: true }, null]) {
      const error = apiErrorFrom(500, body, request);
      expect(error).toBeInstanceOf(KalshiApiError);
      expect(error.status).toBe(500);
    }
  });

  it('codes match by prefix, since some carry dynamic suffixes', () => {
    const error = apiErrorFrom(404, { error: { code: 'user_not_found:_3f2a', message: 'no such user' } }, request);
    expect(error.hasCode('user_not_found')).toBe(true);
    expect(error.hasCode('market_not_found')).toBe(false);
  });
});

describe('401s become KalshiAuthError with the likely cause', () => {
  it.each([
    [{ code: 'authentication_error', message: 'authentication_error', details: 'INCORRECT_API_KEY_SIGNATURE' }, /does not belong to this key id/],
    [{ code: 'authentication_error', message: 'authentication_error', details: 'NOT_FOUND' }, /does not know this key id.*demo keys only work on demo/],
    [{ code: 'header_timestamp_expired', message: 'header_timestamp_expired' }, /clock/],
    [{ code: 'signature_is_missing_from_headers', message: 'signature_is_missing_from_headers' }, /signing headers did not reach/],
  ])('%o', (body, hint) => {
    const error = apiErrorFrom(401, { error: body }, request);
    expect(error).toBeInstanceOf(KalshiAuthError);
    expect(error.code).toBe(body.code);
    expect(error.message).toMatch(hint);
  });
});
