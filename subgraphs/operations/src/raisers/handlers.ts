import { isEvent, type EventEnvelope, type EventHandler } from '@fulfillment-mesh/events';
import type { ExceptionService } from '../exceptions/service.js';
import type { OperationsMetrics } from '../metrics.js';
import type { Collection } from '@fulfillment-mesh/runtime';
import type { RaiseInput } from '../domain/exceptions.js';
import { inboundOutcomeUpdate, type InboundAdapterDoc } from '../monitor/adapters.js';
import {
  isConflictRecorded,
  isInboundOutcome,
  milestoneRecorded,
  orderPlaced,
  orderTransitioned,
  positionAdjusted,
  reconciliationCompleted,
  shipmentCancelled,
  shipmentConfirmed,
  shipmentCreated,
  type ConflictRecorded,
} from './consumed-events.js';
import { shipBy, type SlaOptions, type WatchCollections } from './watches.js';

const FULFILLED: Readonly<Record<string, string>> = { SHIPPED: 'shipped', DELIVERED: 'delivered' };

/** What a refused write is about: products and positions are their SKU, orders and shipments their id. */
function conflictSubject(
  c: Pick<ConflictRecorded, 'entity' | 'entityId'>,
): Pick<RaiseInput, 'subject' | 'subjectType'> {
  if (c.entity === 'products') return { subject: c.entityId, subjectType: 'PRODUCT' };
  if (c.entity === 'positions') return { subject: c.entityId.split('@')[0]!, subjectType: 'PRODUCT' };
  if (c.entity === 'orders') return { subject: c.entityId, subjectType: 'ORDER' };
  if (c.entity === 'shipments') return { subject: c.entityId, subjectType: 'SHIPMENT' };
  return { subject: `${c.entity}/${c.entityId}`, subjectType: 'STREAM' };
}

/** What the raisers need. */
export interface RaiserDeps extends WatchCollections {
  exceptions: ExceptionService;
  sla: SlaOptions;
  metrics?: OperationsMetrics;
  /** Inbound connector states (adapterHealth); absent: inbound outcomes are ignored. */
  inboundAdapters?: Collection<InboundAdapterDoc>;
}

/**
 * One handler for every domain event operations follows: opens exceptions whose cause is an event, clears
 * them when a later event shows the cause gone, and keeps the clocks the sweeper checks. Every write is keyed
 * by the entity, so a redelivered event changes nothing twice.
 */
export function createRaiserHandler(deps: RaiserDeps): EventHandler {
  const { exceptions, metrics } = deps;
  return async (event: EventEnvelope) => {
    if (event.type.startsWith('inventory.reservation.')) {
      const data = event.data as { reason?: string | null; backordered?: unknown[] | null };
      const verb = event.type.slice('inventory.reservation.'.length);
      const outcome =
        verb === 'confirmed' && data.backordered?.length
          ? 'backordered'
          : verb === 'released' && data.reason === 'EXPIRED'
            ? 'expired'
            : verb;
      metrics?.reservations.inc({ outcome });
    } else if (isEvent(orderPlaced, event)) {
      const { orderId, channel, status } = event.data;
      metrics?.ordersPlaced.inc({ channel, outcome: status });
      await deps.placedOrders.updateOne(
        { _id: orderId },
        { $set: { channel, placedAt: event.time } },
        { upsert: true },
      );
      if (status === 'PENDING_VALIDATION') {
        const dueAt = new Date(Date.parse(event.time) + (deps.sla.pendingValidationMs ?? 10 * 60_000)).toISOString();
        await deps.watches.updateOne(
          { _id: `pending:${orderId}` },
          { $set: { kind: 'PENDING_VALIDATION', subject: orderId, dueAt, orderId, channel } },
          { upsert: true },
        );
      }
    } else if (isEvent(orderTransitioned, event)) {
      const { orderId, from, to, at } = event.data;
      const stage = FULFILLED[to];
      if (stage && metrics) {
        const placed = await deps.placedOrders.findOne({ _id: orderId });
        if (placed)
          metrics.orderFulfillment.observe(
            { stage },
            Math.max(0, (Date.parse(at) - Date.parse(placed.placedAt)) / 1000),
          );
      }
      if (from === 'PENDING_VALIDATION') {
        await deps.watches.deleteOne({ _id: `pending:${orderId}` });
        await exceptions.clear('STUCK_PENDING_VALIDATION', orderId, `order moved to ${to}`);
      }
      if (to === 'BACKORDERED') {
        await exceptions.raise({
          kind: 'BACKORDER',
          subject: orderId,
          subjectType: 'ORDER',
          summary: `Order ${orderId} is backordered`,
        });
      } else if (from === 'BACKORDERED') {
        await exceptions.clear('BACKORDER', orderId, `order moved to ${to}`);
      }
    } else if (isEvent(shipmentCreated, event)) {
      const { shipmentId, orderId } = event.data;
      const placed = await deps.placedOrders.findOne({ _id: orderId });
      // An order placed before operations was watching: its clock starts at the shipment instead.
      const dueAt = shipBy(placed?.placedAt ?? event.time, placed?.channel ?? null, deps.sla);
      await deps.watches.updateOne(
        { _id: `ship:${shipmentId}` },
        { $set: { kind: 'SHIPMENT_DUE', subject: shipmentId, dueAt, orderId, channel: placed?.channel ?? null } },
        { upsert: true },
      );
    } else if (isEvent(shipmentConfirmed, event) || isEvent(shipmentCancelled, event)) {
      const { shipmentId } = event.data;
      await deps.watches.deleteOne({ _id: `ship:${shipmentId}` });
      await exceptions.clear(
        'LATE_SHIPMENT',
        shipmentId,
        event.type === shipmentConfirmed.type ? 'shipment confirmed' : 'shipment cancelled',
      );
    } else if (isEvent(milestoneRecorded, event)) {
      const { shipmentId, orderId, status, description, shipmentStatus } = event.data;
      if (status === 'EXCEPTION') {
        await exceptions.raise({
          kind: 'CARRIER_EXCEPTION',
          subject: shipmentId,
          subjectType: 'SHIPMENT',
          summary: `Carrier reported an exception on shipment ${shipmentId} (order ${orderId})`,
          detail: description ?? null,
        });
      } else if (shipmentStatus !== 'EXCEPTION') {
        await exceptions.clear('CARRIER_EXCEPTION', shipmentId, `carrier reported ${status}`);
      }
    } else if (isInboundOutcome(event.type)) {
      const data = event.data as { connector: string; outcome: string; at: string };
      const domain = event.type.slice(0, event.type.indexOf('.'));
      await deps.inboundAdapters?.updateOne({ _id: data.connector }, inboundOutcomeUpdate(domain, data), {
        upsert: true,
      });
    } else if (isConflictRecorded(event.type)) {
      // Resolved by an operator: the refusal itself is final, someone decides which value is right.
      const c = event.data as ConflictRecorded;
      await exceptions.raise({
        kind: 'MASTERING_CONFLICT',
        ...conflictSubject(c),
        summary: `A ${c.fieldGroup} write from ${c.incomingSource} to ${c.entity} ${c.entityId} was refused (${c.code})`,
        detail: c.reason,
      });
    } else if (isEvent(reconciliationCompleted, event)) {
      const { runId, drifted, clean } = event.data;
      const bySku = new Map<string, typeof drifted>();
      for (const row of drifted) bySku.set(row.sku, [...(bySku.get(row.sku) ?? []), row]);
      for (const [sku, rows] of bySku) {
        await exceptions.raise({
          kind: 'RECONCILIATION_DRIFT',
          subject: sku,
          subjectType: 'PRODUCT',
          summary: `Reconciliation ${runId} found on-hand drift for ${sku} at ${rows.map((r) => r.locationId).join(', ')}`,
          detail: rows
            .map((r) => `${r.locationId}: ${r.difference > 0 ? '+' : ''}${r.difference} (${r.action.toLowerCase()})`)
            .join('; '),
        });
      }
      for (const sku of clean)
        await exceptions.clear('RECONCILIATION_DRIFT', sku, `reconciliation ${runId} found no drift`);
    } else if (isEvent(positionAdjusted, event) && event.data.reason === 'COUNTED') {
      const { sku, locationId, delta } = event.data;
      if (delta.onHand !== 0) {
        metrics?.inventoryDrift.inc({ location: locationId }, Math.abs(delta.onHand));
        await exceptions.raise({
          kind: 'RECONCILIATION_DRIFT',
          subject: sku,
          subjectType: 'PRODUCT',
          summary: `Reconciliation corrected ${sku} at ${locationId} by ${delta.onHand} units`,
          detail: `location ${locationId}, on-hand delta ${delta.onHand}, source ${event.data.source ?? 'unknown'}`,
        });
      }
    }
  };
}
