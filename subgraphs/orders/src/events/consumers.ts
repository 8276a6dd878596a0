import type { DeliveryMeta, EventEnvelope, EventHandler } from '@fulfillment-mesh/events';
import { isDomainError, type Logger } from '@fulfillment-mesh/runtime';
import { decideMilestone, decideShipmentConfirmed } from '../domain/fulfillment.js';
import type { Cause } from '../domain/change.js';
import { decideExpiry, type ReservationOutcome } from '../domain/reservation.js';
import type {
  MilestoneRecorded,
  ReservationConfirmed,
  ReservationFailed,
  ReservationReleased,
  ReturnReceived,
  ShipmentConfirmed,
} from './contracts.js';
import type { OrderDoc } from '../store/models.js';
import type { OrderWriter } from '../store/order-writer.js';
import type { OutcomeEventResult, ReservationSteps } from '../workflows/reservations.js';

/** What the consumers act through. */
export interface ConsumerDeps {
  writer: OrderWriter;
  steps: ReservationSteps;
  applyReceipt(eventId: string, data: ReturnReceived): Promise<OrderDoc>;
  logger: Logger;
  /** Told what each reservation outcome event did (applied, answered synchronously, already applied). */
  onOutcomeEvent?: ((result: OutcomeEventResult) => void) | undefined;
}

/** One handler per consumed stream. Each is idempotent at the domain level: redelivery changes nothing. */
export interface OrderConsumers {
  inventory: EventHandler;
  shipments: EventHandler;
  orders: EventHandler;
}

/**
 * Creates the event handlers of the orders subgraph. Events about orders this subgraph does not hold (another
 * system's checkout holds, a wiped store) are skipped; any other failure is thrown, so the bus retries and
 * eventually dead-letters it with the reason.
 */
export function createConsumers(deps: ConsumerDeps): OrderConsumers {
  const skipUnknown = async (event: EventEnvelope, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'NOT_FOUND') throw error;
      deps.logger.info(
        { eventId: event.id, type: event.type, subject: event.subject },
        'event about an unknown order skipped',
      );
    }
  };
  const cause = (event: EventEnvelope, actor: string, text: string) => ({ cause: text, actor, at: event.time });
  // Answered once: the outcome is applied only where no placeOrder call is answering it synchronously.
  const applyOutcomeEvent = async (orderId: string, outcome: ReservationOutcome, why: Cause) => {
    const result = await deps.steps.applyOutcomeEvent(orderId, outcome, why);
    deps.onOutcomeEvent?.(result);
    if (result !== 'answered_synchronously') return;
    deps.logger.debug({ orderId, key: outcome.key }, 'outcome event left to the synchronous reply');
  };

  return {
    async inventory(event: EventEnvelope, _meta: DeliveryMeta) {
      switch (event.type) {
        case 'inventory.reservation.confirmed': {
          const data = event.data as ReservationConfirmed;
          if (data.orderId === null) return;
          const outcome = {
            kind: 'confirmed' as const,
            key: data.key,
            reservationId: data.reservationId,
            allocations: data.allocations,
            backordered: data.backordered,
          };
          return skipUnknown(event, () =>
            applyOutcomeEvent(data.orderId!, outcome, cause(event, 'inventory', 'reservation confirmed')),
          );
        }
        case 'inventory.reservation.failed': {
          const data = event.data as ReservationFailed;
          if (data.orderId === null) return;
          const outcome = {
            kind: 'failed' as const,
            key: data.key,
            reservationId: data.reservationId,
            reason: data.reason,
          };
          return skipUnknown(event, () =>
            applyOutcomeEvent(data.orderId!, outcome, cause(event, 'inventory', data.reason)),
          );
        }
        case 'inventory.reservation.released': {
          const data = event.data as ReservationReleased;
          if (data.orderId === null || data.reason !== 'EXPIRED') return;
          return skipUnknown(event, () =>
            deps.writer.apply(data.orderId!, (o) =>
              decideExpiry(o, event.id, data.reservationId, cause(event, 'inventory', 'expired')),
            ),
          );
        }
      }
    },

    async shipments(event: EventEnvelope) {
      switch (event.type) {
        case 'shipments.shipment.confirmed': {
          const data = event.data as ShipmentConfirmed;
          const why = cause(event, 'shipments', `shipment ${data.shipmentId} confirmed`);
          return skipUnknown(event, () =>
            deps.writer.apply(data.orderId, (o) => decideShipmentConfirmed(o, event.id, data, why)),
          );
        }
        case 'shipments.milestone.recorded': {
          const data = event.data as MilestoneRecorded;
          const why = cause(event, 'shipments', `shipment ${data.shipmentId}: ${data.status}`);
          return skipUnknown(event, () =>
            deps.writer.apply(data.orderId, (o) => decideMilestone(o, event.id, data, why)),
          );
        }
      }
    },

    async orders(event: EventEnvelope) {
      if (event.type !== 'orders.return.received') return;
      return skipUnknown(event, () => deps.applyReceipt(event.id, event.data as ReturnReceived));
    },
  };
}
