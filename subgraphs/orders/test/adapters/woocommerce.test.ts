import { wooCommerceVerifier } from '@fulfillment-mesh/connectors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRETS, startOrders } from './support.js';

const signer = wooCommerceVerifier(SECRETS.wooCommerce);

/** Our own small WooCommerce REST v3 order: `price` is a JSON number, as WooCommerce sends it. */
function wooOrder(
  overrides: { modified?: string; paid?: string | null; status?: string; price?: string } = {},
): string {
  return JSON.stringify({
    id: 727,
    status: overrides.status ?? 'processing',
    currency: 'USD',
    date_created_gmt: '2026-11-05T15:00:00',
    date_modified_gmt: overrides.modified ?? '2026-11-05T15:00:05',
    date_paid_gmt: overrides.paid === undefined ? '2026-11-05T15:00:04' : overrides.paid,
    customer_id: 0,
    billing: {
      first_name: 'John',
      last_name: 'Doe',
      address_1: '969 Market',
      city: 'San Francisco',
      state: 'CA',
      postcode: '94103',
      country: 'US',
      email: 'john.doe@example.com',
    },
    shipping: {
      first_name: 'John',
      last_name: 'Doe',
      address_1: '969 Market',
      address_2: '',
      city: 'San Francisco',
      state: 'CA',
      postcode: '94103',
      country: 'US',
    },
    line_items: [{ id: 315, sku: 'SKU-1', quantity: 2, price: '__PRICE__' }],
  }).replace('"__PRICE__"', overrides.price ?? '21.99');
}

describe('WooCommerce orders webhook', () => {
  let orders: Awaited<ReturnType<typeof startOrders>>;
  beforeEach(async () => {
    orders = await startOrders({ products: ['SKU-1'] });
  });
  afterEach(() => orders.close());

  // WooCommerce sends its deliveries as `application/json` (webhooks refuse other types with 415).
  const post = (body: string, headers: Record<string, string> = signer.sign(body)) =>
    orders.post('/webhooks/woocommerce/orders', body, { 'content-type': 'application/json', ...headers });

  it('answers the unsigned form-encoded activation ping with 200 and places nothing', async () => {
    const res = await post('webhook_id=15', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'pong' });
    expect(await orders.subgraph.orders.count({})).toBe(0);
  });

  it('places a signed order as WEB order wc-<id> with a decimal price and the channel’s payment state', async () => {
    const res = await post(wooOrder());
    const placed = await orders.byExternalId('WEB', 'wc-727');
    expect(await res.json()).toEqual({
      status: 'applied',
      documentId: 'wc-727@2026-11-05T15:00:05',
      result: { orderId: placed?._id, status: placed?.status, created: true },
    });
    expect(placed).toMatchObject({
      customer: { id: 'wc-guest:727', name: 'John Doe', email: 'john.doe@example.com' },
      shipTo: { name: 'John Doe', address: { line1: '969 Market', region: 'CA', postalCode: '94103', country: 'US' } },
      lines: [{ sku: 'SKU-1', quantity: 2, unitPrice: { amount: '21.99', currencyCode: 'USD' } }],
      financialStatus: 'PAID',
      provenance: { content: { source: 'channel:woocommerce', sourceVersion: '2026-11-05T15:00:05Z' } },
    });
  });

  it('refuses a bad signature with 401 and counts it', async () => {
    const body = wooOrder();
    expect((await post(body, wooCommerceVerifier('wrong').sign(body))).status).toBe(401);
    expect(orders.subgraph.adapters.metrics()['woocommerce-orders']).toMatchObject({ invalidSignature: 1 });
  });

  it('changes nothing on a duplicate delivery and answers it with the order the first delivery placed', async () => {
    const body = wooOrder();
    const first = (await (await post(body)).json()) as { result: Record<string, unknown> };
    expect(await (await post(body)).json()).toEqual({
      status: 'duplicate',
      documentId: 'wc-727@2026-11-05T15:00:05',
      result: first.result,
      appliedAt: expect.any(String),
    });
    expect(await orders.subgraph.orders.count({})).toBe(1);
  });

  it('dead-letters a line price that is not a decimal amount; a corrected later delivery places the order', async () => {
    const bad = (await (await post(wooOrder({ price: '21.123456' }))).json()) as {
      status: string;
      stage: string;
      deadLetterId: string;
    };
    expect(bad).toMatchObject({ status: 'dead-lettered', stage: 'map' });
    expect(await (await post(wooOrder({ modified: '2026-11-05T15:10:00' }))).json()).toMatchObject({
      status: 'applied',
    });
    expect(await orders.byExternalId('WEB', 'wc-727')).toMatchObject({ lines: [{ unitPrice: { amount: '21.99' } }] });
  });

  it('answers 503 "adapter not configured" when its secret is missing', async () => {
    await orders.close();
    orders = await startOrders({ products: ['SKU-1'], adapters: { wooCommerceSecret: undefined } });
    const res = await post(wooOrder());
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'adapter not configured', adapter: 'woocommerce-orders' });
  });
});
