import { isEvent, type EventEnvelope, type EventHandler } from '@fulfillment-mesh/events';
import { DuplicateKeyError, isDomainError } from '@fulfillment-mesh/runtime';
import {
  orderCancelled,
  orderPlaced,
  positionAdjusted,
  returnReceived,
  shipmentConfirmed,
  type OrderCancelled,
  type OrderPlaced,
  type PositionAdjusted,
} from './contracts.js';
import type { Lifecycle } from '../workflows/reservations/lifecycle.js';
import type { createCommitter } from '../workflows/reservations/commit.js';
import type { createReserver } from '../workflows/reservations/reserve.js';
import type { StockService } from '../workflows/stock.js';
import type { InventoryStore } from '../store/index.js';

/** What the consumers call. */
export interface ConsumerDeps {
  inventory: InventoryStore;
  reserver: ReturnType<typeof createReserver>;
  lifecycle: Lifecycle;
  committer: ReturnType<typeof createCommitter>;
  stock: StockService;
}

/**
 * The inventory's event handlers, one per consumed stream. The bus delivers at least once, so each handler is
 * idempotent in the domain: the ledger by event id, reservations by key, releases by status, commits and
 * return receipts by their operation record. A thrown error makes the bus retry (then dead-letter).
 */
export function createHandlers(deps: ConsumerDeps): Record<'inventory' | 'orders' | 'shipments', EventHandler> {
  return {
    inventory: async (event) => {
      if (isEvent(positionAdjusted, event)) await project(deps.inventory, event);
    },
    orders: async (event) => {
      if (isEvent(orderPlaced, event)) await reserveForOrder(deps, event.data);
      else if (isEvent(orderCancelled, event)) await releaseForOrder(deps, event.data);
      else if (isEvent(returnReceived, event)) await deps.stock.receiveReturn(event.data);
    },
    shipments: async (event) => {
      if (isEvent(shipmentConfirmed, event)) await deps.committer.commit(event.data);
    },
  };
}

/** Projects a ledger event into the `ledger` collection (its id is the entry's `_id`: a duplicate is dropped). */
export async function project(inventory: InventoryStore, event: EventEnvelope<PositionAdjusted>): Promise<void> {
  const { data } = event;
  try {
    await inventory.ledger.insertOne({ _id: event.id, positionId: event.subject, at: event.time, ...data });
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error;
  }
}

/**
 * Degraded mode: orders accepted an order as PENDING_VALIDATION and asks for the reservation here. The key
 * makes it the same reservation a synchronous call may already have made; its transition to ACTIVE or FAILED
 * published `inventory.reservation.confirmed` / `failed`, which orders waits for. A request inventory refuses
 * as invalid becomes a FAILED reservation, so that orders gets its answer instead of a dead letter.
 */
export async function reserveForOrder(deps: ConsumerDeps, data: OrderPlaced): Promise<void> {
  if (data.status !== 'PENDING_VALIDATION') return;
  const request = {
    key: data.reservationKey,
    orderId: data.orderId,
    customerId: data.customerId,
    channel: data.channel,
    shipToRegion: data.shipToRegion,
    lines: data.lines,
  };
  try {
    const { reservation } = await deps.reserver.reserve(request, 'system:orders');
    if (reservation.status === 'PENDING')
      throw new Error(`reservation ${reservation._id} is still PENDING; retrying later`);
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'INVALID_INPUT') throw error;
    await deps.reserver.refuse(request, error.message);
  }
}

/** An order was cancelled: release what its reservations still hold (PENDING ones are retried until they settle). */
export async function releaseForOrder(deps: ConsumerDeps, data: OrderCancelled): Promise<void> {
  const ids = new Set((await deps.inventory.reservations.find({ orderId: data.orderId })).map((r) => r._id));
  if (data.reservationId) ids.add(data.reservationId);
  for (const id of ids) {
    try {
      await deps.lifecycle.release(id, 'CANCELLED', 'orders', 'system:orders');
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // A reservation still being made must settle first; a missing, committed, expired or failed one holds nothing.
      if (error.code === 'CONFLICT' && error.details.current === 'PENDING') throw error;
      if (error.code !== 'CONFLICT' && error.code !== 'NOT_FOUND') throw error;
    }
  }
}
