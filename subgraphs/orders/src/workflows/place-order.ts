import { DuplicateKeyError, isDomainError, type Provenance } from '@fulfillment-mesh/runtime';
import { newOrderDoc, priceLines, validatePlaceOrder, type PlaceOrderInput } from '../domain/place-order.js';
import { reservationRequest, type ReservationOutcome } from '../domain/reservation.js';
import type { OrderDoc } from '../store/models.js';
import type { ProcessDeps } from './deps.js';
import type { ReservationSteps } from './reservations.js';

/** What placeOrder answers: the order, and whether this call created it (false for a duplicate). */
export interface PlaceOrderResult {
  order: OrderDoc;
  created: boolean;
}

// Answers that mean "inventory said no" rather than "inventory could not be asked".
const REFUSALS = new Set(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT']);

/**
 * The placeOrder workflow. Steps: validate the submission; return the existing order for a duplicate; check
 * and price the lines with the catalog; insert the order (PENDING_VALIDATION, unique indexes settle concurrent
 * duplicates); reserve through inventory under the order's key; record the outcome. When inventory cannot
 * be reached the order is handed to the backbone instead (degraded mode).
 */
export function createPlaceOrder(deps: ProcessDeps, steps: ReservationSteps) {
  const reserve = async (order: OrderDoc): Promise<OrderDoc> => {
    const key = order.reservation!.key;
    let outcome: ReservationOutcome;
    try {
      outcome = await deps.inventory.reserveStock(reservationRequest(order, key, deps.allowBackorder));
    } catch (error) {
      if (!isDomainError(error) || !REFUSALS.has(error.code)) {
        deps.logger.warn({ err: error, orderId: order._id }, 'inventory unavailable; reserving through the event backbone');
        const cause = `inventory unavailable (${(error as Error).message}); reservation continues through the event backbone`;
        return steps.degrade(order._id, { cause, actor: 'system', at: deps.now().toISOString() });
      }
      outcome = { kind: 'failed', key, reservationId: null, reason: error.message };
    }
    return steps.applyOutcome(order._id, outcome, { cause: 'reserveStock answered', actor: 'inventory', at: deps.now().toISOString() });
  };

  /** `origin`: provenance of the content when an adapter places the order (see newOrderDoc); default the channel, now. */
  return async function placeOrder(input: PlaceOrderInput, idempotencyKey: string | null = null, origin: Provenance | null = null): Promise<PlaceOrderResult> {
    const drafts = validatePlaceOrder(input, idempotencyKey);
    const earlier = await deps.store.findDuplicate(input.channel, input.externalId, idempotencyKey);
    if (earlier) return { order: earlier, created: false };
    const lines = priceLines(drafts, await deps.catalog.products(drafts.map((d) => d.sku)));
    const doc = newOrderDoc({ id: deps.newId('O'), input, lines, idempotencyKey, at: deps.now().toISOString(), origin });
    try {
      await deps.store.orders.insertOne(doc);
    } catch (error) {
      // A concurrent duplicate won the unique index: answer with its order (insert first, then read back).
      const winner = error instanceof DuplicateKeyError ? await deps.store.findDuplicate(input.channel, input.externalId, idempotencyKey) : null;
      if (winner) return { order: winner, created: false };
      throw error;
    }
    return { order: await reserve(doc), created: true };
  };
}
