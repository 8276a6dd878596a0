import { isDomainError } from '@fulfillment-mesh/runtime';
import type { Cause } from '../domain/change.js';
import { decideDegrade, decideReservation, reservationRequest, type ReservationOutcome } from '../domain/reservation.js';
import type { OrderDoc } from '../store/models.js';
import type { ProcessDeps } from './deps.js';

/** The reservation steps of the order workflow, shared by placeOrder, the consumers and the sweeper. */
export interface ReservationSteps {
  /**
   * Asks inventory to reserve under the order's key and records the outcome; when inventory cannot be asked, a
   * synchronous reservation is handed to the backbone (degraded mode) and one already there keeps waiting.
   */
  reserve(order: OrderDoc): Promise<OrderDoc>;
  /**
   * Resumes an order still waiting for its outcome (its placeOrder process died, or the outcome event was lost
   * with an in-process bus): notes the attempt, then `reserve` again under the same key (inventory dedupes).
   */
  resume(order: OrderDoc): Promise<OrderDoc>;
  /** Records an outcome (an answer or an event; idempotent) and performs the releases it calls for. */
  applyOutcome(orderId: string, outcome: ReservationOutcome, why: Cause): Promise<OrderDoc>;
  /** Hands the reservation of a PENDING_VALIDATION order to the backbone (`orders.order.placed`). */
  degrade(orderId: string, why: Cause): Promise<OrderDoc>;
  /** Asks inventory to release what the order still owes it; what fails stays for the sweeper. */
  performReleases(order: OrderDoc): Promise<void>;
}

// Answers that mean "inventory said no" rather than "inventory could not be asked".
const REFUSALS = new Set(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT']);

/** Creates the reservation steps. */
export function createReservationSteps(deps: ProcessDeps): ReservationSteps {
  const performReleases = async (order: OrderDoc) => {
    for (const release of order.pendingReleases ?? []) {
      try {
        await deps.inventory.releaseReservation(release.reservationId, release.reason);
      } catch (error) {
        // NOT_FOUND or CONFLICT (already released, committed): nothing is held for this order any more.
        if (!isDomainError(error) || (error.code !== 'NOT_FOUND' && error.code !== 'CONFLICT')) {
          deps.logger.warn({ err: error, orderId: order._id, reservationId: release.reservationId }, 'release failed; the sweeper retries it');
          continue;
        }
        deps.logger.info({ orderId: order._id, reservationId: release.reservationId, answer: error.message }, 'nothing left to release');
      }
      await deps.store.orders.updateOne({ _id: order._id }, { $pull: { pendingReleases: { reservationId: release.reservationId } } });
    }
  };

  const applyOutcome = async (orderId: string, outcome: ReservationOutcome, why: Cause) => {
    const { order } = await deps.writer.apply(orderId, (current) => decideReservation(current, outcome, why));
    if ((order.pendingReleases ?? []).length > 0) await performReleases(order);
    return order;
  };
  const degrade = async (orderId: string, why: Cause) => (await deps.writer.apply(orderId, (current) => decideDegrade(current, why))).order;

  const reserve = async (order: OrderDoc): Promise<OrderDoc> => {
    const key = order.reservation!.key;
    let outcome: ReservationOutcome;
    try {
      outcome = await deps.inventory.reserveStock(reservationRequest(order, key, deps.allowBackorder));
    } catch (error) {
      if (!isDomainError(error) || !REFUSALS.has(error.code)) {
        deps.logger.warn({ err: error, orderId: order._id }, 'inventory unavailable; reserving through the event backbone');
        const cause = `inventory unavailable (${(error as Error).message}); reservation continues through the event backbone`;
        return degrade(order._id, { cause, actor: 'system', at: deps.now().toISOString() });
      }
      outcome = { kind: 'failed', key, reservationId: null, reason: error.message };
    }
    return applyOutcome(order._id, outcome, { cause: 'reserveStock answered', actor: 'inventory', at: deps.now().toISOString() });
  };

  return {
    reserve,
    async resume(order) {
      const checkedAt = deps.now().toISOString();
      const noted = await deps.store.orders.updateOne({ _id: order._id, status: 'PENDING_VALIDATION' }, { $set: { 'reservation.checkedAt': checkedAt } });
      if (noted.matchedCount === 0) return order;
      deps.logger.info({ orderId: order._id, mode: order.reservation?.mode }, 'resuming the reservation of an order that has no outcome yet');
      return reserve(order);
    },
    applyOutcome,
    degrade,
    performReleases,
  };
}
