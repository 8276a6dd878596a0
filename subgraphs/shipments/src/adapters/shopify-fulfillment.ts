import {
  createOutboundDelivery,
  PermanentDeliveryError,
  TransientDeliveryError,
  type ConnectorMetrics,
  type OutboundDelivery,
} from '@fulfillment-mesh/connectors';
import type { EventEnvelope } from '@fulfillment-mesh/events';
import { DuplicateKeyError, type Collection, type Doc, type Logger } from '@fulfillment-mesh/runtime';
import { tracedFetch } from '@fulfillment-mesh/telemetry';
import { milestoneRecorded, shipmentConfirmed } from '../events/contracts.js';
import type { OrderChannelDoc } from './edi-856.js';

/** Configuration of the Shopify fulfillment sync (`SHOPIFY_ADMIN_URL`, `SHOPIFY_ADMIN_TOKEN`, …). */
export interface ShopifyFulfillmentOptions {
  /** The shop's GraphQL Admin endpoint, e.g. `https://<shop>.myshopify.com/admin/api/2025-01/graphql.json`. */
  url: string;
  /** Admin API access token, sent as `X-Shopify-Access-Token`. */
  token: string;
  /** `SHOPIFY_NOTIFY_CUSTOMER`: whether Shopify emails the customer the tracking; default false. */
  notifyCustomer?: boolean;
  /** `SHOPIFY_FULFILLMENT_CHANNELS`: our order channels that Shopify orders arrive on; default `WEB`. */
  channels?: readonly string[];
  /** Longest `Retry-After` honoured inside one attempt (longer waits are left to the bus's backoff); default 10 s. */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
}

/** What the sync did for one shipment (collection `channel_fulfillments`, `_id` = `shopify:<shipmentId>`). */
export interface ChannelFulfillmentDoc extends Doc {
  channel: 'shopify';
  shipmentId: string;
  orderId: string;
  externalOrderId: string;
  trackingNumber: string;
  /** The Shopify fulfillment's GID. */
  fulfillmentId: string;
  eventId: string;
  createdAt: string;
}

/** The query that finds the order's open fulfillment orders and the tracking numbers it already carries. */
export const FULFILLMENT_ORDERS_QUERY = `query FulfillmentOrders($id: ID!) {
  order(id: $id) {
    id
    fulfillments(first: 50) { trackingInfo { number } id }
    fulfillmentOrders(first: 20) {
      nodes { id status lineItems(first: 100) { nodes { id sku remainingQuantity } } }
    }
  }
}`;

/** `fulfillmentCreate` (GraphQL Admin, FulfillmentInput with lineItemsByFulfillmentOrder). */
export const FULFILLMENT_CREATE_MUTATION = `mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status }
    userErrors { field message }
  }
}`;

/** `fulfillmentEventCreate`: a tracking milestone on an existing fulfillment. */
export const FULFILLMENT_EVENT_MUTATION = `mutation FulfillmentEventCreate($fulfillmentEvent: FulfillmentEventInput!) {
  fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
    fulfillmentEvent { id status }
    userErrors { field message }
  }
}`;

/** Our milestone statuses that Shopify's FulfillmentEventStatus can say; others are not sent. */
export const SHOPIFY_EVENT_STATUS: Partial<Record<string, string>> = {
  IN_TRANSIT: 'IN_TRANSIT',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  DELIVERED: 'DELIVERED',
  EXCEPTION: 'FAILURE',
};

/** A milestone already sent (collection `channel_fulfillment_events`, `_id` = the milestone event id). */
export interface ChannelFulfillmentEventDoc extends Doc {
  fulfillmentId: string;
  status: string;
  shopifyEventId: string;
}

interface FulfillmentOrderNode {
  id: string;
  status: string;
  lineItems: { nodes: { id: string; sku: string | null; remainingQuantity: number }[] };
}

interface OrderAnswer {
  order: {
    id: string;
    fulfillments: { id: string; trackingInfo: { number: string | null }[] }[];
    fulfillmentOrders: { nodes: FulfillmentOrderNode[] };
  } | null;
}

const OPEN = new Set(['OPEN', 'IN_PROGRESS', 'SCHEDULED']);

/** What a Shopify order id looks like as the Shopify orders adapter stores it (`externalId`). */
const SHOPIFY_ORDER_ID = /^(?:\d+|gid:\/\/shopify\/Order\/\d+)$/;

/** The Shopify GID of a channel order id (`12345` → `gid://shopify/Order/12345`; a GID passes through). */
export const shopifyOrderGid = (externalId: string) =>
  externalId.startsWith('gid://') ? externalId : `gid://shopify/Order/${externalId}`;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });

/**
 * Allocates the confirmed lines onto the order's open fulfillment order line items, matched by SKU (our order
 * lines do not carry Shopify's line item ids), so a partial shipment becomes a partial fulfillment with exactly
 * the shipped quantities. A SKU the fulfillment orders cannot cover is a permanent error naming it.
 */
export function allocateFulfillment(
  lines: readonly { sku: string; quantity: number }[],
  fulfillmentOrders: readonly FulfillmentOrderNode[],
): { fulfillmentOrderId: string; fulfillmentOrderLineItems: { id: string; quantity: number }[] }[] {
  const remaining = new Map<string, number>();
  const open = fulfillmentOrders.filter((fo) => OPEN.has(fo.status));
  for (const fo of open) for (const li of fo.lineItems.nodes) remaining.set(li.id, li.remainingQuantity);
  const byOrder = new Map<string, Map<string, number>>();
  for (const line of lines) {
    let left = line.quantity;
    for (const fo of open) {
      for (const li of fo.lineItems.nodes) {
        if (left === 0 || li.sku !== line.sku) continue;
        const take = Math.min(left, remaining.get(li.id) ?? 0);
        if (take === 0) continue;
        remaining.set(li.id, (remaining.get(li.id) ?? 0) - take);
        left -= take;
        const items = byOrder.get(fo.id) ?? new Map<string, number>();
        items.set(li.id, (items.get(li.id) ?? 0) + take);
        byOrder.set(fo.id, items);
      }
    }
    if (left > 0)
      throw new PermanentDeliveryError(
        `SKU ${line.sku}: ${left} of ${line.quantity} shipped are not open on the order's fulfillment orders`,
      );
  }
  return [...byOrder].map(([fulfillmentOrderId, items]) => ({
    fulfillmentOrderId,
    fulfillmentOrderLineItems: [...items].map(([id, quantity]) => ({ id, quantity })),
  }));
}

/**
 * Fulfillment out to Shopify: for each `shipments.shipment.confirmed` of an order that came from Shopify, the
 * order's fulfillment orders are queried and `fulfillmentCreate` is called with the shipped quantities and the
 * tracking info. Idempotent twice over: a shipment already recorded in `channel_fulfillments` makes no call, and
 * a fulfillment on the order that already carries the tracking number (a crash between create and record) is
 * recorded instead of created again. 4xx and `userErrors` are permanent (the remote's answer in the error), 5xx,
 * network errors, 429 (after its `Retry-After`) and GraphQL `THROTTLED` are transient.
 */
export function createShopifyFulfillmentSync(deps: {
  options: ShopifyFulfillmentOptions;
  channels: Collection<OrderChannelDoc>;
  fulfillments: Collection<ChannelFulfillmentDoc>;
  /** Milestones sent as fulfillment events; without it, milestones are not synced. */
  events?: Collection<ChannelFulfillmentEventDoc>;
  metrics: ConnectorMetrics;
  logger: Logger;
}): OutboundDelivery {
  const { options } = deps;
  const channels = new Set((options.channels ?? ['WEB']).map((c) => c.trim().toUpperCase()));
  const maxRetryAfter = options.maxRetryAfterMs ?? 10_000; // 10 seconds

  async function graphql<T>(query: string, variables: unknown, key: string, signal: AbortSignal): Promise<T> {
    let res: Response;
    try {
      res = await tracedFetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'X-Shopify-Access-Token': options.token,
          'Idempotency-Key': key,
        },
        body: JSON.stringify({ query, variables }),
        signal,
      });
    } catch (error) {
      throw new TransientDeliveryError(`Shopify unreachable: ${(error as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    const detail = `Shopify answered ${res.status}${text ? `: ${text.slice(0, 500)}` : ''}`;
    if (res.status === 429) {
      const seconds = Number(res.headers.get('retry-after'));
      const wait = Number.isFinite(seconds) && seconds > 0 ? seconds * 1_000 : 1_000;
      if (wait <= maxRetryAfter) await sleep(wait, signal);
      throw new TransientDeliveryError(detail, 429);
    }
    if (res.status >= 500 || res.status === 408) throw new TransientDeliveryError(detail, res.status);
    if (!res.ok) throw new PermanentDeliveryError(detail, res.status);
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new TransientDeliveryError(`Shopify answered ${res.status} with a body that is not JSON`);
    }
    if (body.errors?.length) {
      const throttled = body.errors.some((e) => e.extensions?.code === 'THROTTLED');
      const message = `Shopify GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`;
      throw throttled ? new TransientDeliveryError(message, 200) : new PermanentDeliveryError(message, 200);
    }
    if (!body.data) throw new TransientDeliveryError('Shopify answered without data');
    return body.data;
  }

  const isShopify = async (event: EventEnvelope) => {
    if (event.type !== shipmentConfirmed.type) return undefined;
    const data = shipmentConfirmed.schema.parse(event.data);
    const order = await deps.channels.findOne({ _id: data.orderId });
    if (!order || !channels.has(order.channel.trim().toUpperCase()) || !order.externalId) return undefined;
    // The WooCommerce adapter places on the same WEB channel with `wc-<id>`: only Shopify's ids (numeric or GID) go.
    if (!SHOPIFY_ORDER_ID.test(order.externalId)) return undefined;
    return { data, externalId: order.externalId };
  };

  const record = async (doc: ChannelFulfillmentDoc) => {
    try {
      await deps.fulfillments.insertOne(doc);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  };

  /**
   * A delivered / exception / in-transit milestone of a shipment that was fulfilled on Shopify becomes a
   * `fulfillmentEventCreate` on that fulfillment, once per milestone event.
   */
  async function sendMilestone(event: EventEnvelope, idempotencyKey: string, signal: AbortSignal) {
    if (!deps.events) return;
    const data = milestoneRecorded.schema.parse(event.data);
    const status = SHOPIFY_EVENT_STATUS[data.status];
    if (!status) return;
    const fulfilled = await deps.fulfillments.findOne({ _id: `shopify:${data.shipmentId}` });
    if (!fulfilled) return; // not a Shopify shipment, or not fulfilled there (yet)
    if (await deps.events.findOne({ _id: event.id })) {
      deps.metrics.increment('duplicate');
      return;
    }
    const fulfillmentEvent = {
      fulfillmentId: fulfilled.fulfillmentId,
      status,
      happenedAt: data.at,
      message: data.description,
      ...(data.location ? { city: data.location } : {}),
    };
    const answer = await graphql<{
      fulfillmentEventCreate: {
        fulfillmentEvent: { id: string } | null;
        userErrors: { field?: string[]; message: string }[];
      };
    }>(FULFILLMENT_EVENT_MUTATION, { fulfillmentEvent }, idempotencyKey, signal);
    const { userErrors, fulfillmentEvent: made } = answer.fulfillmentEventCreate;
    if (userErrors.length > 0 || !made)
      throw new PermanentDeliveryError(`Shopify fulfillmentEventCreate userErrors: ${JSON.stringify(userErrors)}`);
    try {
      await deps.events.insertOne({
        _id: event.id,
        fulfillmentId: fulfilled.fulfillmentId,
        status,
        shopifyEventId: made.id,
      });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }

  const delivery = createOutboundDelivery({
    name: 'shopify-fulfillments',
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs + maxRetryAfter } : {}),
    async send({ event, idempotencyKey, signal }) {
      if (event.type === milestoneRecorded.type) return sendMilestone(event, idempotencyKey, signal);
      const target = await isShopify(event);
      if (!target) return;
      const { data, externalId } = target;
      const _id = `shopify:${data.shipmentId}`;
      if (await deps.fulfillments.findOne({ _id })) {
        deps.metrics.increment('duplicate');
        return;
      }
      const gid = shopifyOrderGid(externalId);
      const answer = await graphql<OrderAnswer>(FULFILLMENT_ORDERS_QUERY, { id: gid }, idempotencyKey, signal);
      if (!answer.order) throw new PermanentDeliveryError(`Shopify has no order ${gid} (order ${data.orderId})`);
      const base = {
        channel: 'shopify' as const,
        shipmentId: data.shipmentId,
        orderId: data.orderId,
        externalOrderId: externalId,
        trackingNumber: data.trackingNumber,
        eventId: event.id,
      };
      const existing = answer.order.fulfillments.find((f) =>
        f.trackingInfo.some((t) => t.number === data.trackingNumber),
      );
      if (existing) {
        deps.metrics.increment('duplicate');
        await record({ _id, ...base, fulfillmentId: existing.id, createdAt: new Date().toISOString() });
        return;
      }
      const lineItemsByFulfillmentOrder = allocateFulfillment(data.lines, answer.order.fulfillmentOrders.nodes);
      const fulfillment = {
        lineItemsByFulfillmentOrder,
        notifyCustomer: options.notifyCustomer ?? false,
        trackingInfo: { company: data.carrier, number: data.trackingNumber },
      };
      const created = await graphql<{
        fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: { field?: string[]; message: string }[] };
      }>(FULFILLMENT_CREATE_MUTATION, { fulfillment }, idempotencyKey, signal);
      const { userErrors, fulfillment: made } = created.fulfillmentCreate;
      if (userErrors.length > 0 || !made)
        throw new PermanentDeliveryError(`Shopify fulfillmentCreate userErrors: ${JSON.stringify(userErrors)}`);
      await record({ _id, ...base, fulfillmentId: made.id, createdAt: new Date().toISOString() });
      deps.logger.info({ shipmentId: data.shipmentId, fulfillmentId: made.id }, 'Shopify fulfillment created');
    },
    metrics: deps.metrics,
    logger: deps.logger,
  });
  return delivery;
}
