import { isDomainError } from '@fulfillment-mesh/runtime';
import type { Cause } from '../domain/change.js';
import {
  answeredSynchronously,
  decideDegrade,
  decideReservation,
  reservationRequest,
  type ReservationOutcome,
} from '../domain/reservation.js';
import type { OrderDoc } from '../store/models.js';
import type { ProcessDeps } from './deps.js';

/** What an outcome event did: applied, left to the synchronous reply, or already applied (see docs/architecture.md). */
export type OutcomeEventResult = 'applied' | 'answered_synchronously' | 'already_applied';

/** What the order workflows do with inventory's reservations (used by place-order.ts, the consumers, the sweeper). */
export interface ReservationSteps {
  /** Asks inventory to reserve under the order's key; `unreachable` when it cannot be asked (down, timeout). */
  ask(order: OrderDoc): Promise<ReservationOutcome | Unreachable>;
  /** Records an outcome (idempotent) and performs the releases it calls for. */
  applyOutcome(orderId: string, outcome: ReservationOutcome, why: Cause): Promise<OrderDoc>;
  /**
   * Records an outcome that arrived as an event, unless the order's reservation is being answered synchronously
   * (a placeOrder call is waiting for inventory's reply: that reply is the answer) or it is already applied.
   */
  applyOutcomeEvent(orderId: string, outcome: ReservationOutcome, why: Cause): Promise<OutcomeEventResult>;
  /** Hands the reservation of a PENDING_VALIDATION order to the backbone (`orders.order.placed`). */
  degrade(orderId: string, why: Cause): Promise<OrderDoc>;
  /** Asks inventory to release what the order still owes it; what fails stays for the sweeper. */
  performReleases(order: OrderDoc): Promise<void>;
}

/** Inventory could not be asked; `reason` says why. */
export interface Unreachable {
  kind: 'unreachable';
  reason: string;
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
          deps.logger.warn(
            { err: error, orderId: order._id, reservationId: release.reservationId },
            'release failed; the sweeper retries it',
          );
          continue;
        }
        deps.logger.info(
          { orderId: order._id, reservationId: release.reservationId, answer: error.message },
          'nothing left to release',
        );
      }
      await deps.store.orders.updateOne(
        { _id: order._id },
        { $pull: { pendingReleases: { reservationId: release.reservationId } } },
      );
    }
  };

  const applyOutcome = async (orderId: string, outcome: ReservationOutcome, why: Cause) => {
    const { order } = await deps.writer.apply(orderId, (current) => decideReservation(current, outcome, why));
    if ((order.pendingReleases ?? []).length > 0) await performReleases(order);
    return order;
  };

  return {
    async ask(order) {
      const key = order.reservation!.key;
      try {
        return await deps.inventory.reserveStock(reservationRequest(order, key, deps.allowBackorder));
      } catch (error) {
        if (isDomainError(error) && REFUSALS.has(error.code))
          return { kind: 'failed', key, reservationId: null, reason: error.message };
        deps.logger.warn(
          { err: error, orderId: order._id },
          'inventory unavailable; reserving through the event backbone',
        );
        return { kind: 'unreachable', reason: (error as Error).message };
      }
    },
    applyOutcome,
    async applyOutcomeEvent(orderId, outcome, why) {
      let synchronous = false;
      const { order, changed } = await deps.writer.apply(orderId, (current) => {
        synchronous = answeredSynchronously(current);
        return synchronous ? null : decideReservation(current, outcome, why);
      });
      if (synchronous) return 'answered_synchronously';
      if ((order.pendingReleases ?? []).length > 0) await performReleases(order);
      return changed ? 'applied' : 'already_applied';
    },
    degrade: async (orderId, why) => (await deps.writer.apply(orderId, (current) => decideDegrade(current, why))).order,
    performReleases,
  };
}
