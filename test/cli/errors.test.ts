/** Exit codes and one-line errors: 2 for usage, 1 for API/auth failures; credentials and key files. */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { assertBuilt, run, tempDir } from '../support/cli.js';
import { rsaKeys, secretFragments } from '../support/keys.js';

let fake: FakeKalshi;
let keys: ReturnType<typeof tempDir>;
let goodKey: string;
let wrongKey: string;

beforeAll(async () => {
  assertBuilt();
  fake = await startFakeKalshi({ seed: 3 });
  keys = tempDir();
  goodKey = join(keys.path, 'good.key');
  writeFileSync(goodKey, fake.privateKeyPem, { mode: 0o600 });
  wrongKey = join(keys.path, 'wrong.key');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(wrongKey, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
});
afterAll(async () => {
  keys?.remove();
  await fake?.close();
});

const oneLine = (stderr: string) => expect(stderr.trimEnd().split('\n')).toHaveLength(1);

describe.concurrent('usage errors exit 2 with one line on stderr', () => {
  it.each([
    ['an unknown command', ['balanc', '--fake'], /^kalshi-portfolio: unknown command 'balanc' \(Did you mean balance\?\)$/],
    ['an unknown flag', ['fills', '--fake', '--tickr', 'X'], /^kalshi-portfolio: unknown option '--tickr' \(Did you mean --ticker\?\)$/],
    ['a bad date', ['fills', '--fake', '--since', '2026-13-01'], /^kalshi-portfolio: option '--since <date>' argument '2026-13-01' is invalid\. 2026-13-01 is not a calendar date\.$/],
    ['a date that is no date', ['summary', '--fake', '--until', 'last week'], /--until <date>.*expected a date \(2026-11-01\) or an ISO 8601 time/],
    ['--since after --until', ['settlements', '--fake', '--since', '2026-10-02', '--until', '2026-10-01'], /--since \(2026-10-02T00:00:00Z\) is after --until \(2026-10-01T23:59:59Z\)/],
    ['a bad limit', ['fills', '--fake', '--limit', '0'], /--limit <n>.*at least 1/],
    ['an unknown export kind', ['export', 'trades', '--fake'], /'trades' is invalid for argument 'kind'\. Allowed choices are fills, settlements, positions/],
    ['an unknown format', ['export', 'fills', '--fake', '--format', 'xlsx'], /Allowed choices are csv, json, ndjson/],
    ['an unknown environment', ['balance', '--env', 'staging'], /Allowed choices are production, demo/],
    ['--since on positions', ['export', 'positions', '--fake', '--since', '2026-01-01'], /--since\/--until do not apply to positions/],
  ])('%s', async (_what, args, message) => {
    const { code, stdout, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr.trimEnd()).toMatch(message);
  });

  it('what the user typed is echoed escaped, and a 100 kB value cut in its middle so the reason still ends the line', async () => {
    const escape = await run(['fills', '--fake', '--tickr\u001b[2J\u0007']);
    expect(escape.code).toBe(2);
    expect(escape.stderr).toBe("kalshi-portfolio: unknown option '--tickr\\x1b[2J\\x07'\n");
    const huge = await run(['fills', '--fake', '--since', `\u001b]0;owned\u0007${'9'.repeat(100_000)}`]);
    expect(huge.code).toBe(2);
    oneLine(huge.stderr);
    expect(huge.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(huge.stderr.length).toBeLessThan(600);
    expect(huge.stderr).toMatch(/^kalshi-portfolio: option '--since <date>' argument '\\x1b\]0;owned\\x079+…\(\d+ characters left out\)…9*.*ISO 8601 time/);
  });

  it('no command: the help, on stderr', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: kalshi-portfolio [options] [command]');
  });

  it('missing credentials: names both variables and flags, and --fake', async () => {
    const { code, stderr } = await run(['summary']);
    expect(code).toBe(2);
    oneLine(stderr);
    for (const name of ['KALSHI_API_KEY_ID', '--key-id', 'KALSHI_PRIVATE_KEY_PATH', '--key-file', '--fake']) expect(stderr).toContain(name);
  });

  it('a missing key file only: names just that', async () => {
    const { code, stderr } = await run(['balance'], { env: { KALSHI_API_KEY_ID: fake.keyId } });
    expect(code).toBe(2);
    expect(stderr).toContain('KALSHI_PRIVATE_KEY_PATH');
    expect(stderr).not.toContain('KALSHI_API_KEY_ID');
  });

  it('an unreadable key file', async () => {
    const { code, stderr } = await run(['balance', '--key-id', fake.keyId, '--key-file', join(keys.path, 'nope.key')]);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain(`cannot read the private key file '${join(keys.path, 'nope.key')}'`);
  });

  it('a key file that holds no key', async () => {
    const junk = join(keys.path, 'junk.key');
    writeFileSync(junk, 'not a key\n', { mode: 0o600 });
    const { code, stderr } = await run(['balance', '--key-id', fake.keyId, '--key-file', junk]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^kalshi-portfolio: the key file '.*junk\.key' is not a PEM key/);
  });
});

describe.concurrent('a key where the path of its file belongs is never echoed', () => {
  const leaks = (output: string, pem: string) => secretFragments(pem).filter((fragment) => output.includes(fragment));

  it.each([
    ['PKCS#1', 'pkcs1'],
    ['PKCS#8', 'pkcs8'],
  ] as const)('KALSHI_PRIVATE_KEY_PATH holding a %s PEM: exit 2, the variable named, no line of the key shown (--debug neither)', async (_kind, format) => {
    const pem = rsaKeys()[format];
    for (const debug of [[], ['--debug']]) {
      const { code, stdout, stderr } = await run(['balance', ...debug], { env: { KALSHI_API_KEY_ID: fake.keyId, KALSHI_PRIVATE_KEY_PATH: pem } });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^kalshi-portfolio: KALSHI_PRIVATE_KEY_PATH seems to hold a private key rather than a path: save the key in a file, chmod 600 it, and set KALSHI_PRIVATE_KEY_PATH to that file's path\n/);
      expect(leaks(stdout + stderr, pem)).toEqual([]);
      expect(stdout + stderr).not.toContain('-----BEGIN');
    }
  });

  it('--key-file holding a PEM: the flag named', async () => {
    const pem = rsaKeys().pkcs1;
    const { code, stdout, stderr } = await run(['balance', '--key-id', fake.keyId, '--key-file', pem]);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain("--key-file seems to hold a private key rather than a path: save the key in a file, chmod 600 it, and pass that file's path to --key-file");
    expect(leaks(stdout + stderr, pem)).toEqual([]);
  });

  it("a key's base64 body alone, without its armour and line breaks, is recognised too", async () => {
    const pem = rsaKeys().pkcs8;
    const body = pem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');
    const { code, stderr } = await run(['balance'], { env: { KALSHI_API_KEY_ID: fake.keyId, KALSHI_PRIVATE_KEY_PATH: body } });
    expect(code).toBe(2);
    expect(stderr).toContain('KALSHI_PRIVATE_KEY_PATH seems to hold a private key');
    expect(leaks(stderr, pem)).toEqual([]);
  });

  it('an unreadable value too long to be a path is described, not quoted', async () => {
    const value = join(keys.path, `${'k'.repeat(150)}-${'e'.repeat(150)}`);
    const { code, stderr } = await run(['balance', '--key-id', fake.keyId, '--key-file', value]);
    expect(code).toBe(2);
    oneLine(stderr);
    expect(stderr).toContain(`cannot read the private key file (a value of ${value.length} characters, not shown) (--key-file)`);
    expect(stderr).not.toContain('k'.repeat(150));
  });
});

describe.concurrent('real mode against a Kalshi (the fake, via --base-url)', () => {
  it('connects with KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH', async () => {
    const { code, stdout, stderr } = await run(['balance', '--json', '--base-url', fake.baseUrl], {
      env: { KALSHI_API_KEY_ID: fake.keyId, KALSHI_PRIVATE_KEY_PATH: goodKey },
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(fake.data.balance);
  });

  it('an auth error exits 1 with one line that carries the hint, and no stack', async () => {
    const { code, stdout, stderr } = await run(['balance', '--key-id', fake.keyId, '--key-file', wrongKey, '--base-url', fake.baseUrl]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    oneLine(stderr);
    expect(stderr).toMatch(/^kalshi-portfolio: GET \/trade-api\/v2\/portfolio\/balance failed with HTTP 401 .*INCORRECT_API_KEY_SIGNATURE.* — the signature did not verify/);
  });

  it('--debug adds the stack trace', async () => {
    const { code, stderr } = await run(['fills', '--debug', '--key-id', fake.keyId, '--key-file', wrongKey, '--base-url', fake.baseUrl]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/KalshiAuthError: GET/);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('a key file readable by others gets a warning, as ssh gives, and the command still runs', async () => {
    const open = join(keys.path, 'open.key');
    writeFileSync(open, fake.privateKeyPem);
    chmodSync(open, 0o644);
    const { code, stdout, stderr } = await run(['balance', '--key-id', fake.keyId, '--key-file', open, '--base-url', fake.baseUrl]);
    expect(code).toBe(0);
    expect(stderr).toBe(`kalshi-portfolio: warning: permissions 0644 for '${open}' are too open; run chmod 600 ${open}\n`);
    expect(stdout).toMatch(/^Cash /);
  });

  it('a key file only its owner can read gets no warning', async () => {
    const { code, stderr } = await run(['balance', '--key-id', fake.keyId, '--key-file', goodKey, '--base-url', fake.baseUrl]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});
