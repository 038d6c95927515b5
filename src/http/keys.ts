import { KalshiConfigError } from '../errors.js';
import { isNode } from './runtime.js';
import { type SignMessage, webCryptoSignature } from './signer.js';

/**
 * Turns what a user hands us as `privateKey` into a way to sign, once per client. On Node a PEM key
 * signs through `node:crypto` (loaded only there); a CryptoKey, and every other runtime, through
 * WebCrypto with a non-extractable key. Every rejection names the problem but never echoes the
 * key: error messages end up in logs, and a key pasted into the wrong option must not end up
 * there with them.
 */
export async function signatureFor(privateKey: unknown, onNode = isNode()): Promise<SignMessage> {
  if (isCryptoKey(privateKey)) return webCryptoSignature(checkCryptoKey(privateKey));
  if (typeof privateKey !== 'string') {
    throw new KalshiConfigError(
      `privateKey must be a PEM string or a WebCrypto CryptoKey, got ${describeType(privateKey)}`,
    );
  }
  // The PEM is decoded and its structure checked here, so either crypto takes the DER as it is.
  const pkcs8Der = pkcs8FromPem(privateKey);
  if (onNode) return (await import('./node-signature.js')).nodeSignature(pkcs8Der);
  try {
    return webCryptoSignature(await crypto.subtle.importKey('pkcs8', pkcs8Der as Uint8Array<ArrayBuffer>, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']));
  } catch {
    // The runtime's message is dropped on purpose: the structure checks above already name every
    // case we can tell apart, and nothing from the key may travel further in an error's cause.
    throw new KalshiConfigError(
      'privateKey could not be imported as an RSA private key: its contents are corrupt or truncated',
    );
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)(?:-----END ([A-Z0-9 ]+)-----|$)/;

function pkcs8FromPem(pem: string): Uint8Array {
  const match = PEM_BLOCK.exec(pem);
  if (!match) {
    const looksLikePath = !pem.includes('\n') && /[\\/]|\.(pem|key|txt)$/i.test(pem.trim());
    throw new KalshiConfigError(
      looksLikePath
        ? 'privateKey looks like a file path, not a key: read the file and pass its contents'
        : `privateKey is not a PEM key: expected a "-----BEGIN RSA PRIVATE KEY-----" or "-----BEGIN PRIVATE KEY-----" block (got ${pem.trim() === '' ? 'an empty string' : `${pem.length} characters without one`})`,
    );
  }
  const [, label = '', body = '', endLabel] = match;
  rejectUnsupportedLabel(label, body);
  if (endLabel === undefined) {
    throw new KalshiConfigError(`privateKey is truncated: the "-----END ${label}-----" line is missing`);
  }
  if (endLabel !== label) {
    throw new KalshiConfigError(`privateKey is malformed: it begins as "${label}" but ends as "${endLabel}"`);
  }
  const der = decodeBase64(body);
  checkDerLength(der);
  if (label === 'RSA PRIVATE KEY') return wrapPkcs1(der);
  checkPkcs8Algorithm(der);
  return der;
}

function rejectUnsupportedLabel(label: string, body: string): void {
  if (label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(body)) {
    throw new KalshiConfigError(
      'privateKey is encrypted with a passphrase; Kalshi keys are not, so decrypt it first (e.g. `openssl pkey -in key.pem -out plain.pem`)',
    );
  }
  if (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY' || label === 'CERTIFICATE') {
    throw new KalshiConfigError(
      `privateKey holds a ${label === 'CERTIFICATE' ? 'certificate' : 'public key'}, but signing needs the private key Kalshi let you download when the API key was created`,
    );
  }
  if (label === 'EC PRIVATE KEY') {
    throw new KalshiConfigError('privateKey is an EC key; Kalshi signs with RSA keys (RSA-PSS), so use the RSA key Kalshi issued');
  }
  if (label === 'OPENSSH PRIVATE KEY') {
    throw new KalshiConfigError('privateKey is in OpenSSH format; pass the PEM key Kalshi issued (PKCS#1 or PKCS#8)');
  }
  if (label !== 'RSA PRIVATE KEY' && label !== 'PRIVATE KEY') {
    throw new KalshiConfigError(`privateKey is a PEM "${label}" block; expected "RSA PRIVATE KEY" (PKCS#1) or "PRIVATE KEY" (PKCS#8)`);
  }
}

function decodeBase64(body: string): Uint8Array {
  const compact = body.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new KalshiConfigError('privateKey is malformed: its PEM body is not valid base64');
  }
  const binary = atob(compact.padEnd(Math.ceil(compact.length / 4) * 4, '='));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A cut-off key still decodes as base64; its outer DER SEQUENCE then claims more bytes than exist. */
function checkDerLength(der: Uint8Array): void {
  const header = readHeader(der, 0);
  if (!header || der[0] !== 0x30 || header.end > der.length) {
    throw new KalshiConfigError('privateKey is truncated or corrupt: its DER structure is incomplete');
  }
}

const OID_RSA_ENCRYPTION = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const KNOWN_OTHER_ALGORITHMS: Array<[number[], string]> = [
  [[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01], 'an EC key'],
  [[0x2b, 0x65, 0x70], 'an Ed25519 key'],
  [[0x2b, 0x65, 0x71], 'an Ed448 key'],
  [[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a], 'an RSASSA-PSS-restricted key'],
];

/** PKCS#8: SEQUENCE { INTEGER version, SEQUENCE { OID algorithm, … }, OCTET STRING key }. */
function checkPkcs8Algorithm(der: Uint8Array): void {
  const outer = readHeader(der, 0);
  const version = outer && readHeader(der, outer.contentStart);
  const algorithm = version && readHeader(der, version.end);
  const oid = algorithm && readHeader(der, algorithm.contentStart);
  if (!oid || der[oid.start] !== 0x06) {
    throw new KalshiConfigError('privateKey is not a valid PKCS#8 key: its algorithm identifier is missing');
  }
  const oidBytes = Array.from(der.subarray(oid.contentStart, oid.end));
  if (sameBytes(oidBytes, OID_RSA_ENCRYPTION)) return;
  const known = KNOWN_OTHER_ALGORITHMS.find(([bytes]) => sameBytes(bytes, oidBytes));
  throw new KalshiConfigError(
    `privateKey is ${known ? known[1] : 'not an RSA key'}; Kalshi signs with RSA keys (RSA-PSS), so use the RSA key Kalshi issued`,
  );
}

/** PKCS#1 → PKCS#8 in memory: wrap the RSAPrivateKey in a PrivateKeyInfo naming rsaEncryption. */
function wrapPkcs1(pkcs1: Uint8Array): Uint8Array {
  const version = [0x02, 0x01, 0x00];
  const algorithm = [0x30, 0x0d, 0x06, 0x09, ...OID_RSA_ENCRYPTION, 0x05, 0x00];
  const octetString = [0x04, ...derLength(pkcs1.length)];
  const contentLength = version.length + algorithm.length + octetString.length + pkcs1.length;
  const head = [0x30, ...derLength(contentLength), ...version, ...algorithm, ...octetString];
  const out = new Uint8Array(head.length + pkcs1.length);
  out.set(head, 0);
  out.set(pkcs1, head.length);
  return out;
}

interface DerHeader {
  start: number;
  contentStart: number;
  end: number;
}

function readHeader(der: Uint8Array, start: number): DerHeader | undefined {
  const first = der[start + 1];
  if (first === undefined) return undefined;
  if (first < 0x80) return { start, contentStart: start + 2, end: start + 2 + first };
  const count = first & 0x7f;
  if (count === 0 || count > 4 || start + 2 + count > der.length) return undefined;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (der[start + 2 + i] ?? 0);
  return { start, contentStart: start + 2 + count, end: start + 2 + count + length };
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

function sameBytes(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function isCryptoKey(v: unknown): v is CryptoKey {
  if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) return true;
  return typeof v === 'object' && v !== null && 'algorithm' in v && 'usages' in v && 'type' in v;
}

function checkCryptoKey(key: CryptoKey): CryptoKey {
  const algorithm = key.algorithm as RsaHashedKeyAlgorithm;
  if (key.type !== 'private') {
    throw new KalshiConfigError(`privateKey is a ${key.type} CryptoKey; signing needs the private key`);
  }
  if (algorithm.name !== 'RSA-PSS' || algorithm.hash?.name !== 'SHA-256') {
    throw new KalshiConfigError(
      `privateKey is a CryptoKey for ${algorithm.name}${algorithm.hash ? `/${algorithm.hash.name}` : ''}; import it as { name: "RSA-PSS", hash: "SHA-256" }`,
    );
  }
  if (!key.usages.includes('sign')) {
    throw new KalshiConfigError('privateKey is a CryptoKey without the "sign" usage; import it with usages ["sign"]');
  }
  return key;
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Uint8Array) return 'bytes (decode them to a PEM string first)';
  return typeof v;
}
