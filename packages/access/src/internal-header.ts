import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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
  /**
   * The verifying service's name (`orders`): the fetch MAC must have been made for it, so a header captured on
   * its way to one subgraph is refused by every other. Without it only headers signed with no audience pass.
   */
  audience?: string;
}

const payloadSchema = z.object({
  client: clientSchema,
  rid: z.string(),
  nonce: z.string().min(16),
  iat: z.number(),
  exp: z.number(),
});

/** The identity of one gateway request, signed once; each subgraph fetch takes its own header from it. */
export interface RequestIdentity {
  /**
   * The header for the next subgraph fetch: the signed identity plus this fetch's counter and a MAC over
   * (signature, counter, audience). Cheap (one HMAC over ~60 bytes): the serialising and signing happened once.
   * `audience` is the target subgraph's name: only that subgraph accepts the header.
   */
  next(audience?: string): string;
}

/**
 * Signs `client` once for a whole gateway request. Header = base64url(JSON `{ client, rid, nonce, iat, exp }`,
 * times in epoch milliseconds) `.` base64url(HMAC-SHA256 of that) `.` fetch counter `.` base64url(HMAC-SHA256 of
 * `<signature>.<counter>` or, bound to a target subgraph, `<signature>.<counter>.<audience>`). The random nonce
 * and the counter make every fetch's header unique, so a subgraph can refuse one it has already seen (see
 * createReplayGuard); the audience makes it useless at any other subgraph.
 */
export function signRequestIdentity(client: Client, options: SignIdentityOptions): RequestIdentity {
  const secret = checkSecret(options.secret);
  const now = options.now ?? Date.now();
  const ttlMs = options.ttlMs ?? 60_000; // 60 seconds
  const nonce = randomBytes(16).toString('base64url');
  const payload = { client: toClient(client), rid: options.requestId, nonce, iat: now, exp: now + ttlMs };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const signature = mac(secret, body).toString('base64url');
  let fetches = 0;
  return {
    next(audience) {
      const counter = String(fetches++);
      const fetchMac = mac(secret, fetchMacInput(signature, counter, audience)).toString('base64url');
      return `${body}.${signature}.${counter}.${fetchMac}`;
    },
  };
}

/** Signs `client` into a header for a single call (service-to-service calls, tests): {@link signRequestIdentity}'s first fetch. */
export function signIdentity(client: Client, options: SignIdentityOptions & { audience?: string }): string {
  return signRequestIdentity(client, options).next(options.audience);
}

/** What the fetch MAC covers: the identity's signature, the fetch counter and (when bound) the target's name. */
function fetchMacInput(signature: string, counter: string, audience: string | undefined): string {
  return audience === undefined ? `${signature}.${counter}` : `${signature}.${counter}.${audience}`;
}

/** What a verified header carries besides the client: the fetch's unique id and when the header expires. */
export interface VerifiedIdentity {
  client: Client;
  /** `<nonce>.<counter>`: unique per subgraph fetch; a second sighting before `expiresAt` is a replay. */
  fetchId: string;
  /** Epoch milliseconds (clock tolerance included) after which the header is refused anyway. */
  expiresAt: number;
}

/**
 * Verifies an `x-fm-identity` value and returns the client it carries. Throws UNAUTHENTICATED: "Missing gateway
 * identity" (absent), "… tampered" (bad signature or shape), "… expired" (past `exp`).
 */
export function verifyIdentity(header: string | undefined | null, options: VerifyIdentityOptions): Client {
  return verifyIdentityHeader(header, options).client;
}

/** {@link verifyIdentity}, also returning the fetch id and expiry a replay guard needs. */
export function verifyIdentityHeader(
  header: string | undefined | null,
  options: VerifyIdentityOptions,
): VerifiedIdentity {
  if (!header)
    throw unauthenticated('Missing gateway identity: subgraphs only accept requests that come through the gateway');
  const [body, signature, counter, fetchMac, extra] = header.split('.');
  if (!body || !signature || !counter || !fetchMac || extra !== undefined || !/^\d{1,9}$/.test(counter)) {
    throw unauthenticated('Gateway identity was tampered with (malformed)');
  }
  const given = Buffer.from(signature, 'base64url');
  const givenFetch = Buffer.from(fetchMac, 'base64url');
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  // Every secret is tried (no early exit) so timing does not tell which one matched.
  let valid = false;
  for (const secret of secrets) {
    const expected = mac(checkSecret(secret), body);
    const expectedFetch = mac(secret, fetchMacInput(signature, counter, options.audience));
    const bodyOk = given.length === expected.length && timingSafeEqual(given, expected);
    const fetchOk = givenFetch.length === expectedFetch.length && timingSafeEqual(givenFetch, expectedFetch);
    if (bodyOk && fetchOk) valid = true;
  }
  if (!valid) {
    throw unauthenticated(
      options.audience === undefined
        ? 'Gateway identity was tampered with (bad signature)'
        : `Gateway identity was tampered with or signed for another service (bad signature for ${options.audience})`,
    );
  }

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
  if (parsed.data.iat - tolerance > now)
    throw unauthenticated('Gateway identity was issued in the future (check the clocks)');
  if (options.requestId !== undefined && parsed.data.rid !== options.requestId) {
    throw unauthenticated('Gateway identity was signed for another request');
  }
  return {
    client: toClient(parsed.data.client),
    fetchId: `${parsed.data.nonce}.${counter}`,
    expiresAt: parsed.data.exp + tolerance,
  };
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
