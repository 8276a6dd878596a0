import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { generateDataset, type SeedDataset } from '@fulfillment-mesh/seed-data';
import { post } from './helpers.js';

/** Governed access through the whole mesh: identities, scopes in the schema, and no way around the gateway. */
let mesh: RunningMesh;
let dataset: SeedDataset;
beforeAll(async () => {
  dataset = generateDataset({ seed: 11, skuCount: 50, orderCount: 60 });
  mesh = await startMesh({ inMemory: true, randomPorts: true, dataset });
});
afterAll(() => mesh?.close());

describe('access through the gateway', () => {
  it('lets an anonymous storefront read products and availability', async () => {
    const sku = dataset.products[0]!.sku;
    const res = await post(mesh.gatewayUrl, `{ product(sku: "${sku}") { name availability { available } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ product: { name: dataset.products[0]!.name } });
  });

  it('refuses orders to an anonymous storefront with FORBIDDEN naming the missing scope', async () => {
    const res = await post(mesh.gatewayUrl, `{ order(id: "${dataset.orders[0]!.id}") { id status } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toContain('orders:read');
  });

  it('resolves the allowed part of a response and nulls only the denied field', async () => {
    const sku = dataset.products[0]!.sku;
    const res = await post(
      mesh.gatewayUrl,
      `{ product(sku: "${sku}") { sku } order(id: "${dataset.orders[0]!.id}") { id } }`,
    );
    expect(res.data).toEqual({ product: { sku }, order: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('answers an unknown API key with 401 UNAUTHENTICATED', async () => {
    const res = await post(mesh.gatewayUrl, '{ __typename }', undefined, { 'x-api-key': 'fm_not-a-real-key' });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets a partner run only its registered operations, and shows it only its own orders', async () => {
    const mine = dataset.orders[0]!;
    const theirs = dataset.orders.find((o) => o.customer.id !== mine.customer.id)!;
    const headers = await mesh.headersFor('partner', mine.customer.id);
    const document = 'query PartnerOrder($id: ID!) { order(id: $id) { id status } }';
    const hash = createHash('sha256').update(document).digest('hex');
    await mesh.access.manifests.registerManifest(`ready-partner-${mine.customer.id}`, { [`sha256:${hash}`]: document });
    const byId = (id: string) =>
      fetch(mesh.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ documentId: `sha256:${hash}`, variables: { id } }),
      }).then(
        (r) =>
          r.json() as Promise<{ data?: { order: { id: string } | null }; errors?: { extensions: { code: string } }[] }>,
      );

    expect((await byId(mine.id)).data).toEqual({ order: { id: mine.id, status: mine.status } });
    const other = await byId(theirs.id);
    expect(other.data?.order ?? null).toBeNull();
    // Another customer's order is answered like an unknown one (docs/access.md "Ownership").
    expect(other.errors?.[0]?.extensions.code).toBe('NOT_FOUND');

    const raw = await post(mesh.gatewayUrl, document, { id: mine.id }, headers);
    expect(raw.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_REQUIRED');
    const unknown = await fetch(mesh.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ documentId: `sha256:${'0'.repeat(64)}` }),
    });
    expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });

  it('registers a partner manifest through the operator API and serves it by id over a cacheable GET', async () => {
    const partner = dataset.orders[1]!.customer.id;
    const headers = await mesh.headersFor('partner', partner);
    const document = 'query PartnerOrderStatus($id: ID!) { order(id: $id) { id status } }';
    const hash = createHash('sha256').update(document).digest('hex');
    const admin = new URL(`/admin/manifests?client=ready-partner-${encodeURIComponent(partner)}`, mesh.gatewayUrl);
    const manifest = JSON.stringify({ [`sha256:${hash}`]: document });

    const refused = await fetch(admin, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await mesh.headersFor('console')) },
      body: manifest,
    });
    expect(refused.status).toBe(403);
    const registered = await fetch(admin, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await mesh.headersFor('operator')) },
      body: manifest,
    });
    expect(await registered.json()).toMatchObject({ added: 1 });
    const forged = await fetch(admin, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await mesh.headersFor('operator')) },
      body: JSON.stringify({ [`sha256:${'1'.repeat(64)}`]: document }),
    });
    expect(forged.status).toBe(400);

    const order = dataset.orders.find((o) => o.customer.id === partner)!;
    const get = new URL(mesh.gatewayUrl);
    get.searchParams.set('documentId', `sha256:${hash}`);
    get.searchParams.set('variables', JSON.stringify({ id: order.id }));
    const res = await fetch(get, { headers: { accept: 'application/json', ...headers } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { order: { id: order.id, status: order.status } } });
  });

  it('refuses a request sent straight to a subgraph without the gateway signature', async () => {
    for (const { name, url } of mesh.subgraphs) {
      const res = await post(url, '{ __typename }');
      expect({ name, status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({
        name,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('refuses a tampered identity header sent straight to a subgraph', async () => {
    const orders = mesh.subgraphs.find((s) => s.name === 'orders')!;
    const forged = Buffer.from(
      JSON.stringify({
        client: { id: 'x', kind: 'operator', scopes: ['orders:read'] },
        rid: 'r',
        iat: Date.now(),
        exp: Date.now() + 60_000,
      }),
    ).toString('base64url');
    const res = await post(orders.url, `{ order(id: "${dataset.orders[0]!.id}") { id } }`, undefined, {
      'x-fm-identity': `${forged}.AAAA`,
      'x-request-id': 'r',
    });
    expect(res.status).toBe(401);
  });
});
