import {
  createHttpSender,
  createOutboundDelivery,
  createWebhookHandler,
  hexHmacVerifier,
  parseJson,
  type ApplyMasteredResult,
  type ConnectorMetrics,
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
    shipFromLocation: data.locationId,
    shippedAt: event.time,
    carrier: data.carrier,
    service: data.service,
    trackingNumber: data.trackingNumber,
    lines: data.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
  };
}

/**
 * Shipment posting to the ERP: a delivery for the `shipments.erp` consumer group on the `shipments` stream.
 * Each confirmed shipment is POSTed once per event id (Idempotency-Key) through the framework's bulkhead, rate
 * limit, circuit breaker and timeout; an ERP outage makes the group queue and retry, never fulfillment wait.
 */
export function createErpShipmentPosting(deps: {
  url: string;
  limits?: ShipmentsAdapterOptions['erp'];
  metrics: ConnectorMetrics;
  logger: Logger;
}): OutboundDelivery {
  const limits = deps.limits ?? {};
  return createOutboundDelivery({
    name: 'erp-shipments',
    send: createHttpSender({ url: `${deps.url}/shipments`, body: erpShipmentOf }),
    filter: (event) => event.type === shipmentConfirmed.type,
    ...(limits.concurrency !== undefined ? { concurrency: limits.concurrency } : {}),
    ...(limits.ratePerSecond !== undefined ? { ratePerSecond: limits.ratePerSecond } : {}),
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
