import type { DeliveryMeta, EventEnvelope, EventHandler } from '@fulfillment-mesh/events';
import { consumedEvents, orderCancelled, orderReleased } from './contracts.js';
import type { ShipmentWorkflows } from '../workflows/index.js';

/**
 * The handler of the `orders` stream: a release creates shipments, a cancellation cancels those that have not
 * left. Both are idempotent at the domain level (derived ids, state-guarded writes), as at-least-once delivery
 * needs. The data is read again through our tolerant schemas, so direct calls get the same checks as the bus.
 * Other order events are not ours and are ignored.
 */
export function createOrderEventHandler(
  workflows: Pick<ShipmentWorkflows, 'createFromRelease' | 'cancelForOrder'>,
): EventHandler {
  return async (event: EventEnvelope, _meta?: DeliveryMeta) => {
    if (event.type === orderReleased.type) {
      await workflows.createFromRelease(orderReleased.schema.parse(event.data), event.id);
    } else if (event.type === orderCancelled.type) {
      const data = orderCancelled.schema.parse(event.data);
      await workflows.cancelForOrder(data.orderId, data.reason);
    }
  };
}

/**
 * What shipments consumes, in the shape `createDomainEvents({ consumes })` takes: the `orders` stream, order
 * events only, read through {@link consumedEvents}.
 */
export function orderConsumption(workflows: Pick<ShipmentWorkflows, 'createFromRelease' | 'cancelForOrder'>) {
  return {
    stream: 'orders',
    follows: ['orders.order'],
    registry: consumedEvents(),
    handler: createOrderEventHandler(workflows),
  };
}
