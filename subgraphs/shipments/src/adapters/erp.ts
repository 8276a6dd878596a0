import {
  createErpRoutes,
  createHttpSender,
  DEFAULT_BUSINESS_UNIT,
  createOutboundDelivery,
  createWebhookHandler,
  hexHmacVerifier,
  parseJson,
  type ApplyMasteredResult,
  type ConnectorMetrics,
  type ErpBudgetStore,
  type ErpEndpoints,
  type InboundStores,
  type OutboundDelivery,
  type Secrets,
  type WebhookHandler,
} from '@fulfillment-mesh/connectors';
import type { EventEnvelope } from '@fulfillment-mesh/events';
import type { Logger } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { canonicalInstant } from '../domain/milestones.js';
import { shipmentConfirmed } from '../events/contracts.js';
import type { ShipmentDoc } from '../store/models.js';
import type { ShipmentWorkflows } from '../workflows/index.js';
import type { ShipmentsAdapterOptions } from './options.js';
import { adapterRun, HEX_SIGNATURE } from './common.js';

/** The body posted to `<ERP_URL>/shipments` for one confirmed shipment (the event id is the Idempotency-Key). */
export function erpShipmentOf(event: EventEnvelope) {
  const data = shipmentConfirmed.schema.parse(event.data);
  return {
    shipmentId: data.shipmentId,
    orderId: data.orderId,
    businessUnit: data.businessUnit ?? DEFAULT_BUSINESS_UNIT,
    shipFromLocation: data.locationId,
    shippedAt: event.time,
    carrier: data.carrier,
    service: data.service,
    trackingNumber: data.trackingNumber,
    lines: data.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
  };
}

/** The business unit a confirmed shipment books in: its order's, or the default one on older events. */
const businessUnitOf = (event: EventEnvelope): string =>
  shipmentConfirmed.schema.parse(event.data).businessUnit ?? DEFAULT_BUSINESS_UNIT;

/**
 * Shipment posting to the ERP: a delivery for the `shipments.erp` consumer group on the `shipments` stream.
 * Each confirmed shipment is POSTed once per event id (Idempotency-Key) to the ERP of its order's business unit,
 * with that ERP's token, through the framework's bulkhead, that ERP's budget (rate, concurrency, 429 pauses;
 * shared through Redis with every replica and with the orders postings when `budgetStore` is set), circuit
 * breaker and timeout; an ERP outage makes the group queue and retry, never fulfillment wait. A business unit
 * without an ERP fails permanently, naming it, until the bus dead-letters the event.
 */
export function createErpShipmentPosting(deps: {
  endpoints: ErpEndpoints;
  budgetStore?: ErpBudgetStore;
  limits?: ShipmentsAdapterOptions['erp'];
  metrics: ConnectorMetrics;
  logger: Logger;
}): OutboundDelivery {
  const limits = deps.limits ?? {};
  const routes = createErpRoutes(deps.endpoints, deps.budgetStore, deps.logger);
  return createOutboundDelivery({
    name: 'erp-shipments',
    send: createHttpSender({
      url: (event) => `${routes.endpoint(businessUnitOf(event)).url}/shipments`,
      body: erpShipmentOf,
      headers: (event): Record<string, string> => {
        const { token } = routes.endpoint(businessUnitOf(event));
        return token ? { authorization: `Bearer ${token}` } : {};
      },
    }),
    filter: (event) => event.type === shipmentConfirmed.type,
    budget: (event) => routes.budget(businessUnitOf(event)),
    ...(limits.concurrency !== undefined ? { concurrency: limits.concurrency } : {}),
    ...(limits.timeoutMs !== undefined ? { timeoutMs: limits.timeoutMs } : {}),
    ...(limits.breaker ? { breaker: limits.breaker } : {}),
    metrics: deps.metrics,
    logger: deps.logger,
  });
}

/** The header the ERP signs freight costs with: hex HMAC-SHA256 of the raw body under `ERP_WEBHOOK_SECRET`. */
export const ERP_SIGNATURE_HEADER = 'X-ERP-Signature';

/**
 * A freight cost from the ERP (`source: "erp"`) or a TMS it relays (`tms:<id>`); `sequence` is the sender's own
 * increasing counter. Whether the source may set it is the mastering rules' call, not the schema's.
 */
export const erpFreightCost = z.object({
  source: z.string().min(1),
  sequence: z.union([z.string().regex(/^\d{1,30}$/), z.number().int().nonnegative()]).transform(String),
  shipmentId: z.string().min(1),
  amount: z.string().min(1),
  currencyCode: z.string().min(1),
  observedAt: z.iso.datetime({ offset: true }),
});

/** A parsed freight cost. */
export type ErpFreightCost = z.output<typeof erpFreightCost>;

/**
 * `POST /adapters/erp/freight-costs`: verify → parse → `recordFreightCost` through the mastering rules. A cost
 * from a source that does not master freight, or older than the applied one, is refused and recorded.
 */
export function createErpFreightAdapter(deps: {
  secret: Secrets;
  workflows: Pick<ShipmentWorkflows, 'recordFreightCost'>;
  stores: InboundStores;
  metrics: ConnectorMetrics;
  logger: Logger;
}): WebhookHandler<ApplyMasteredResult<ShipmentDoc>> {
  return createWebhookHandler<ErpFreightCost, ErpFreightCost, ApplyMasteredResult<ShipmentDoc>>({
    name: 'erp-freight-costs',
    verify: hexHmacVerifier('erp', ERP_SIGNATURE_HEADER, deps.secret, HEX_SIGNATURE),
    parse: parseJson(erpFreightCost),
    documentId: (doc) => `${doc.source}#${doc.sequence}`,
    map: (doc) => doc,
    async apply(doc, meta) {
      const result = await deps.workflows.recordFreightCost(
        { shipmentId: doc.shipmentId, amount: doc.amount, currencyCode: doc.currencyCode },
        {
          source: doc.source,
          sourceVersion: doc.sequence,
          observedAt: canonicalInstant(doc.observedAt, 'observedAt'),
          adapterRun: adapterRun(meta),
        },
      );
      if (!result.applied) deps.metrics.increment('refused');
      return result;
    },
    receipts: deps.stores.receipts,
    deadLetters: deps.stores.deadLetters,
    metrics: deps.metrics,
    logger: deps.logger,
  });
}
