import {
  createWebhookHandler,
  externalId,
  headerSecretVerifier,
  parseJson,
  tracedFetch,
  UnprocessableDocumentError,
  type Secrets,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import { DomainError } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { decimalToUnits } from '../domain/orders.js';
import type { FinancialStatus } from '../mastering.js';
import type { PlaceOrderResult } from '../workflows/place-order.js';
import { applyChannelOrder, fullName, instant, type InboundAdapterDeps, type MappedChannelOrder } from './support.js';

/** The connector name: metrics, receipts and dead letters are keyed by it. */
export const BIGCOMMERCE_CONNECTOR = 'bigcommerce-orders';

/** The source name of what BigCommerce says, in provenance and conflicts (see mastering.ts). */
export const BIGCOMMERCE_SOURCE = 'channel:bigcommerce';

/** The header our BigCommerce webhooks are registered with (`headers` of the webhook), unless configured otherwise. */
export const BIGCOMMERCE_SECRET_HEADER = 'X-FM-Webhook-Secret';

/** A BigCommerce webhook: a thin payload naming what changed; the order itself is fetched. */
export const bigCommerceWebhookSchema = z.looseObject({
  scope: z.string().min(1),
  store_id: externalId,
  data: z.looseObject({ type: z.string().min(1), id: externalId }),
  hash: z.string().nullish(),
  created_at: z.number().int(),
  producer: z.string().min(1),
});

/** A parsed BigCommerce webhook. */
export type BigCommerceWebhook = z.output<typeof bigCommerceWebhookSchema>;

const address = z.looseObject({
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  street_1: z.string().nullish(),
  street_2: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  zip: z.string().nullish(),
  country_iso2: z.string().nullish(),
  email: z.string().nullish(),
});

/** The fields of a v2 order (`GET /v2/orders/{id}`) that orders maps. */
export const bigCommerceOrderSchema = z.looseObject({
  id: externalId,
  customer_id: z.number().int().nullish(),
  date_created: z.string(),
  date_modified: z.string().nullish(),
  currency_code: z.string().regex(/^[A-Z]{3}$/),
  payment_status: z.string().nullish(),
  billing_address: address.nullish(),
});
const productsSchema = z.array(
  z.looseObject({ id: externalId, sku: z.string().nullish(), quantity: z.number().int(), price_ex_tax: z.string() }),
);
const shippingAddressesSchema = z.array(address);

/** A BigCommerce order with its products and shipping addresses, as fetched. */
export interface BigCommerceOrder {
  order: z.output<typeof bigCommerceOrderSchema>;
  products: z.output<typeof productsSchema>;
  shippingAddresses: z.output<typeof shippingAddressesSchema>;
}

const PAYMENT: Readonly<Record<string, FinancialStatus>> = {
  pending: 'PENDING',
  authorized: 'AUTHORIZED',
  captured: 'PAID',
  paid: 'PAID',
  'partially refunded': 'PARTIALLY_REFUNDED',
  refunded: 'REFUNDED',
  void: 'VOIDED',
};

/**
 * Maps a fetched BigCommerce order onto placeOrder: channel WEB, externalId `bc-<id>`, the first shipping
 * address (else the billing address), one line per product. Throws UnprocessableDocumentError for an order that
 * cannot stand as ours.
 */
export function mapBigCommerceOrder({ order, products, shippingAddresses }: BigCommerceOrder): MappedChannelOrder {
  const ship = shippingAddresses[0] ?? order.billing_address;
  if (!ship?.street_1 || !ship.city || !ship.zip || !ship.state || !ship.country_iso2)
    throw new UnprocessableDocumentError(`BigCommerce order ${order.id}: no complete shipping or billing address`);
  if (products.length === 0) throw new UnprocessableDocumentError(`BigCommerce order ${order.id}: no products`);
  const lines = products.map((p, i) => {
    if (!p.sku)
      throw new UnprocessableDocumentError(
        `BigCommerce order ${order.id}: product ${p.id} (products[${i}]) has no SKU`,
      );
    if (decimalToUnits(p.price_ex_tax) === null)
      throw new UnprocessableDocumentError(
        `BigCommerce order ${order.id}: product ${p.id} price_ex_tax "${p.price_ex_tax}" is not a decimal amount`,
      );
    // v2 prices carry four places ("21.9900"): zeros past the cents say nothing, other digits are kept.
    const amount = p.price_ex_tax.replace(/(\.\d{2}\d*?)0+$/, '$1');
    return { sku: p.sku, quantity: p.quantity, unitPrice: { amount, currencyCode: order.currency_code } };
  });
  const billing = order.billing_address;
  const email = billing?.email ?? ship.email ?? null;
  const name = fullName(billing?.first_name, billing?.last_name, email ?? `BigCommerce customer of ${order.id}`);
  const observedAt = instant(order.date_modified ?? order.date_created, `BigCommerce order ${order.id}: date_modified`);
  return {
    input: {
      channel: 'WEB',
      externalId: `bc-${order.id}`,
      // customer_id 0 is a guest checkout: the order stands for the customer.
      customer: { id: order.customer_id ? `bc:${order.customer_id}` : `bc-guest:${order.id}`, name, email },
      shipTo: {
        name: fullName(ship.first_name, ship.last_name, name),
        address: {
          line1: ship.street_1,
          line2: ship.street_2 || null,
          city: ship.city,
          region: ship.state,
          postalCode: ship.zip,
          country: ship.country_iso2,
        },
      },
      lines,
    },
    version: observedAt,
    observedAt,
    financialStatus: PAYMENT[(order.payment_status ?? '').trim().toLowerCase()] ?? null,
  };
}

/** Where and how the adapter reads orders: `BIGCOMMERCE_API_URL`, `BIGCOMMERCE_STORE_HASH`, `BIGCOMMERCE_ACCESS_TOKEN`. */
export interface BigCommerceApi {
  /** Default `https://api.bigcommerce.com`. */
  url?: string;
  storeHash: string;
  accessToken: string;
  /** Per request; default 10_000 // 10 seconds. */
  timeoutMs?: number;
}

/**
 * Reads an order, its products and its shipping addresses (`GET /stores/{hash}/v2/orders/{id}[/products|
 * /shipping_addresses]` with `X-Auth-Token`). A 404 is NOT_FOUND and other 4xx INVALID_INPUT (dead letters,
 * with the remote's body); 5xx, 429 and network failures are transient (the webhook is answered 503, so
 * BigCommerce delivers it again).
 */
export async function fetchBigCommerceOrder(api: BigCommerceApi, id: string): Promise<BigCommerceOrder> {
  const base = `${(api.url ?? 'https://api.bigcommerce.com').replace(/\/+$/, '')}/stores/${encodeURIComponent(api.storeHash)}/v2/orders/${encodeURIComponent(id)}`;
  const get = async <T>(path: string, schema: z.ZodType<T>): Promise<T> => {
    const res = await tracedFetch(base + path, {
      headers: { 'x-auth-token': api.accessToken, accept: 'application/json' },
      signal: AbortSignal.timeout(api.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    if (res.status === 404)
      throw new DomainError('NOT_FOUND', `BigCommerce order ${id}: GET ${path || '/'} answered 404 ${text}`);
    if (res.status >= 400 && res.status < 500 && res.status !== 429)
      throw new DomainError(
        'INVALID_INPUT',
        `BigCommerce order ${id}: GET ${path || '/'} answered ${res.status} ${text}`,
      );
    if (!res.ok) throw new Error(`BigCommerce order ${id}: GET ${path || '/'} answered ${res.status}`);
    let json: unknown;
    try {
      json = text.trim() === '' ? [] : JSON.parse(text); // v2 answers 204 (no body) for an empty list
    } catch {
      throw new DomainError('INVALID_INPUT', `BigCommerce order ${id}: GET ${path || '/'} answered no JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new DomainError(
        'INVALID_INPUT',
        `BigCommerce order ${id}: GET ${path || '/'}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    return parsed.data;
  };
  const order = await get('', bigCommerceOrderSchema);
  const products = await get('/products', productsSchema);
  const shippingAddresses = await get('/shipping_addresses', shippingAddressesSchema);
  return { order, products, shippingAddresses };
}

const ORDER_SCOPES = new Set(['store/order/created', 'store/order/updated']);

/**
 * `POST /webhooks/bigcommerce`: BigCommerce `store/order/created|updated` webhooks. The custom header secret
 * is checked in constant time (401 without it); the thin payload is deduplicated on store, order and
 * `created_at` (an identical re-delivery is a duplicate); then the order is fetched and placed like the other
 * channels (an update under the same order id goes through placeOrder: a changed order is a CONFLICT naming
 * the fields, a new payment state is offered to the mastering rules). Other scopes are acknowledged, ignored.
 */
export function createBigCommerceOrdersWebhook(
  deps: InboundAdapterDeps & { secret: Secrets; header?: string; api: BigCommerceApi },
): WebhookHandler<PlaceOrderResult | null> {
  const metrics = deps.metrics.connector(BIGCOMMERCE_CONNECTOR);
  return createWebhookHandler<BigCommerceWebhook, BigCommerceWebhook, PlaceOrderResult | null>({
    name: BIGCOMMERCE_CONNECTOR,
    verify: headerSecretVerifier('bigcommerce', deps.header ?? BIGCOMMERCE_SECRET_HEADER, deps.secret),
    parse: parseJson(bigCommerceWebhookSchema),
    documentId: (hook) => `bc-${hook.store_id}-${hook.data.id}@${hook.created_at}`,
    map(hook) {
      if (hook.producer !== `stores/${deps.api.storeHash}`)
        throw new UnprocessableDocumentError(
          `BigCommerce webhook from ${hook.producer}, but this adapter reads store stores/${deps.api.storeHash}`,
        );
      return hook;
    },
    async apply(hook, meta) {
      if (!ORDER_SCOPES.has(hook.scope) || hook.data.type !== 'order') {
        metrics.increment('ignored');
        return null;
      }
      const fetched = await fetchBigCommerceOrder(deps.api, hook.data.id);
      let mapped: MappedChannelOrder;
      try {
        mapped = mapBigCommerceOrder(fetched);
      } catch (error) {
        // Fetched inside apply, so unmappable content must be a permanent domain error to become a dead letter.
        if (error instanceof UnprocessableDocumentError) throw new DomainError('INVALID_INPUT', error.message);
        throw error;
      }
      return applyChannelOrder(deps, BIGCOMMERCE_SOURCE, mapped, `${BIGCOMMERCE_CONNECTOR}:${meta.documentId}`);
    },
    receipts: deps.receipts,
    deadLetters: deps.deadLetters,
    metrics,
    logger: deps.logger,
  });
}
