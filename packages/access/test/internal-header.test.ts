import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErrorFormatter, createHttpService, createLogger, type HttpService } from '@fulfillment-mesh/runtime';
import {
  createMemoryReplayGuard,
  createRedisReplayGuard,
  createSubgraphGuard,
  IDENTITY_HEADER,
  requireFreshGatewayIdentity,
  requireGatewayIdentity,
  signIdentity,
  signRequestIdentity,
  verifyIdentity,
  verifyIdentityHeader,
  type Client,
  type RedisClient,
} from '../src/index.js';
import { createClient } from 'redis';
import { randomUUID } from 'node:crypto';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const partner: Client = { id: 'acme-portal', kind: 'partner', scopes: ['orders:read'], partnerId: 'ACME' };

describe('the signed identity header', () => {
  it('round-trips the client the gateway verified', () => {
    const header = signIdentity(partner, { secret: SECRET, requestId: 'r-1', now: 1_000 });
    expect(verifyIdentity(header, { secret: SECRET, now: 30_000, requestId: 'r-1' })).toEqual(partner);
  });

  it('is refused when missing', () => {
    expect(() => verifyIdentity(undefined, { secret: SECRET })).toThrow(/^Missing gateway identity/);
  });

  it('is refused when the payload was changed (a partner granting itself scopes)', () => {
    const header = signIdentity(partner, { secret: SECRET, requestId: 'r-1' });
    const [body, ...rest] = header.split('.') as [string, ...string[]];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { client: Client };
    payload.client.scopes.push('orders:write');
    const forged = [Buffer.from(JSON.stringify(payload)).toString('base64url'), ...rest].join('.');
    expect(() => verifyIdentity(forged, { secret: SECRET })).toThrow(
      expect.objectContaining({
        code: 'UNAUTHENTICATED',
        message: 'Gateway identity was tampered with (bad signature)',
      }),
    );
  });

  it('is refused when signed with another secret', () => {
    const header = signIdentity(partner, { secret: 'x'.repeat(32), requestId: 'r-1' });
    expect(() => verifyIdentity(header, { secret: SECRET })).toThrow(/tampered/);
  });

  it('is refused once expired (default 60 s, 5 s clock tolerance)', () => {
    const header = signIdentity(partner, { secret: SECRET, requestId: 'r-1', now: 0 });
    expect(verifyIdentity(header, { secret: SECRET, now: 64_999 })).toEqual(partner);
    expect(() => verifyIdentity(header, { secret: SECRET, now: 65_000 })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'Gateway identity has expired' }),
    );
  });

  it('accepts the previous secret while secrets rotate', () => {
    const header = signIdentity(partner, { secret: SECRET, requestId: 'r-1' });
    expect(verifyIdentity(header, { secret: ['n'.repeat(40), SECRET] })).toEqual(partner);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => signIdentity(partner, { secret: 'short', requestId: 'r-1' })).toThrow(/at least 32 bytes/);
  });

  it('is signed once per request and gives every subgraph fetch its own id', () => {
    const request = signRequestIdentity(partner, { secret: SECRET, requestId: 'r-1' });
    const [first, second] = [request.next(), request.next()];
    // Same signed identity (serialised and signed once), different counter and fetch MAC.
    expect(first.split('.').slice(0, 2)).toEqual(second.split('.').slice(0, 2));
    const ids = [first, second].map((h) => verifyIdentityHeader(h, { secret: SECRET }).fetchId);
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]).toMatch(/\.0$/);
    expect(ids[1]).toMatch(/\.1$/);
  });

  it('is refused when the fetch counter was changed to pass a header off as a new fetch', () => {
    const [body, signature, , fetchMac] = signRequestIdentity(partner, { secret: SECRET, requestId: 'r-1' })
      .next()
      .split('.');
    expect(() => verifyIdentity([body, signature, '7', fetchMac].join('.'), { secret: SECRET })).toThrow(
      'Gateway identity was tampered with (bad signature)',
    );
    expect(() => verifyIdentity([body, signature].join('.'), { secret: SECRET })).toThrow(
      'Gateway identity was tampered with (malformed)',
    );
  });
});

describe('replayed identity headers', () => {
  it('refuses a header a subgraph has already accepted, until it expires', async () => {
    const replay = createMemoryReplayGuard();
    const header = signIdentity(partner, { secret: SECRET, requestId: 'r-1' });
    const headers = { [IDENTITY_HEADER]: header };
    await expect(requireFreshGatewayIdentity(headers, { secret: SECRET, replay })).resolves.toEqual(partner);
    await expect(requireFreshGatewayIdentity(headers, { secret: SECRET, replay })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Gateway identity was already used: each subgraph fetch carries its own',
      extensions: { http: { status: 401 } },
    });
  });

  it('is what a subgraph guard applies: the same fetch header twice is 401 the second time', async () => {
    const guard = createSubgraphGuard({ secret: SECRET });
    const request = signRequestIdentity(partner, { secret: SECRET, requestId: 'r-9' });
    const [first, second] = [request.next(), request.next()];
    const req = (header: string) => ({ headers: { [IDENTITY_HEADER]: header } }) as never;
    await expect(guard.authenticate!(req(first), 'r-9')).resolves.toEqual({ client: partner });
    await expect(guard.authenticate!(req(second), 'r-9')).resolves.toEqual({ client: partner });
    await expect(guard.authenticate!(req(first), 'r-9')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      extensions: { http: { status: 401 } },
    });
  });

  it('accepts a fetch header only at the subgraph it was signed for: captured for orders, it is refused by shipments', async () => {
    const [orders, shipments] = [
      createSubgraphGuard({ secret: SECRET, audience: 'orders' }),
      createSubgraphGuard({ secret: SECRET, audience: 'shipments' }),
    ];
    const request = signRequestIdentity(partner, { secret: SECRET, requestId: 'r-10' });
    const forOrders = request.next('orders');
    const req = (header: string) => ({ headers: { [IDENTITY_HEADER]: header } }) as never;
    await expect(shipments.authenticate!(req(forOrders), 'r-10')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Gateway identity was tampered with or signed for another service (bad signature for shipments)',
      extensions: { http: { status: 401 } },
    });
    await expect(orders.authenticate!(req(forOrders), 'r-10')).resolves.toEqual({ client: partner });
    // A header signed for no subgraph in particular is not accepted by one that knows its name either.
    await expect(orders.authenticate!(req(request.next()), 'r-10')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(shipments.authenticate!(req(request.next('shipments')), 'r-10')).resolves.toEqual({ client: partner });
  });

  it('stays within its bound and then refuses what it can no longer tell apart, never letting a replay through', async () => {
    const replay = createMemoryReplayGuard({ maxEntries: 2 });
    expect(await replay.firstSighting('a.0', 1_000, 0)).toBe(true);
    expect(await replay.firstSighting('b.0', 2_000, 0)).toBe(true);
    expect(await replay.firstSighting('c.0', 3_000, 0)).toBe(true); // a.0 dropped: expiries up to 1_000 are refused
    expect(await replay.firstSighting('a.0', 1_000, 0)).toBe(false);
    expect(await replay.firstSighting('b.0', 2_000, 0)).toBe(false);
    expect(await replay.firstSighting('d.0', 4_000, 2_500)).toBe(true); // b.0 expired and was trimmed
  });

  it("shares what it saw through Redis, with the header's remaining lifetime", async () => {
    const redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }) as RedisClient;
    await redis.connect();
    const prefix = `test:replay:${randomUUID()}:`;
    try {
      const [one, other] = [createRedisReplayGuard({ redis, prefix }), createRedisReplayGuard({ redis, prefix })];
      const now = Date.now();
      expect(await one.firstSighting('n.0', now + 60_000, now)).toBe(true);
      expect(await other.firstSighting('n.0', now + 60_000, now)).toBe(false);
      const ttl = await redis.pTTL(`${prefix}replay:n.0`);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    } finally {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(keys);
      await redis.quit();
    }
  });
});

describe('a subgraph reached without the gateway', () => {
  let service: HttpService;
  const logger = createLogger({ service: 'orders', level: 'silent' });

  beforeAll(async () => {
    const schema = buildSubgraphSchema({
      typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Query { me: String }`),
      resolvers: { Query: { me: (_: unknown, __: unknown, ctx: unknown) => (ctx as { client: Client }).client.id } },
    });
    const apollo = new ApolloServer<{ client: Client }>({ schema, formatError: createErrorFormatter(logger) });
    service = await createHttpService(
      {
        name: 'orders',
        apollo,
        logger,
        ready: async () => {},
        context: async ({ req }) => ({ client: requireGatewayIdentity(req.headers, { secret: SECRET }) }),
      },
      { port: 0 },
    );
  });
  afterAll(() => service.close());

  const post = (headers: Record<string, string>) =>
    fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ me }' }),
    });

  it('is refused with 401 when the identity header is missing', async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      errors: [
        { message: expect.stringMatching(/^Missing gateway identity/), extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  });

  it('is refused with 401 when the identity header was tampered with', async () => {
    const header = signIdentity(partner, { secret: SECRET, requestId: 'r-2' });
    const res = await post({ [IDENTITY_HEADER]: header.slice(0, -2) + (header.endsWith('AA') ? 'BB' : 'AA') });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      errors: [{ message: expect.stringMatching(/tampered/), extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('answers a request carrying the gateway signature', async () => {
    const res = await post({ [IDENTITY_HEADER]: signIdentity(partner, { secret: SECRET, requestId: 'r-3' }) });
    expect(await res.json()).toEqual({ data: { me: 'acme-portal' } });
  });
});
