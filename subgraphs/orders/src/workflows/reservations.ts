import { isDomainError } from '@fulfillment-mesh/runtime';
import type { Cause } from '../domain/change.js';
import { decideDegrade, decideReservation, type ReservationOutcome } from '../domain/reservation.js';
import type { OrderDoc } from '../store/models.js';
import type { ProcessDeps } from './deps.js';

/** The reservation steps of the order workflow, shared by placeOrder, the consumers and the sweeper. */
export interface ReservationSteps {
  /** Records an outcome (an answer or an event; idempotent) and performs the releases it calls for. */
  applyOutcome(orderId: string, outcome: ReservationOutcome, why: Cause): Promise<OrderDoc>;
  /** Hands the reservation of a PENDING_VALIDATION order to the backbone (`orders.order.placed`). */
  degrade(orderId: string, why: Cause): Promise<OrderDoc>;
  /** Asks inventory to release what the order still owes it; what fails stays for the sweeper. */
  performReleases(order: OrderDoc): Promise<void>;
}

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

  return {
    async applyOutcome(orderId, outcome, why) {
      const { order } = await deps.writer.apply(orderId, (current) => decideReservation(current, outcome, why));
      if ((order.pendingReleases ?? []).length > 0) await performReleases(order);
      return order;
    },
    async degrade(orderId, why) {
      return (await deps.writer.apply(orderId, (current) => decideDegrade(current, why))).order;
    },
    performReleases,
  };
}
