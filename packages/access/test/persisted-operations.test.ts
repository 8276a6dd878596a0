import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryManifestRegistry,
  documentHash,
  persistedOperationsPlugin,
  resolvePersistedRequest,
  type Client,
  type ManifestRegistry,
} from '../src/index.js';
import type { GuardedRequest } from '../src/apollo/request-guard.js';
import { as, request, startServer } from './apollo-fixture.js';

const acme: Client = { id: 'acme-portal', kind: 'partner', scopes: ['catalog:read'], partnerId: 'ACME' };
const globex: Client = { id: 'globex-portal', kind: 'partner', scopes: ['catalog:read'], partnerId: 'GLOBEX' };
const agent: Client = { id: 'cs-1', kind: 'console', scopes: [] };

const productName = 'query ProductName($sku: ID!) { product(sku: $sku) { name } }';
const categories = 'query Categories { categories }';
const productHash = documentHash(productName);
const categoriesHash = documentHash(categories);

let registry: ManifestRegistry;
let server: ApolloServer<GuardedRequest>;
beforeAll(async () => {
  registry = createMemoryManifestRegistry();
  await registry.registerManifest(acme.id, { [`sha256:${productHash}`]: productName });
  await registry.registerManifest(globex.id, { [`sha256:${categoriesHash}`]: categories });
  server = await startServer([persistedOperationsPlugin({ registry })]);
});
afterAll(() => server.stop());

describe('a partner', () => {
  it('runs a registered operation by documentId', async () => {
    const res = await request(server, as(acme), {
      body: { documentId: `sha256:${productHash}`, variables: { sku: 'A' } },
    });
    expect(res).toMatchObject({ status: 200, body: { data: { product: { name: 'Product A' } } } });
  });

  it('runs it by a GET that a CDN can cache, with a bare hash', async () => {
    const search = new URLSearchParams({ documentId: productHash, variables: JSON.stringify({ sku: 'B' }) }).toString();
    const res = await request(server, as(acme), {
      method: 'GET',
      search,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res).toMatchObject({ status: 200, body: { data: { product: { name: 'Product B' } } } });
  });

  it('runs it by extensions.persistedQuery.sha256Hash (Apollo clients)', async () => {
    const res = await request(server, as(acme), {
      body: { extensions: { persistedQuery: { version: 1, sha256Hash: productHash } }, variables: { sku: 'C' } },
    });
    expect(res).toMatchObject({ status: 200, body: { data: { product: { name: 'Product C' } } } });
  });

  it('is refused an operation it did not register', async () => {
    const res = await request(server, as(acme), { body: { documentId: `sha256:${'0'.repeat(64)}` } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        {
          message: `Operation sha256:${'0'.repeat(64)} is not registered for client "acme-portal"`,
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', documentId: `sha256:${'0'.repeat(64)}` },
        },
      ],
    });
  });

  it('is refused another partner’s registered operation, exactly like an unknown one', async () => {
    const res = await request(server, as(acme), { body: { documentId: `sha256:${categoriesHash}` } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({
      message: `Operation sha256:${categoriesHash} is not registered for client "acme-portal"`,
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
    expect(res.body.data).toBeUndefined();
  });

  it('is refused an arbitrary query, even its own registered text sent raw', async () => {
    const res = await request(server, as(acme), { body: { query: productName, variables: { sku: 'A' } } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({
      message:
        'Client "acme-portal" may only run registered operations: send documentId (sha256:<hash>) instead of a query',
      extensions: { code: 'PERSISTED_QUERY_REQUIRED' },
    });
  });

  it('cannot register a query through APQ', async () => {
    const res = await request(server, as(acme), {
      body: { query: categories, extensions: { persistedQuery: { version: 1, sha256Hash: categoriesHash } } },
    });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
  });
});

describe('a console agent', () => {
  it('may send a query', async () => {
    const res = await request(server, as(agent), { body: { query: categories } });
    expect(res).toMatchObject({ status: 200, body: { data: { categories: ['tools', 'paint'] } } });
  });
});

describe('resolving a persisted request', () => {
  it('passes an unknown APQ hash of a non-partner through to APQ, but not an unknown documentId', async () => {
    const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } };
    await expect(resolvePersistedRequest(agent, apq, { registry })).resolves.toEqual({ kind: 'passthrough' });
    await expect(resolvePersistedRequest(agent, { documentId: 'a'.repeat(64) }, { registry })).rejects.toMatchObject({
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
  });

  it('refuses malformed ids and a documentId sent with a query', async () => {
    await expect(resolvePersistedRequest(acme, { documentId: 'sha256:xyz' }, { registry })).rejects.toMatchObject({
      message: 'documentId must be "sha256:" followed by 64 hex digits',
      extensions: { code: 'BAD_REQUEST' },
    });
    await expect(
      resolvePersistedRequest(acme, { documentId: productHash, query: productName }, { registry }),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
  });

  it('lets the deployment decide who must use registered operations', async () => {
    const everyone = { registry, requirePersisted: () => true };
    await expect(resolvePersistedRequest(agent, { query: categories }, everyone)).rejects.toMatchObject({
      extensions: { code: 'PERSISTED_QUERY_REQUIRED' },
    });
  });
});
