import { createConsumers, type OrderConsumers } from '../events/consumers.js';
import type { ProcessDeps } from './deps.js';
import { createFulfillment } from './fulfillment.js';
import { createPlaceOrder, type PlaceOrderWorkflow } from './place-order.js';
import { createReservationSteps, type ReservationSteps } from './reservations.js';
import { createReturns } from './returns.js';

export type { ProcessDeps } from './deps.js';

/** The order process: what the mutations and the consumers call. */
export interface OrderProcess {
  placeOrder: PlaceOrderWorkflow['placeOrder'];
  releaseOrder: ReturnType<typeof createFulfillment>['releaseOrder'];
  cancelOrder: ReturnType<typeof createFulfillment>['cancelOrder'];
  createReturn: ReturnType<typeof createReturns>['createReturn'];
  receiveReturn: ReturnType<typeof createReturns>['receiveReturn'];
  steps: ReservationSteps & Pick<PlaceOrderWorkflow, 'resume'>;
  consumers: OrderConsumers;
}

/** Builds the order process from its dependencies. */
export function createOrderProcess(deps: ProcessDeps): OrderProcess {
  const steps = createReservationSteps(deps);
  const fulfillment = createFulfillment(deps);
  const returns = createReturns(deps);
  const placeOrder = createPlaceOrder(deps, steps);
  return {
    placeOrder: placeOrder.placeOrder,
    releaseOrder: fulfillment.releaseOrder,
    cancelOrder: fulfillment.cancelOrder,
    createReturn: returns.createReturn,
    receiveReturn: returns.receiveReturn,
    steps: { ...steps, resume: placeOrder.resume },
    consumers: createConsumers({
      writer: deps.writer,
      steps,
      applyReceipt: returns.applyReceipt,
      logger: deps.logger,
      onOutcomeEvent: deps.onOutcomeEvent,
    }),
  };
}
