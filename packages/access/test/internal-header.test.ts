import { buildSubgraphSchema } from '@apollo/subgraph';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErrorFormatter, createHttpService, createLogger, type HttpService } from '@fulfillment-mesh/runtime';
import { IDENTITY_HEADER, requireGatewayIdentity, signIdentity, verifyIdentity, type Client } from '../src/index.js';

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
    const [body, signature] = header.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { client: Client };
    payload.client.scopes.push('orders:write');
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    expect(() => verifyIdentity(forged, { secret: SECRET })).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'Gateway identity was tampered with (bad signature)' }));
  });

  it('is refused when signed with another secret', () => {
    const header = signIdentity(partner, { secret: 'x'.repeat(32), requestId: 'r-1' });
    expect(() => verifyIdentity(header, { secret: SECRET })).toThrow(/tampered/);
  });

  it('is refused once expired (default 60 s, 5 s clock tolerance)', () => {
    const header = signIdentity(partner, { secret: SECRET, requestId: 'r-1', now: 0 });
    expect(verifyIdentity(header, { secret: SECRET, now: 64_999 })).toEqual(partner);
    expect(() => verifyIdentity(header, { secret: SECRET, now: 65_000 })).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', message: 'Gateway identity has expired' }));
  });

  it('accepts the previous secret while secrets rotate', () => {
    const header = signIdentity(partner, { secret: SECRET, requestId: 'r-1' });
    expect(verifyIdentity(header, { secret: ['n'.repeat(40), SECRET] })).toEqual(partner);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => signIdentity(partner, { secret: 'short', requestId: 'r-1' })).toThrow(/at least 32 bytes/);
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
      { name: 'orders', apollo, logger, ready: async () => {}, context: async ({ req }) => ({ client: requireGatewayIdentity(req.headers, { secret: SECRET }) }) },
      { port: 0 },
    );
  });
  afterAll(() => service.close());

  const post = (headers: Record<string, string>) =>
    fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ me }' }) });

  it('is refused with 401 when the identity header is missing', async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ message: expect.stringMatching(/^Missing gateway identity/), extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('is refused with 401 when the identity header was tampered with', async () => {
    const header = signIdentity(partner, { secret: SECRET, requestId: 'r-2' });
    const res = await post({ [IDENTITY_HEADER]: header.slice(0, -2) + (header.endsWith('AA') ? 'BB' : 'AA') });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errors: [{ message: expect.stringMatching(/tampered/), extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('answers a request carrying the gateway signature', async () => {
    const res = await post({ [IDENTITY_HEADER]: signIdentity(partner, { secret: SECRET, requestId: 'r-3' }) });
    expect(await res.json()).toEqual({ data: { me: 'acme-portal' } });
  });
});
