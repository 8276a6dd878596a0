import {
  createHttpSender,
  createOutboundDelivery,
  outboundConsumeDefaults,
  type ConnectorMetrics,
  type OutboundDelivery,
} from '@fulfillment-mesh/connectors';
import {
  createEventRegistry,
  isEvent,
  type ConsumeOptions,
  type EventBus,
  type EventEnvelope,
} from '@fulfillment-mesh/events';
import type { Logger } from '@fulfillment-mesh/runtime';
import { hostname } from 'node:os';
import { positionAdjusted } from '../events/contracts.js';

/** The consumer group of the ERP stock-movement posting (one group per outbound adapter). */
export const ERP_MOVEMENTS_GROUP = 'inventory.erp-movements';

// Reservations move no stock in the ERP's books; only physical movements are posted.
const POSTED = new Set(['COMMITTED', 'ADJUSTED', 'RECEIVED', 'RESTOCKED', 'DAMAGED', 'QUALITY_CONTROL', 'COUNTED']);

/** The ERP's view of one ledger entry (`POST <ERP_URL>/inventory-movements`, `Idempotency-Key` = event id). */
export function toErpMovement(event: EventEnvelope) {
  if (!isEvent(positionAdjusted, event)) throw new Error(`not a position adjustment: ${event.type}`);
  const d = event.data;
  return {
    movementId: event.id,
    sku: d.sku,
    locationId: d.locationId,
    reason: d.reason,
    quantity: d.delta.onHand,
    damaged: d.delta.damaged,
    qualityControl: d.delta.qualityControl,
    onHandAfter: d.resulting.onHand,
    reference: d.reference,
    source: d.source,
    at: event.time,
  };
}

/**
 * Posts physical stock movements to the ERP from the `inventory` stream, in its own consumer group: an ERP
 * outage delays only this group (reservations and fulfillment read the stream independently), the bus keeps
 * the backlog and it drains when the ERP answers again.
 */
export function startErpMovements(deps: {
  bus: EventBus;
  url: string;
  metrics: ConnectorMetrics;
  logger: Logger;
  consume?: Partial<Pick<ConsumeOptions, 'maxAttempts' | 'backoff' | 'blockMs'>>;
  delivery?: {
    breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
    retry?: { maxAttempts?: number; initialDelayMs?: number };
  };
}): Promise<{ handler: OutboundDelivery; stop(): Promise<void> }> {
  const handler = createOutboundDelivery({
    name: 'erp-movements',
    send: createHttpSender({ url: `${deps.url}/inventory-movements`, body: toErpMovement }),
    filter: (event) => isEvent(positionAdjusted, event) && POSTED.has(event.data.reason),
    metrics: deps.metrics,
    logger: deps.logger,
    ...deps.delivery,
  });
  return deps.bus
    .consume({
      stream: 'inventory',
      group: ERP_MOVEMENTS_GROUP,
      consumer: `${hostname()}-${process.pid}`,
      registry: createEventRegistry([positionAdjusted]),
      follows: (type) => type === positionAdjusted.type,
      handler,
      ...outboundConsumeDefaults,
      ...deps.consume,
    })
    .then((consumer) => ({ handler, stop: () => consumer.stop() }));
}
