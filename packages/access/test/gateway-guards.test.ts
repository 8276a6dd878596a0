import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  costConfigFromSdl,
  createAuthenticator,
  createMemoryClientStore,
  createMemoryRateLimiter,
  createRequestGuard,
  DEFAULT_BUCKETS,
  DEFAULT_BUDGETS,
  operationLimitsPlugin,
} from '../src/index.js';
import type { GuardedRequest } from '../src/apollo/request-guard.js';
import { request, startServer, typeDefs } from './apollo-fixture.js';

let server: ApolloServer<GuardedRequest>;
let partnerKey: string;
const store = createMemoryClientStore();
const guard = createRequestGuard({
  authenticate: createAuthenticator({ apiKeys: store }),
  // A frozen clock: nothing refills while the test runs.
  limiter: createMemoryRateLimiter({ bucket: DEFAULT_BUCKETS.storefront, now: () => 0 }),
  buckets: { ...DEFAULT_BUCKETS, partner: { capacity: 2, refillPerSecond: 0.5 } },
});
const budgets = { ...DEFAULT_BUDGETS, storefront: { maxCost: 20, maxDepth: 3, maxAliases: 2 } };

beforeAll(async () => {
  ({ apiKey: partnerKey } = await store.createClient({
    id: 'acme-portal',
    kind: 'partner',
    scopes: [],
    partnerId: 'ACME',
  }));
  server = await startServer([operationLimitsPlugin({ costConfig: costConfigFromSdl([typeDefs]), budgets })]);
});
afterAll(() => server.stop());

const send = (query: string, headers: Record<string, string> = {}) =>
  request(server, () => guard(headers, '10.0.0.1'), { body: { query }, headers });

describe('the request guard in the context function', () => {
  it('answers bad credentials with 401 before parsing', async () => {
    const res = await send('{ categories }', { 'x-api-key': 'fm_wrong' });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(res.body.errors?.[0]?.message).toMatch(/Unknown or revoked API key$/);
  });

  it('tells the client its budget, then answers 429 with Retry-After', async () => {
    const ok = await send('{ categories }', { 'x-api-key': partnerKey });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('ratelimit-limit')).toBe('2');
    expect(ok.headers.get('ratelimit-remaining')).toBe('1');
    await send('{ categories }', { 'x-api-key': partnerKey });
    const refused = await send('{ categories }', { 'x-api-key': partnerKey });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.body.errors?.[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED', limit: 2, retryAfterSeconds: 2 },
    });
  });
});

describe('the operation limits plugin', () => {
  it('rejects a deep operation with 400, the depth and the limit, before execution', async () => {
    const res = await send('{ product(sku: "A") { related { related { sku } } } }');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message: 'Operation depth 4 exceeds the limit of 3 for storefront clients',
          extensions: { code: 'DEPTH_LIMIT_EXCEEDED', depth: 4, limit: 3 },
        },
      ],
    });
  });

  it('rejects a costly operation with the computed cost and the limit', async () => {
    // product 1 + 30 related × (1 + 0) = 31
    const res = await send('{ product(sku: "A") { related(first: 30) { sku } } }');
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toEqual({
      message: 'Operation cost 31 exceeds the limit of 20 for storefront clients',
      extensions: { code: 'COST_LIMIT_EXCEEDED', cost: 31, limit: 20 },
    });
  });

  it('runs an operation within budget', async () => {
    const res = await send('{ product(sku: "A") { related(first: 2) { sku } } }');
    expect(res).toMatchObject({
      status: 200,
      body: { data: { product: { related: [{ sku: 'A-0' }, { sku: 'A-1' }] } } },
    });
  });
});
