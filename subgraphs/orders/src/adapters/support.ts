import {
  notConfiguredRoute,
  UnprocessableDocumentError,
  type InboundDeadLetters,
  type MetricsRegistry,
  type ReceiptStore,
} from '@fulfillment-mesh/connectors';
import type { Logger, RouteHandler } from '@fulfillment-mesh/runtime';
import type { PlaceOrderInput } from '../domain/place-order.js';
import type { FinancialStatus } from '../mastering.js';
import type { OrderProcess } from '../workflows/index.js';
import type { PlaceOrderResult } from '../workflows/place-order.js';
import type { MasteredWrites } from '../workflows/mastered.js';

/** What every inbound order adapter is built from: the domain operations it maps onto, and the connector stores. */
export interface InboundAdapterDeps {
  /** placeOrder: the same workflow the GraphQL mutation runs. */
  process: Pick<OrderProcess, 'placeOrder'>;
  /** Writes to mastered fields (financial status), decided by mastering.ts. */
  mastered: MasteredWrites;
  receipts: ReceiptStore;
  deadLetters: InboundDeadLetters;
  metrics: MetricsRegistry;
  logger: Logger;
}

/**
 * A route for an adapter whose configuration (a secret) is missing: 503 "adapter not configured", so the sender
 * retries and nothing is lost once it is configured; the operator is told once, not on every delivery.
 */
export function notConfigured(adapter: string, envVar: string, logger: Logger): RouteHandler {
  return notConfiguredRoute(adapter, logger, {
    warn: { fields: { adapter, envVar }, message: `adapter not configured: set ${envVar} to enable ${adapter}` },
    retryAfterSeconds: 300,
  });
}

/** `Jane Doe` from optional first and last names, else `fallback`. */
export function fullName(first: string | null | undefined, last: string | null | undefined, fallback: string): string {
  const name = [first, last]
    .map((p) => (p ?? '').trim())
    .filter(Boolean)
    .join(' ');
  return name || fallback;
}

/** A source timestamp as a UTC ISO instant; throws UnprocessableDocumentError naming `what` when it is not one. */
export function instant(value: string, what: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UnprocessableDocumentError(`${what} "${value}" is not a date-time`);
  return new Date(ms).toISOString();
}

/** What a commerce order (Shopify, WooCommerce) maps to: the placeOrder input, its provenance, and the channel's payment state. */
export interface MappedChannelOrder {
  input: PlaceOrderInput;
  /** Version of the order at the source (`updated_at`), for provenance and out-of-order detection. */
  version: string;
  observedAt: string;
  financialStatus: FinancialStatus | null;
}

/**
 * Places a mapped channel order (idempotent on the channel's order id) and offers the channel's payment state
 * to the mastering rules, which apply it only while the ERP has not spoken and only when it is newer.
 */
export async function applyChannelOrder(
  deps: InboundAdapterDeps,
  source: string,
  mapped: MappedChannelOrder,
  adapterRun: string,
): Promise<PlaceOrderResult> {
  const origin = { source, sourceVersion: mapped.version, observedAt: mapped.observedAt, adapterRun };
  const placed = await deps.process.placeOrder(mapped.input, null, origin);
  if (mapped.financialStatus) await deps.mastered.setFinancialStatus(placed.order._id, mapped.financialStatus, origin);
  return placed;
}

/** What a channel is told about an order it sent (and told again on an identical re-delivery). */
export function channelOrderAnswer(placed: PlaceOrderResult): Record<string, unknown> {
  return { orderId: placed.order._id, status: placed.order.status, created: placed.created };
}
