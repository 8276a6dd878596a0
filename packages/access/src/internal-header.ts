import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { clientSchema, toClient, type Client } from './client.js';
import { unauthenticated } from './errors.js';

/** The header the gateway puts the verified client in; subgraphs refuse requests without a valid one. */
export const IDENTITY_HEADER = 'x-fm-identity';

/** Shortest accepted shared secret, in bytes (HMAC-SHA256 gains nothing from more than 64, loses a lot below 32). */
export const MIN_SECRET_BYTES = 32;

/** Options of {@link signIdentity}. */
export interface SignIdentityOptions {
  /** Secret shared by the gateway and every subgraph (at least 32 bytes, e.g. `openssl rand -base64 48`). */
  secret: string;
  /** The request id, bound into the signature so logs and headers line up. */
  requestId: string;
  /** Lifetime of the header; default 60 seconds (one request, plus retries). */
  ttlMs?: number;
  /** Clock; default `Date.now()` in epoch milliseconds. */
  now?: number;
}

/** Options of {@link verifyIdentity}. */
export interface VerifyIdentityOptions {
  /** The shared secret; several while rotating (the first that matches wins). */
  secret: string | readonly string[];
  /** Clock; default `Date.now()` in epoch milliseconds. */
  now?: number;
  /** Tolerated clock difference between gateway and subgraph hosts; default 5 seconds. */
  clockToleranceMs?: number;
  /** When given, the header must have been signed for this request id. */
  requestId?: string;
}

const payloadSchema = z.object({ client: clientSchema, rid: z.string(), iat: z.number(), exp: z.number() });

/**
 * Signs `client` into an `x-fm-identity` value: base64url(JSON `{ client, rid, iat, exp }`, times in epoch
 * milliseconds) + `.` + base64url(HMAC-SHA256 of that first part).
 */
export function signIdentity(client: Client, options: SignIdentityOptions): string {
  const now = options.now ?? Date.now();
  const ttlMs = options.ttlMs ?? 60_000; // 60 seconds
  const payload = { client: toClient(client), rid: options.requestId, iat: now, exp: now + ttlMs };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(checkSecret(options.secret), body).toString('base64url')}`;
}

/**
 * Verifies an `x-fm-identity` value and returns the client it carries. Throws UNAUTHENTICATED: "Missing gateway
 * identity" (absent), "… tampered" (bad signature or shape), "… expired" (past `exp`).
 */
export function verifyIdentity(header: string | undefined | null, options: VerifyIdentityOptions): Client {
  if (!header) throw unauthenticated('Missing gateway identity: subgraphs only accept requests that come through the gateway');
  const [body, signature, extra] = header.split('.');
  if (!body || !signature || extra !== undefined) throw unauthenticated('Gateway identity was tampered with (malformed)');
  const given = Buffer.from(signature, 'base64url');
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  // Every secret is tried (no early exit) so timing does not tell which one matched.
  let valid = false;
  for (const secret of secrets) {
    const expected = mac(checkSecret(secret), body);
    if (given.length === expected.length && timingSafeEqual(given, expected)) valid = true;
  }
  if (!valid) throw unauthenticated('Gateway identity was tampered with (bad signature)');

  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw unauthenticated('Gateway identity was tampered with (unreadable payload)');
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) throw unauthenticated('Gateway identity was tampered with (unexpected payload)');
  const now = options.now ?? Date.now();
  const tolerance = options.clockToleranceMs ?? 5_000; // 5 seconds
  if (parsed.data.exp + tolerance <= now) throw unauthenticated('Gateway identity has expired');
  if (parsed.data.iat - tolerance > now) throw unauthenticated('Gateway identity was issued in the future (check the clocks)');
  if (options.requestId !== undefined && parsed.data.rid !== options.requestId) {
    throw unauthenticated('Gateway identity was signed for another request');
  }
  return toClient(parsed.data.client);
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

function checkSecret(secret: string): string {
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`The gateway identity secret must be at least ${MIN_SECRET_BYTES} bytes long`);
  }
  return secret;
}
