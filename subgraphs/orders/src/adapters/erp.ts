import {
  createOutboundDelivery,
  PermanentDeliveryError,
  TransientDeliveryError,
  tracedFetch,
  type MetricsRegistry,
  type OutboundDelivery,
  type OutboundDeliveryOptions,
  type OutboundSend,
} from '@fulfillment-mesh/connectors';
import type { EventEnvelope } from '@fulfillment-mesh/events';
import type { Logger } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { orderTotal } from '../domain/orders.js';
import type { OrderTransitioned } from '../events/contracts.js';
import { toFinancialStatus } from '../mastering.js';
import type { OrderDoc } from '../store/models.js';
import type { MasteredWrites } from '../workflows/mastered.js';
import type { OrderStore } from '../store/index.js';

/** The connector name of sales-order postings. */
export const ERP_CONNECTOR = 'erp-sales-orders';

/** Options of the ERP posting. */
export interface ErpOptions {
  /** The ERP's base URL (`ERP_URL`); postings go to `<url>/sales-orders`. */
  url: string;
  /** Bearer token for the ERP (`ERP_API_TOKEN`); none when the ERP sits behind a trusted proxy. */
  token?: string;
  /** Bulkhead, rate limit, breaker, retries and timeout of the calls (createOutboundDelivery's defaults otherwise). */
  delivery?: Pick<
    OutboundDeliveryOptions,
    'concurrency' | 'queue' | 'ratePerSecond' | 'burst' | 'breaker' | 'retry' | 'timeoutMs'
  >;
}

/** What the ERP answers to a posting (extra fields are ignored). */
const erpAnswerSchema = z.looseObject({
  /** The ERP's sales order number. */
  orderNumber: z.string().min(1),
  /** PENDING, AUTHORIZED, PAID … (case-insensitive). */
  financialStatus: z.string().nullish(),
  /** The ERP's row version of the sales order: orders its answers (else `updatedAt`). */
  version: z.union([z.string(), z.number().int()]).nullish(),
  updatedAt: z.string().nullish(),
});

/** The sales order the ERP receives: what was ordered, priced, for whom and where to. */
export function toErpSalesOrder(order: OrderDoc) {
  return {
    orderId: order._id,
    channel: order.channel,
    externalId: order.externalId,
    status: order.status,
    placedAt: order.createdAt,
    customer: order.customer,
    shipTo: order.shipTo,
    lines: order.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
    total: orderTotal(order),
  };
}

/**
 * The postings: an order is posted once, when the reservation first settled it (PENDING_VALIDATION → ACCEPTED
 * or BACKORDERED). A later BACKORDERED → ACCEPTED changes nothing the ERP books.
 */
export function isSalesOrderPosting(event: EventEnvelope): boolean {
  if (event.type !== 'orders.order.transitioned') return false;
  const data = event.data as OrderTransitioned;
  return data.from === 'PENDING_VALIDATION' && (data.to === 'ACCEPTED' || data.to === 'BACKORDERED');
}

/**
 * The send step: posts the order as it is now, with the event id as `Idempotency-Key`, and writes the ERP's
 * answer (order number, financial status) back through the mastering rules as source `erp`. Failures are
 * classified as the connectors' createHttpSender does (2xx ok; 408/425/429/5xx/network transient; other 4xx
 * permanent); it is not used itself because it drops the answer the write-back needs.
 */
export function createErpSend(deps: {
  orders: OrderStore;
  mastered: MasteredWrites;
  options: ErpOptions;
  logger: Logger;
  now: () => Date;
}): OutboundSend {
  const url = `${deps.options.url.replace(/\/+$/, '')}/sales-orders`;
  return async ({ event, idempotencyKey, signal }) => {
    const { orderId } = event.data as OrderTransitioned;
    const order = await deps.orders.orders.findOne({ _id: orderId });
    if (!order) throw new PermanentDeliveryError(`Order "${orderId}" does not exist any more; nothing to post`);
    let res: Response;
    try {
      res = await tracedFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          ...(deps.options.token ? { authorization: `Bearer ${deps.options.token}` } : {}),
        },
        body: JSON.stringify(toErpSalesOrder(order)),
        signal,
      });
    } catch (error) {
      throw new TransientDeliveryError(`${url} unreachable: ${(error as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) {
      const detail = `${url} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
      if (res.status >= 500 || [408, 425, 429].includes(res.status))
        throw new TransientDeliveryError(detail, res.status);
      throw new PermanentDeliveryError(detail, res.status);
    }
    let answer: z.output<typeof erpAnswerSchema>;
    try {
      answer = erpAnswerSchema.parse(JSON.parse(text));
    } catch (error) {
      // The ERP booked it; asking again would only bring the same answer. Logged for a person to look at.
      deps.logger.error(
        { orderId, eventId: event.id, err: error, answer: text.slice(0, 500) },
        'ERP accepted the sales order but its answer is unreadable',
      );
      return;
    }
    const observedAt =
      answer.updatedAt && !Number.isNaN(Date.parse(answer.updatedAt))
        ? new Date(answer.updatedAt).toISOString()
        : deps.now().toISOString();
    const incoming = {
      source: 'erp',
      sourceVersion: String(answer.version ?? answer.updatedAt ?? observedAt),
      observedAt,
      adapterRun: `${ERP_CONNECTOR}:${event.id}`,
    };
    await deps.mastered.setErpOrderNumber(orderId, answer.orderNumber, incoming);
    const financialStatus = toFinancialStatus(answer.financialStatus);
    if (financialStatus) await deps.mastered.setFinancialStatus(orderId, financialStatus, incoming);
  };
}

/** The handler of consumer group `orders.erp`: one posting per order, through bulkhead, rate limit and breaker. */
export function createErpPosting(
  deps: Parameters<typeof createErpSend>[0] & { metrics: MetricsRegistry },
): OutboundDelivery {
  return createOutboundDelivery({
    name: ERP_CONNECTOR,
    send: createErpSend(deps),
    filter: isSalesOrderPosting,
    ...deps.options.delivery,
    metrics: deps.metrics.connector(ERP_CONNECTOR),
    logger: deps.logger,
  });
}
