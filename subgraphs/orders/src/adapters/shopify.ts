import {
  createWebhookHandler,
  externalId,
  parseJson,
  shopifyVerifier,
  UnprocessableDocumentError,
  type Secrets,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import { z } from 'zod';
import { toFinancialStatus } from '../mastering.js';
import type { PlaceOrderResult } from '../workflows/place-order.js';
import {
  applyChannelOrder,
  channelOrderAnswer,
  fullName,
  instant,
  type InboundAdapterDeps,
  type MappedChannelOrder,
} from './support.js';

/** The connector name: metrics, receipts and dead letters are keyed by it. */
export const SHOPIFY_CONNECTOR = 'shopify-orders';

/** The source name of what Shopify says, in provenance and conflicts (see mastering.ts). */
export const SHOPIFY_SOURCE = 'channel:shopify';

const address = z.looseObject({
  name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province_code: z.string().nullish(),
  province: z.string().nullish(),
  zip: z.string().nullish(),
  country_code: z.string().nullish(),
  country: z.string().nullish(),
});

/** The fields of a Shopify REST order (`orders/create`, `orders/updated` webhooks) that orders maps. */
const shopifyOrder = z.looseObject({
  id: externalId,
  name: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  email: z.string().nullish(),
  financial_status: z.string().nullish(),
  customer: z
    .looseObject({
      id: externalId,
      first_name: z.string().nullish(),
      last_name: z.string().nullish(),
      email: z.string().nullish(),
    })
    .nullish(),
  shipping_address: address.nullish(),
  billing_address: address.nullish(),
  line_items: z.array(
    z.looseObject({ id: externalId, sku: z.string().nullish(), quantity: z.number().int(), price: z.string() }),
  ),
});

/** A Shopify order, bare (as webhooks send it) or wrapped in `{ "order": … }` (as the REST API answers). */
export const shopifyOrderSchema = z.union([z.object({ order: shopifyOrder }).transform((w) => w.order), shopifyOrder]);

/** A parsed Shopify order. */
export type ShopifyOrder = z.output<typeof shopifyOrder>;

/**
 * Maps a Shopify order onto placeOrder: channel WEB, externalId = the Shopify order id (a string: Shopify ids
 * exceed JavaScript's safe integers), one line per line item with its SKU, quantity and price in the order's
 * currency. Throws UnprocessableDocumentError (a dead letter) for an order that cannot stand as ours.
 */
export function mapShopifyOrder(order: ShopifyOrder): MappedChannelOrder {
  const ship = order.shipping_address ?? order.billing_address;
  if (!ship?.address1 || !ship.city || !ship.zip)
    throw new UnprocessableDocumentError(`Shopify order ${order.id}: no shipping address`);
  const region = ship.province_code ?? ship.province;
  const country = ship.country_code ?? ship.country;
  if (!region || !country)
    throw new UnprocessableDocumentError(`Shopify order ${order.id}: shipping address without province or country`);
  const lines = order.line_items.map((item, i) => {
    if (!item.sku)
      throw new UnprocessableDocumentError(
        `Shopify order ${order.id}: line item ${item.id} (line_items[${i}]) has no SKU`,
      );
    return { sku: item.sku, quantity: item.quantity, unitPrice: { amount: item.price, currencyCode: order.currency } };
  });
  const customer = order.customer;
  const email = customer?.email ?? order.email ?? null;
  const name = fullName(
    customer?.first_name ?? ship.first_name,
    customer?.last_name ?? ship.last_name,
    ship.name ?? email ?? `Shopify customer of ${order.id}`,
  );
  const version = order.updated_at ?? order.created_at;
  return {
    input: {
      channel: 'WEB',
      externalId: order.id,
      // Guest checkouts have no customer: the order itself stands for the customer.
      customer: { id: customer ? `shopify:${customer.id}` : `shopify-guest:${order.id}`, name, email },
      shipTo: {
        name: ship.name ?? fullName(ship.first_name, ship.last_name, name),
        address: {
          line1: ship.address1,
          line2: ship.address2 || null,
          city: ship.city,
          region,
          postalCode: ship.zip,
          country,
        },
      },
      lines,
    },
    version,
    observedAt: instant(version, `Shopify order ${order.id}: updated_at`),
    financialStatus: toFinancialStatus(order.financial_status),
  };
}

/** `POST /webhooks/shopify/orders`: Shopify `orders/create` and `orders/updated` webhooks. */
export function createShopifyOrdersWebhook(
  deps: InboundAdapterDeps & { secret: Secrets },
): WebhookHandler<PlaceOrderResult> {
  return createWebhookHandler({
    name: SHOPIFY_CONNECTOR,
    verify: shopifyVerifier(deps.secret),
    parse: parseJson(shopifyOrderSchema),
    // An update of the same order is a new document (its payment state may have moved); a re-delivery is not.
    documentId: (order) => `${order.id}@${order.updated_at ?? order.created_at}`,
    map: mapShopifyOrder,
    apply: (mapped, meta) => applyChannelOrder(deps, SHOPIFY_SOURCE, mapped, `${SHOPIFY_CONNECTOR}:${meta.documentId}`),
    answer: channelOrderAnswer,
    receipts: deps.receipts,
    deadLetters: deps.deadLetters,
    metrics: deps.metrics.connector(SHOPIFY_CONNECTOR),
    logger: deps.logger,
  });
}
