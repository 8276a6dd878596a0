import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBigCommerceOrders } from '../fakes/bigcommerce-orders.js';
import { startOrders } from './support.js';

const STORE = 'abc123';
const TOKEN = 'bc-api-token';
const SECRET = 'bc-webhook-secret';

/** BigCommerce order 118 (v2): guest checkout, captured, one product, shipping to Austin. */
function order118(overrides: { modified?: string; quantity?: number; payment?: string } = {}) {
  return {
    order: {
      id: 118,
      customer_id: 0,
      date_created: 'Tue, 05 Nov 2026 15:00:00 +0000',
      date_modified: overrides.modified ?? 'Tue, 05 Nov 2026 15:00:05 +0000',
      status: 'Awaiting Fulfillment',
      currency_code: 'USD',
      payment_status: overrides.payment ?? 'captured',
      billing_address: {
        first_name: 'Jane',
        last_name: 'Roe',
        street_1: '1 Congress Ave',
        city: 'Austin',
        state: 'Texas',
        zip: '78701',
        country_iso2: 'US',
        email: 'jane.roe@example.com',
      },
    },
    products: [{ id: 5, order_id: 118, sku: 'SKU-1', quantity: overrides.quantity ?? 2, price_ex_tax: '21.9900' }],
    shippingAddresses: [
      {
        id: 9,
        first_name: 'Jane',
        last_name: 'Roe',
        street_1: '500 Lamar Blvd',
        street_2: '',
        city: 'Austin',
        state: 'Texas',
        zip: '78703',
        country_iso2: 'US',
      },
    ],
  };
}
const hook = (scope: string, createdAt: number, id = 118) =>
  JSON.stringify({
    scope,
    store_id: '1001',
    data: { type: 'order', id },
    hash: 'f0a2c4e1b3d5',
    created_at: createdAt,
    producer: `stores/${STORE}`,
  });

describe('BigCommerce orders webhook', () => {
  let bc: Awaited<ReturnType<typeof startFakeBigCommerceOrders>>;
  let orders: Awaited<ReturnType<typeof startOrders>>;
  beforeEach(async () => {
    bc = await startFakeBigCommerceOrders({ storeHash: STORE, token: TOKEN });
    orders = await startOrders({
      products: ['SKU-1'],
      adapters: { bigCommerce: { secret: SECRET, api: { url: bc.url, storeHash: STORE, accessToken: TOKEN } } },
    });
  });
  afterEach(async () => {
    await orders.close();
    await bc.close();
  });
  const post = (body: string, secret: string | null = SECRET) =>
    orders.post('/webhooks/bigcommerce', body, {
      'content-type': 'application/json',
      ...(secret === null ? {} : { 'x-fm-webhook-secret': secret }),
    });

  it('refuses a webhook without the secret header, or with a wrong one, with 401 and fetches nothing', async () => {
    bc.orders.set('118', order118());
    expect((await post(hook('store/order/created', 1_793_000_000), null)).status).toBe(401);
    expect((await post(hook('store/order/created', 1_793_000_000), 'bc-webhook-secreT')).status).toBe(401);
    expect(bc.requests).toEqual([]);
    expect(orders.subgraph.adapters.metrics()['bigcommerce-orders']).toMatchObject({ invalidSignature: 2 });
  });

  it('fetches the order, its products and shipping address with X-Auth-Token, and places it as WEB bc-<id>', async () => {
    bc.orders.set('118', order118());
    const res = await post(hook('store/order/created', 1_793_000_000));
    expect(await res.json()).toEqual({ status: 'applied', documentId: 'bc-1001-118@1793000000' });
    expect(bc.requests).toEqual(
      ['', '/products', '/shipping_addresses'].map((suffix) => ({
        method: 'GET',
        path: `/stores/${STORE}/v2/orders/118${suffix}`,
        authToken: TOKEN,
        accept: 'application/json',
      })),
    );
    expect(await orders.byExternalId('WEB', 'bc-118')).toMatchObject({
      customer: { id: 'bc-guest:118', name: 'Jane Roe', email: 'jane.roe@example.com' },
      shipTo: {
        name: 'Jane Roe',
        address: {
          line1: '500 Lamar Blvd',
          line2: null,
          city: 'Austin',
          region: 'Texas',
          postalCode: '78703',
          country: 'US',
        },
      },
      lines: [{ sku: 'SKU-1', quantity: 2, unitPrice: { amount: '21.99', currencyCode: 'USD' } }],
      financialStatus: 'PAID',
      provenance: { content: { source: 'channel:bigcommerce', sourceVersion: '2026-11-05T15:00:05.000Z' } },
    });
  });

  it('answers an identical re-delivery as a duplicate without fetching again', async () => {
    bc.orders.set('118', order118());
    const body = hook('store/order/created', 1_793_000_000);
    await post(body);
    const fetched = bc.requests.length;
    expect(await (await post(body)).json()).toMatchObject({ status: 'duplicate' });
    expect(bc.requests).toHaveLength(fetched);
    expect(await orders.subgraph.orders.count({})).toBe(1);
  });

  it('takes a new payment state from an update, and dead-letters an update that changes the lines as a conflict', async () => {
    bc.orders.set('118', order118({ payment: 'authorized' }));
    await post(hook('store/order/created', 1_793_000_000));
    expect(await orders.byExternalId('WEB', 'bc-118')).toMatchObject({ financialStatus: 'AUTHORIZED' });
    bc.orders.set('118', order118({ payment: 'captured', modified: 'Tue, 05 Nov 2026 16:00:00 +0000' }));
    expect(await (await post(hook('store/order/updated', 1_793_003_600))).json()).toMatchObject({ status: 'applied' });
    expect(await orders.byExternalId('WEB', 'bc-118')).toMatchObject({ financialStatus: 'PAID' });

    bc.orders.set('118', order118({ quantity: 5, modified: 'Tue, 05 Nov 2026 17:00:00 +0000' }));
    const changed = (await (await post(hook('store/order/updated', 1_793_007_200))).json()) as Record<string, unknown>;
    expect(changed).toMatchObject({ status: 'dead-lettered', stage: 'apply' });
    expect(String(changed.reason)).toContain('lines');
    expect(await orders.byExternalId('WEB', 'bc-118')).toMatchObject({ lines: [{ quantity: 2 }] });
  });

  it('asks BigCommerce to deliver again (503) when the API fails, and dead-letters an order it does not have', async () => {
    bc.orders.set('118', order118());
    bc.failNext(500, 'upstream');
    expect((await post(hook('store/order/created', 1_793_000_000))).status).toBe(503);
    expect(await (await post(hook('store/order/created', 1_793_000_000))).json()).toMatchObject({ status: 'applied' });
    const missing = (await (await post(hook('store/order/created', 1_793_000_100, 404040))).json()) as Record<
      string,
      unknown
    >;
    expect(missing).toMatchObject({ status: 'dead-lettered', stage: 'apply' });
    expect(String(missing.reason)).toContain('BigCommerce order 404040: GET / answered 404');
  });

  it('acknowledges other scopes without fetching, and dead-letters a webhook from another store', async () => {
    expect(await (await post(hook('store/order/archived', 1_793_000_000))).json()).toMatchObject({ status: 'applied' });
    expect(bc.requests).toEqual([]);
    const other = hook('store/order/created', 1_793_000_001).replace(`stores/${STORE}`, 'stores/zzz999');
    expect(await (await post(other)).json()).toMatchObject({ status: 'dead-lettered', stage: 'map' });
  });
});
