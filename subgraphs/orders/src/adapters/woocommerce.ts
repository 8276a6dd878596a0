import {
  createWebhookHandler,
  externalId,
  parseJson,
  UnprocessableDocumentError,
  wooCommerceVerifier,
  type Secrets,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import { z } from 'zod';
import { decimalToUnits } from '../domain/orders.js';
import type { FinancialStatus } from '../mastering.js';
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
export const WOOCOMMERCE_CONNECTOR = 'woocommerce-orders';

/** The source name of what WooCommerce says, in provenance and conflicts (see mastering.ts). */
export const WOOCOMMERCE_SOURCE = 'channel:woocommerce';

const address = z.looseObject({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  address_1: z.string().nullish(),
  address_2: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  postcode: z.string().nullish(),
  country: z.string().nullish(),
  email: z.string().nullish(),
});

/** The fields of a WooCommerce REST v3 order (`order.created` / `order.updated` webhooks) that orders maps. */
export const wooCommerceOrderSchema = z.looseObject({
  id: externalId,
  status: z.string(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  date_created_gmt: z.string(),
  date_modified_gmt: z.string().nullish(),
  date_paid_gmt: z.string().nullish(),
  customer_id: z.number().int().nullish(),
  billing: address.nullish(),
  shipping: address.nullish(),
  // WooCommerce sends `price` as a JSON number; it is turned into a decimal string once, here.
  line_items: z.array(
    z.looseObject({
      id: externalId,
      sku: z.string().nullish(),
      quantity: z.number().int(),
      price: z.union([z.number(), z.string()]),
    }),
  ),
});

/** A parsed WooCommerce order. */
export type WooCommerceOrder = z.output<typeof wooCommerceOrderSchema>;

// WooCommerce's `*_gmt` fields are UTC without a zone designator.
const gmt = (value: string) => (/[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`);

/** The payment state a WooCommerce order implies: refunded, paid (a payment date), else pending. */
function financialStatusOf(order: WooCommerceOrder): FinancialStatus {
  if (order.status === 'refunded') return 'REFUNDED';
  if (order.date_paid_gmt) return 'PAID';
  return 'PENDING';
}

/**
 * Maps a WooCommerce order onto placeOrder: channel WEB, externalId `wc-<id>` (WooCommerce ids are small
 * integers that could collide with another web store's), one line per line item. Throws
 * UnprocessableDocumentError (a dead letter) for an order that cannot stand as ours.
 */
export function mapWooCommerceOrder(order: WooCommerceOrder): MappedChannelOrder {
  const ship = order.shipping?.address_1 ? order.shipping : order.billing;
  if (!ship?.address_1 || !ship.city || !ship.postcode || !ship.state || !ship.country) {
    throw new UnprocessableDocumentError(`WooCommerce order ${order.id}: no complete shipping or billing address`);
  }
  const lines = order.line_items.map((item, i) => {
    if (!item.sku)
      throw new UnprocessableDocumentError(
        `WooCommerce order ${order.id}: line item ${item.id} (line_items[${i}]) has no SKU`,
      );
    const amount = String(item.price);
    if (decimalToUnits(amount) === null)
      throw new UnprocessableDocumentError(
        `WooCommerce order ${order.id}: line item ${item.id} price "${amount}" is not a decimal amount`,
      );
    return { sku: item.sku, quantity: item.quantity, unitPrice: { amount, currencyCode: order.currency } };
  });
  const email = order.billing?.email ?? null;
  const name = fullName(
    order.billing?.first_name,
    order.billing?.last_name,
    email ?? `WooCommerce customer of ${order.id}`,
  );
  const version = gmt(order.date_modified_gmt ?? order.date_created_gmt);
  return {
    input: {
      channel: 'WEB',
      externalId: `wc-${order.id}`,
      customer: { id: order.customer_id ? `wc:${order.customer_id}` : `wc-guest:${order.id}`, name, email },
      shipTo: {
        name: fullName(ship.first_name, ship.last_name, name),
        address: {
          line1: ship.address_1,
          line2: ship.address_2 || null,
          city: ship.city,
          region: ship.state,
          postalCode: ship.postcode,
          country: ship.country,
        },
      },
      lines,
    },
    version,
    observedAt: instant(version, `WooCommerce order ${order.id}: date_modified_gmt`),
    financialStatus: financialStatusOf(order),
  };
}

/** `POST /webhooks/woocommerce/orders`: WooCommerce order webhooks (and their unsigned activation ping). */
export function createWooCommerceOrdersWebhook(
  deps: InboundAdapterDeps & { secret: Secrets },
): WebhookHandler<PlaceOrderResult> {
  return createWebhookHandler({
    name: WOOCOMMERCE_CONNECTOR,
    verify: wooCommerceVerifier(deps.secret),
    parse: parseJson(wooCommerceOrderSchema),
    documentId: (order) => `wc-${order.id}@${order.date_modified_gmt ?? order.date_created_gmt}`,
    map: mapWooCommerceOrder,
    apply: (mapped, meta) =>
      applyChannelOrder(deps, WOOCOMMERCE_SOURCE, mapped, `${WOOCOMMERCE_CONNECTOR}:${meta.documentId}`),
    answer: channelOrderAnswer,
    receipts: deps.receipts,
    deadLetters: deps.deadLetters,
    metrics: deps.metrics.connector(WOOCOMMERCE_CONNECTOR),
    logger: deps.logger,
  });
}
