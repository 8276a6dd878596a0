import {
  createErpRoutes,
  createOutboundDelivery,
  DEFAULT_BUSINESS_UNIT,
  parseRetryAfter,
  PermanentDeliveryError,
  TransientDeliveryError,
  tracedFetch,
  type MetricsRegistry,
  type OutboundDelivery,
  type OutboundDeliveryOptions,
  type ErpBudgetStore,
  type ErpEndpoints,
  type ErpRoutes,
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

/** Options of the ERP posting: one ERP per business unit, each with its own credentials and budget. */
export interface ErpOptions {
  /** The default business unit's ERP base URL (`ERP_URL`); postings go to `<url>/sales-orders`. */
  url?: string;
  /** Bearer token for that ERP (`ERP_API_TOKEN`); none when the ERP sits behind a trusted proxy. */
  token?: string;
  /** The other business units' ERPs (`ERP_ENDPOINTS` / `ERP_ENDPOINTS_FILE`, see erpEndpointsFromEnv). */
  endpoints?: ErpEndpoints;
  /**
   * Where the ERP budgets live: Redis shared by every replica and subgraph posting to the same ERP. Without it
   * each process keeps its own budget per ERP.
   */
  budgetStore?: ErpBudgetStore;
  /** Bulkhead, breaker, retries and timeout of the calls (createOutboundDelivery's defaults otherwise). */
  delivery?: Pick<
    OutboundDeliveryOptions,
    'concurrency' | 'queue' | 'ratePerSecond' | 'burst' | 'breaker' | 'retry' | 'timeoutMs'
  >;
}

/** The ERP endpoints of `options`: `url`/`token` as the default business unit's, plus `endpoints`. */
export function erpEndpointsOf(options: ErpOptions): ErpEndpoints {
  const { ratePerSecond, burst, concurrency } = options.delivery ?? {};
  return {
    ...(options.url
      ? {
          [DEFAULT_BUSINESS_UNIT]: {
            businessUnit: DEFAULT_BUSINESS_UNIT,
            url: options.url.replace(/\/+$/, ''),
            ...(options.token ? { token: options.token } : {}),
            limits: {
              ...(ratePerSecond !== undefined ? { ratePerSecond } : {}),
              ...(burst !== undefined ? { burst } : {}),
              ...(concurrency !== undefined ? { concurrency } : {}),
            },
          },
        }
      : {}),
    ...options.endpoints,
  };
}

/** The business unit an order books in: its own, or the default one for orders stored before there were several. */
export const businessUnitOf = (order: Pick<OrderDoc, 'businessUnit'>): string =>
  order.businessUnit ?? DEFAULT_BUSINESS_UNIT;

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
    businessUnit: businessUnitOf(order),
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
  routes: ErpRoutes;
  logger: Logger;
  now: () => Date;
}): OutboundSend {
  return async ({ event, idempotencyKey, signal }) => {
    const order = await orderOf(deps.orders, event);
    const orderId = order._id;
    const endpoint = deps.routes.endpoint(businessUnitOf(order));
    const url = `${endpoint.url}/sales-orders`;
    let res: Response;
    try {
      res = await tracedFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
          ...(endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {}),
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
        throw new TransientDeliveryError(detail, res.status, parseRetryAfter(res.headers.get('retry-after')));
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

/** The order an event is about; a PermanentDeliveryError when it is gone. */
async function orderOf(orders: OrderStore, event: EventEnvelope): Promise<OrderDoc> {
  const { orderId } = event.data as OrderTransitioned;
  const order = await orders.orders.findOne({ _id: orderId });
  if (!order) throw new PermanentDeliveryError(`Order "${orderId}" does not exist any more; nothing to post`);
  return order;
}

/**
 * The handler of consumer group `orders.erp`: one posting per order to its business unit's ERP, through the
 * bulkhead, that ERP's budget (rate, concurrency, 429 pauses; shared through Redis when `budgetStore` is set)
 * and the breaker. An order of a business unit without an ERP fails permanently, naming the business unit, until
 * the bus dead-letters it.
 */
export function createErpPosting(deps: {
  orders: OrderStore;
  mastered: MasteredWrites;
  options: ErpOptions;
  logger: Logger;
  now: () => Date;
  metrics: MetricsRegistry;
}): OutboundDelivery {
  const routes = createErpRoutes(erpEndpointsOf(deps.options), deps.options.budgetStore, deps.logger);
  return createOutboundDelivery({
    name: ERP_CONNECTOR,
    send: createErpSend({ ...deps, routes }),
    filter: isSalesOrderPosting,
    budget: async (event) => routes.budget(businessUnitOf(await orderOf(deps.orders, event))),
    ...deps.options.delivery,
    metrics: deps.metrics.connector(ERP_CONNECTOR),
    logger: deps.logger,
  });
}
