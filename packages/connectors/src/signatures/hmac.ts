import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Request headers as node:http gives them (lower-case names). */
export type HeaderBag = IncomingHttpHeaders | Readonly<Record<string, string | string[] | undefined>>;

/** The outcome of a signature check; the reason is logged and counted, never detailed to the caller. */
export type VerifyResult = { ok: true } | { ok: false; reason: string };

/** Checks that a webhook body was signed by the expected sender. */
export interface WebhookVerifier {
  /** Name of the scheme, for logs and metrics. */
  readonly scheme: string;
  /** Verifies the signature over the exact raw bytes received. */
  verify(raw: Buffer, headers: HeaderBag): VerifyResult;
  /** Headers a sender would add to `raw` (for tests and local tools). */
  sign(raw: Buffer | string): Record<string, string>;
  /** True for an unsigned liveness probe that carries no data and must be answered 200 (WooCommerce's ping). */
  isPing?(raw: Buffer, headers: HeaderBag): boolean;
}

/** One secret, or several during a rotation (any of them verifies). */
export type Secrets = string | readonly string[];

/** HMAC-SHA256 of `message` under `key`. */
export function hmacSha256(key: Buffer | string, message: Buffer | string): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

/** Constant-time equality of two digests; false (not an exception) when their lengths differ. */
export function digestsEqual(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** Decodes a base64 digest strictly: null unless it is canonical base64 of exactly `bytes` bytes. */
export function decodeBase64Digest(text: string, bytes = 32): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const decoded = Buffer.from(text, 'base64');
  return decoded.length === bytes ? decoded : null;
}

/** Decodes a hex digest (either case): null unless it is exactly `bytes` bytes. */
export function decodeHexDigest(text: string, bytes = 32): Buffer | null {
  if (!new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(text)) return null;
  return Buffer.from(text, 'hex');
}

/** The first value of header `name` (lower-case), trimmed; undefined when absent or empty. */
export function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** Secrets as a non-empty list; throws at construction so a missing secret fails at start-up, not per request. */
export function secretList(scheme: string, secrets: Secrets): readonly string[] {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0 || list.some((s) => s.length === 0))
    throw new Error(`${scheme}: a non-empty webhook secret is required`);
  return list;
}

/**
 * Verifies a base64 HMAC-SHA256 of the raw body carried in header `name`: the scheme Shopify and WooCommerce
 * share. Every secret is tried, in constant time per secret.
 */
export function base64HmacVerifier(
  scheme: string,
  headerName: string,
  secrets: Secrets,
): Pick<WebhookVerifier, 'verify' | 'sign'> {
  const keys = secretList(scheme, secrets);
  return {
    verify(raw, headers) {
      const value = header(headers, headerName);
      if (!value) return { ok: false, reason: `missing ${headerName} header` };
      const received = decodeBase64Digest(value);
      if (!received) return { ok: false, reason: `malformed ${headerName} header` };
      const ok = keys.map((key) => digestsEqual(hmacSha256(key, raw), received)).includes(true);
      return ok ? { ok: true } : { ok: false, reason: 'signature mismatch' };
    },
    sign: (raw) => ({ [headerName]: hmacSha256(keys[0]!, raw).toString('base64') }),
  };
}
