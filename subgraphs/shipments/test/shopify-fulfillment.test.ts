import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorMetrics } from '@fulfillment-mesh/connectors';
import { createEvent, type DeliveryMeta } from '@fulfillment-mesh/events';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { startChannelFulfillmentFake, type FakeRoute } from './fakes/channel-fulfillment.js';
import type { OrderChannelDoc } from '../src/adapters/edi-856.js';
import { createShopifyFulfillmentSync, type ChannelFulfillmentDoc } from '../src/adapters/shopify-fulfillment.js';
import { milestoneRecorded, orderPlaced, shipmentConfirmed } from '../src/events/contracts.js';
import { adapterOptionsFromEnv } from '../src/adapters/options.js';
import { servedShipments } from './adapter-support.js';
import { silent, waitFor } from './support.js';

type Fake = Awaited<ReturnType<typeof startChannelFulfillmentFake>>;

const TOKEN = 'shpat_test_token';
const meta: DeliveryMeta = {
  stream: 'shipments',
  group: 'shipments.shopify-fulfillments',
  consumer: 'test',
  entryId: '1-0',
  attempt: 1,
  previousAttempts: [],
};

/** The order `5001` on Shopify: one open fulfillment order with SKU-1 x3 and SKU-2 x1. */
const orderAnswer =
  (fulfillments: { id: string; trackingInfo: { number: string }[] }[] = []): FakeRoute =>
  () => ({
    body: {
      data: {
        order: {
          id: 'gid://shopify/Order/5001',
          fulfillments,
          fulfillmentOrders: {
            nodes: [
              {
                id: 'gid://shopify/FulfillmentOrder/71',
                status: 'OPEN',
                lineItems: {
                  nodes: [
                    { id: 'gid://shopify/FulfillmentOrderLineItem/711', sku: 'SKU-1', remainingQuantity: 3 },
                    { id: 'gid://shopify/FulfillmentOrderLineItem/712', sku: 'SKU-2', remainingQuantity: 1 },
                  ],
                },
              },
            ],
          },
        },
      },
    },
  });

const created: FakeRoute = () => ({
  body: {
    data: {
      fulfillmentCreate: { fulfillment: { id: 'gid://shopify/Fulfillment/901', status: 'SUCCESS' }, userErrors: [] },
    },
  },
});

/** A confirmed partial shipment of order O-1: 2 of the 3 SKU-1 only. */
const confirmed = (lines = [{ lineId: 'L1', sku: 'SKU-1', quantity: 2 }]) =>
  createEvent(shipmentConfirmed, {
    source: '/subgraphs/shipments',
    subject: 'shp-O-1-DC',
    data: {
      shipmentId: 'shp-O-1-DC',
      orderId: 'O-1',
      customerId: 'c-1',
      locationId: 'DC',
      reservationId: 'res-O-1',
      carrier: 'UPS',
      service: 'GROUND',
      trackingNumber: '1Z-777',
      lines,
    },
  });

async function syncAgainst(fake: Fake, channel = 'WEB', externalId = '5001') {
  const store = openEmbeddedStore();
  const channels = store.collection<OrderChannelDoc>('order_channels');
  await channels.insertOne({ _id: 'O-1', channel, externalId });
  const fulfillments = store.collection<ChannelFulfillmentDoc>('channel_fulfillments');
  const metrics = createConnectorMetrics('shopify-fulfillments');
  const sync = createShopifyFulfillmentSync({
    options: { url: `${fake.url}/admin/api/2025-01/graphql.json`, token: TOKEN, notifyCustomer: true },
    channels,
    fulfillments,
    events: store.collection<ChannelFulfillmentEventDoc>('channel_fulfillment_events'),
    metrics,
    logger: silent,
  });
  return { sync, fulfillments, metrics };
}

describe('Shopify fulfillment out', () => {
  let fake: Fake;
  afterEach(() => fake?.close());

  it('turns a partial shipment into a partial fulfillment with the tracking number, on the order’s fulfillment order', async () => {
    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': orderAnswer(),
      'POST /admin/api/2025-01/graphql.json FulfillmentCreate': created,
    });
    const { sync, fulfillments } = await syncAgainst(fake);
    const event = confirmed();
    await sync(event, meta);

    expect(fake.requests).toHaveLength(2);
    const [query, mutation] = fake.requests;
    expect(query!.method).toBe('POST');
    expect(query!.headers['x-shopify-access-token']).toBe(TOKEN);
    expect(query!.headers['content-type']).toBe('application/json');
    expect((query!.json as { variables: unknown }).variables).toEqual({ id: 'gid://shopify/Order/5001' });
    expect(mutation!.headers['x-shopify-access-token']).toBe(TOKEN);
    expect((mutation!.json as { query: string }).query).toMatch(/fulfillmentCreate\(fulfillment: \$fulfillment\)/);
    expect((mutation!.json as { variables: unknown }).variables).toEqual({
      fulfillment: {
        lineItemsByFulfillmentOrder: [
          {
            fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/71',
            fulfillmentOrderLineItems: [{ id: 'gid://shopify/FulfillmentOrderLineItem/711', quantity: 2 }],
          },
        ],
        notifyCustomer: true,
        trackingInfo: { company: 'UPS', number: '1Z-777' },
      },
    });
    expect(await fulfillments.findOne({ _id: 'shopify:shp-O-1-DC' })).toMatchObject({
      fulfillmentId: 'gid://shopify/Fulfillment/901',
      trackingNumber: '1Z-777',
      eventId: event.id,
    });
  });

  it('makes no second fulfillment when the confirmation is delivered again', async () => {
    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': orderAnswer(),
      'POST /admin/api/2025-01/graphql.json FulfillmentCreate': created,
    });
    const { sync, metrics } = await syncAgainst(fake);
    const event = confirmed();
    await sync(event, meta);
    await sync(event, { ...meta, attempt: 2 });
    expect(fake.operations('FulfillmentCreate')).toHaveLength(1);
    expect(metrics.get('duplicate')).toBe(1);
  });

  it('records instead of re-creating when Shopify already has a fulfillment with the tracking number', async () => {
    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': orderAnswer([
        { id: 'gid://shopify/Fulfillment/900', trackingInfo: [{ number: '1Z-777' }] },
      ]),
      'POST /admin/api/2025-01/graphql.json FulfillmentCreate': created,
    });
    const { sync, fulfillments } = await syncAgainst(fake);
    await sync(confirmed(), meta);
    expect(fake.operations('FulfillmentCreate')).toHaveLength(0);
    expect((await fulfillments.findOne({ _id: 'shopify:shp-O-1-DC' }))?.fulfillmentId).toBe(
      'gid://shopify/Fulfillment/900',
    );
  });

  it('calls nothing for an order that did not come from Shopify (EDI, or WooCommerce on the same WEB channel)', async () => {
    fake = await startChannelFulfillmentFake({});
    await (await syncAgainst(fake, 'EDI')).sync(confirmed(), meta);
    await (await syncAgainst(fake, 'WEB', 'wc-812')).sync(confirmed(), meta);
    expect(fake.requests).toHaveLength(0);
  });

  it('fails permanently with Shopify’s answer on a 4xx, and with the userErrors of a refused fulfillment', async () => {
    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': () => ({
        status: 403,
        body: { errors: '[API] This action requires merchant approval for write_fulfillments scope.' },
      }),
    });
    const { sync, metrics } = await syncAgainst(fake);
    await expect(sync(confirmed(), meta)).rejects.toThrow(/403.*requires merchant approval/);
    expect(fake.requests).toHaveLength(1); // no in-process retry of a refusal
    expect(metrics.get('refused')).toBe(1);
    await fake.close();

    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': orderAnswer(),
      'POST /admin/api/2025-01/graphql.json FulfillmentCreate': () => ({
        body: {
          data: {
            fulfillmentCreate: {
              fulfillment: null,
              userErrors: [{ field: ['fulfillment'], message: 'Fulfillment order is closed' }],
            },
          },
        },
      }),
    });
    const again = await syncAgainst(fake);
    await expect(again.sync(confirmed(), meta)).rejects.toThrow(/Fulfillment order is closed/);
    expect(await again.fulfillments.findOne({ _id: 'shopify:shp-O-1-DC' })).toBeNull();
  });

  it('names the SKU when the shipped quantity is not open on the channel', async () => {
    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': orderAnswer(),
    });
    const { sync } = await syncAgainst(fake);
    await expect(sync(confirmed([{ lineId: 'L9', sku: 'SKU-9', quantity: 1 }]), meta)).rejects.toThrow(
      /SKU SKU-9: 1 of 1 shipped are not open/,
    );
    expect(fake.operations('FulfillmentCreate')).toHaveLength(0);
  });

  it('retries a 5xx and succeeds once Shopify is back', async () => {
    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': (_r, calls) =>
        calls === 0 ? { status: 503, body: { errors: 'unavailable' } } : orderAnswer()(_r, calls),
      'POST /admin/api/2025-01/graphql.json FulfillmentCreate': created,
    });
    const { sync, metrics } = await syncAgainst(fake);
    await sync(confirmed(), meta);
    expect(fake.operations('FulfillmentOrders')).toHaveLength(2);
    expect(fake.operations('FulfillmentCreate')).toHaveLength(1);
    expect(metrics.get('retried')).toBe(1);
  });

  it('waits the Retry-After of a 429 before calling again', async () => {
    const times: number[] = [];
    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': (r, calls) => {
        times.push(Date.now());
        return calls === 0
          ? { status: 429, headers: { 'retry-after': '1' }, body: { errors: 'Throttled' } }
          : orderAnswer()(r, calls);
      },
      'POST /admin/api/2025-01/graphql.json FulfillmentCreate': created,
    });
    const { sync } = await syncAgainst(fake);
    await sync(confirmed(), meta);
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1_000);
    expect(fake.operations('FulfillmentCreate')).toHaveLength(1);
  });

  it('tells Shopify when the fulfilled shipment is delivered, once, and says nothing for a milestone Shopify cannot name', async () => {
    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': orderAnswer(),
      'POST /admin/api/2025-01/graphql.json FulfillmentCreate': created,
      'POST /admin/api/2025-01/graphql.json FulfillmentEventCreate': () => ({
        body: {
          data: {
            fulfillmentEventCreate: {
              fulfillmentEvent: { id: 'gid://shopify/FulfillmentEvent/5', status: 'DELIVERED' },
              userErrors: [],
            },
          },
        },
      }),
    });
    const { sync } = await syncAgainst(fake);
    await sync(confirmed(), meta);
    const milestone = (status: 'DELIVERED' | 'CANCELLED') =>
      createEvent(milestoneRecorded, {
        source: '/subgraphs/shipments',
        subject: 'shp-O-1-DC',
        data: {
          shipmentId: 'shp-O-1-DC',
          orderId: 'O-1',
          customerId: 'c-1',
          status,
          at: '2026-11-12T15:04:00.000Z',
          location: 'Chicago, IL',
          description: 'Delivered, front door',
          shipmentStatus: status,
        },
      });
    const delivered = milestone('DELIVERED');
    await sync(delivered, meta);
    await sync(delivered, { ...meta, attempt: 2 });
    await sync(milestone('CANCELLED'), meta);
    const sent = fake.operations('FulfillmentEventCreate');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers['x-shopify-access-token']).toBe(TOKEN);
    expect((sent[0]!.json as { variables: unknown }).variables).toEqual({
      fulfillmentEvent: {
        fulfillmentId: 'gid://shopify/Fulfillment/901',
        status: 'DELIVERED',
        happenedAt: '2026-11-12T15:04:00.000Z',
        message: 'Delivered, front door',
        city: 'Chicago, IL',
      },
    });
  });

  it('runs as the shipments.shopify-fulfillments group: a Shopify order confirmed in the subgraph is fulfilled at Shopify', async () => {
    fake = await startChannelFulfillmentFake({
      'POST /admin/api/2025-01/graphql.json FulfillmentOrders': orderAnswer(),
      'POST /admin/api/2025-01/graphql.json FulfillmentCreate': created,
    });
    const served = await servedShipments(
      { shopifyFulfillment: { url: `${fake.url}/admin/api/2025-01/graphql.json`, token: TOKEN } },
      true,
    );
    try {
      const data = {
        orderId: 'O-1',
        channel: 'WEB',
        externalId: '5001',
        status: 'CONFIRMED',
        reservationKey: 'O-1',
        shipToRegion: 'US-IL',
        lines: [],
      };
      await served.bus!.publish(
        'orders',
        createEvent(orderPlaced, { source: '/subgraphs/orders', subject: 'O-1', data }),
      );
      await waitFor(
        async () => (await served.store.collection('order_channels').countDocuments({})) === 1,
        'the order channel is projected',
      );
      const id = await served.release('O-1', 'DC', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 1]);
      await served.subgraph.workflows.confirmShipment({
        shipmentId: id,
        carrier: 'UPS',
        service: 'GROUND',
        trackingNumber: '1Z-888',
        lines: [
          { lineId: 'L1', quantity: 3 },
          { lineId: 'L2', quantity: 1 },
        ],
      });
      await waitFor(() => fake.operations('FulfillmentCreate').length === 1, 'fulfillmentCreate reaches Shopify');
      expect((fake.operations('FulfillmentCreate')[0]!.json as { variables: unknown }).variables).toEqual({
        fulfillment: {
          lineItemsByFulfillmentOrder: [
            {
              fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/71',
              fulfillmentOrderLineItems: [
                { id: 'gid://shopify/FulfillmentOrderLineItem/711', quantity: 3 },
                { id: 'gid://shopify/FulfillmentOrderLineItem/712', quantity: 1 },
              ],
            },
          ],
          notifyCustomer: false,
          trackingInfo: { company: 'UPS', number: '1Z-888' },
        },
      });
      await waitFor(
        () => served.subgraph.adapters.metrics()['shopify-fulfillments']?.sent === 1,
        'the delivery is counted as sent',
      );
    } finally {
      await served.close();
    }
  });

  it('is configured from SHOPIFY_ADMIN_URL and SHOPIFY_ADMIN_TOKEN, and off without either', () => {
    expect(
      adapterOptionsFromEnv({
        SHOPIFY_ADMIN_URL: 'https://shop.example/admin/api/2025-01/graphql.json',
        SHOPIFY_ADMIN_TOKEN: 'shpat_1',
        SHOPIFY_NOTIFY_CUSTOMER: 'true',
        SHOPIFY_FULFILLMENT_CHANNELS: 'WEB, SHOPIFY',
      }).shopifyFulfillment,
    ).toEqual({
      url: 'https://shop.example/admin/api/2025-01/graphql.json',
      token: 'shpat_1',
      notifyCustomer: true,
      channels: ['WEB', 'SHOPIFY'],
    });
    expect(adapterOptionsFromEnv({ SHOPIFY_ADMIN_URL: 'https://shop.example/graphql.json' }).shopifyFulfillment).toBe(
      undefined,
    );
  });
});
