import { shopifyVerifier } from '@fulfillment-mesh/connectors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasSharedFixtures, needsShared, SECRETS, sharedFixture, startOrders } from './support.js';

const signer = shopifyVerifier(SECRETS.shopify);
const BIG_ID = '820982911946154508'; // beyond Number.MAX_SAFE_INTEGER: JSON.parse would turn it into another id

/** Our own small Shopify order (bare, as webhooks send it); the id is written as a JSON number on purpose. */
function shopifyOrder(
  overrides: { updatedAt?: string; financialStatus?: string; sku?: string; id?: string; quantity?: number } = {},
): string {
  const id = overrides.id ?? BIG_ID;
  return `{"id":${id},"name":"#1002","created_at":"2026-11-05T10:00:00-05:00","updated_at":"${overrides.updatedAt ?? '2026-11-05T10:00:00-05:00'}",
  "currency":"USD","email":"ada@example.com","financial_status":"${overrides.financialStatus ?? 'pending'}",
  "customer":{"id":115310627314723954,"first_name":"Ada","last_name":"Buyer","email":"ada@example.com"},
  "shipping_address":{"name":"Ada Buyer","address1":"1 Main St","address2":"","city":"Springfield","province_code":"IL","zip":"62701","country_code":"US"},
  "line_items":[{"id":866550311766439020,"sku":"${overrides.sku ?? 'SKU-1'}","quantity":${overrides.quantity ?? 2},"price":"12.50"}]}`;
}

const post = (orders: Awaited<ReturnType<typeof startOrders>>, body: string, headers = signer.sign(body)) =>
  orders.post('/webhooks/shopify/orders', body, { 'content-type': 'application/json', ...headers });

describe('Shopify orders webhook', () => {
  let orders: Awaited<ReturnType<typeof startOrders>>;
  beforeEach(async () => {
    orders = await startOrders({ products: ['SKU-1', 'IPOD2008GREEN', 'IPOD2008RED', 'IPOD2008BLACK'] });
  });
  afterEach(() => orders.close());

  it.skipIf(!hasSharedFixtures)(
    `places the shared Shopify sample order as a WEB order with its lines, customer and payment state${needsShared}`,
    async () => {
      const raw = sharedFixture('shopify/order.json');
      const res = await post(orders, raw);
      expect(res.status).toBe(200);
      const order = await orders.byExternalId('WEB', '450789469');
      expect(await res.json()).toEqual({
        status: 'applied',
        documentId: '450789469@2008-01-10T11:00:00-05:00',
        result: { orderId: order?._id, status: 'ACCEPTED', created: true },
      });
      expect(order).toMatchObject({
        channel: 'WEB',
        status: 'ACCEPTED',
        customer: { id: 'shopify:207119551', name: 'Bob Norman', email: 'bob.norman@hostmail.com' },
        shipTo: {
          name: 'Bob Norman',
          address: {
            line1: 'Chestnut Street 92',
            line2: null,
            city: 'Louisville',
            region: 'KY',
            postalCode: '40202',
            country: 'US',
          },
        },
        financialStatus: 'AUTHORIZED',
      });
      expect(order!.lines.map((l) => [l.sku, l.quantity, l.unitPrice.amount])).toEqual([
        ['IPOD2008GREEN', 1, '199.00'],
        ['IPOD2008RED', 1, '199.00'],
        ['IPOD2008BLACK', 1, '199.00'],
      ]);
      expect(order!.provenance.content).toMatchObject({
        source: 'channel:shopify',
        sourceVersion: '2008-01-10T11:00:00-05:00',
        observedAt: '2008-01-10T16:00:00.000Z',
      });
    },
  );

  it('keeps a re-delivery with the same updated_at but a changed quantity as a dead letter naming the field', async () => {
    expect((await post(orders, shopifyOrder())).status).toBe(200);
    const res = await post(orders, shopifyOrder({ quantity: 7 }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      status: 'dead-lettered',
      stage: 'dedupe',
      fields: ['input.lines[0].quantity'],
      reason: expect.stringContaining('differs in: input.lines[0].quantity'),
    });
    expect((await orders.byExternalId('WEB', BIG_ID))?.lines[0]?.quantity).toBe(2);
    expect(await (await post(orders, shopifyOrder())).json()).toMatchObject({ status: 'duplicate' });
  });

  it('keeps a later version of the order with a changed quantity as a CONFLICT dead letter naming the field', async () => {
    expect((await post(orders, shopifyOrder())).status).toBe(200);
    const res = await post(orders, shopifyOrder({ quantity: 7, updatedAt: '2026-11-05T11:00:00-05:00' }));
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      status: 'dead-lettered',
      stage: 'apply',
      reason: expect.stringContaining('lines[0].quantity'),
    });
    expect((await orders.byExternalId('WEB', BIG_ID))?.lines[0]?.quantity).toBe(2);
  });

  it.skipIf(!hasSharedFixtures)(
    `accepts a body signed as in Shopify's published HMAC vector and refuses it with one character changed${needsShared}`,
    async () => {
      const vector = JSON.parse(sharedFixture('shopify/webhook-hmac-vector.json')) as {
        secret: string;
        rawBody: string;
        expectedHeader: string;
      };
      await orders.close();
      orders = await startOrders({ products: ['SKU-1'], adapters: { shopifySecret: vector.secret } });
      const good = await post(orders, vector.rawBody, { 'x-shopify-hmac-sha256': vector.expectedHeader });
      // Signature accepted; `{"foo": "bar"}` is no order, so it is kept as a dead letter rather than refused.
      expect(good.status).toBe(202);
      expect(await good.json()).toMatchObject({ status: 'dead-lettered', stage: 'parse' });
      const bad = await post(orders, vector.rawBody.replace('bar', 'baz'), {
        'x-shopify-hmac-sha256': vector.expectedHeader,
      });
      expect(bad.status).toBe(401);
    },
  );

  it('keeps a 64-bit Shopify order id exact', async () => {
    expect((await post(orders, shopifyOrder())).status).toBe(200);
    const order = await orders.byExternalId('WEB', BIG_ID);
    expect(order).toMatchObject({ externalId: BIG_ID, customer: { id: 'shopify:115310627314723954' } });
  });

  it('refuses a wrong or missing signature with 401, counts it and places nothing', async () => {
    const body = shopifyOrder();
    expect((await post(orders, body, shopifyVerifier('another-secret').sign(body))).status).toBe(401);
    expect((await post(orders, body, {})).status).toBe(401);
    expect(orders.subgraph.adapters.metrics()['shopify-orders']).toMatchObject({ invalidSignature: 2 });
    expect(await orders.byExternalId('WEB', BIG_ID)).toBeNull();
  });

  it('changes nothing on a duplicate delivery', async () => {
    const body = shopifyOrder();
    expect(await (await post(orders, body)).json()).toMatchObject({ status: 'applied' });
    const first = await orders.byExternalId('WEB', BIG_ID);
    expect(await (await post(orders, body)).json()).toMatchObject({ status: 'duplicate' });
    expect(await orders.subgraph.orders.count({})).toBe(1);
    expect(await orders.byExternalId('WEB', BIG_ID)).toEqual(first);
  });

  it('keeps malformed JSON as a dead letter with the reason', async () => {
    const res = await post(orders, '{"id": 1, "line_items": [');
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      status: 'dead-lettered',
      stage: 'parse',
      reason: expect.stringContaining('malformed JSON'),
    });
  });

  it('dead-letters an order for an unknown SKU and places it when re-driven after the SKU was added', async () => {
    const res = await post(orders, shopifyOrder({ sku: 'SKU-NEW' }));
    const letter = (await res.json()) as { status: string; stage: string; reason: string; deadLetterId: string };
    expect(letter).toMatchObject({
      status: 'dead-lettered',
      stage: 'apply',
      reason: expect.stringContaining('SKU-NEW'),
    });
    expect(await orders.byExternalId('WEB', BIG_ID)).toBeNull();

    orders.addProduct('SKU-NEW');
    const outcome = await orders.subgraph.adapters.webhooks['shopify-orders']!.redrive(letter.deadLetterId);
    expect(outcome.status).toBe('applied');
    expect(await orders.byExternalId('WEB', BIG_ID)).toMatchObject({ lines: [{ sku: 'SKU-NEW', quantity: 2 }] });
  });

  it('ignores an older update that arrives after a newer one (stale), keeping the newer payment state', async () => {
    await post(orders, shopifyOrder({ updatedAt: '2026-11-05T12:00:00Z', financialStatus: 'paid' }));
    const res = await post(orders, shopifyOrder({ updatedAt: '2026-11-05T11:00:00Z', financialStatus: 'authorized' }));
    expect(res.status).toBe(200);
    const order = await orders.byExternalId('WEB', BIG_ID);
    expect(order).toMatchObject({
      financialStatus: 'PAID',
      provenance: { financialStatus: { source: 'channel:shopify', sourceVersion: '2026-11-05T12:00:00Z' } },
    });
    expect(await orders.subgraph.mastered.conflicts.list()).toMatchObject({
      nodes: [{ code: 'stale', fieldGroup: 'financialStatus', entityId: order!._id }],
    });
  });

  it('refuses the channel’s payment state once the ERP has set it: provenance unchanged, conflict queryable', async () => {
    await post(orders, shopifyOrder({ updatedAt: '2026-11-05T11:00:00Z', financialStatus: 'authorized' }));
    const placed = (await orders.byExternalId('WEB', BIG_ID))!;
    const erp = { source: 'erp', sourceVersion: '7', observedAt: '2026-11-05T11:30:00.000Z', adapterRun: 'test' };
    await orders.subgraph.mastered.setFinancialStatus(placed._id, 'PAID', erp);

    await post(orders, shopifyOrder({ updatedAt: '2026-11-05T12:00:00Z', financialStatus: 'refunded' }));
    expect(await orders.byExternalId('WEB', BIG_ID)).toMatchObject({
      financialStatus: 'PAID',
      provenance: { financialStatus: erp },
    });

    const result = await orders.tester.run(`{
      order(id: "${placed._id}") { financialStatus provenance { field source sourceVersion observedAt adapterRun } }
      ordersConflicts(first: 5) { totalCount nodes { entityId fieldGroup source sourceVersion reason currentSource currentSourceVersion } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      order: { financialStatus: 'PAID', provenance: expect.arrayContaining([{ field: 'financialStatus', ...erp }]) },
      ordersConflicts: {
        totalCount: 1,
        nodes: [
          {
            entityId: placed._id,
            fieldGroup: 'financialStatus',
            source: 'channel:shopify',
            sourceVersion: '2026-11-05T12:00:00Z',
            reason: expect.stringContaining('ranks below erp'),
            currentSource: 'erp',
            currentSourceVersion: '7',
          },
        ],
      },
    });
  });
});
