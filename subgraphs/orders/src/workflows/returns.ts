import { withEvents } from '@fulfillment-mesh/events';
import { DomainError, invalidInput, notFound } from '@fulfillment-mesh/runtime';
import { randomUUID } from 'node:crypto';
import {
  decideReceipt,
  decideReturnReceivedOnOrder,
  decideReturnRequested,
  newReturnDoc,
  type ReceiptLine,
  type ReturnRequestLine,
} from '../domain/returns.js';
import { toEnvelopes, type ReturnReceived } from '../events/contracts.js';
import type { OrderDoc, ReturnDoc } from '../store/models.js';
import type { ProcessDeps } from './deps.js';

/** A return with the order it belongs to, as the mutations answer. */
export interface ReturnWithOrder {
  ret: ReturnDoc;
  order: OrderDoc;
}

/** The returns workflow: open an RMA on an order, receive its units, refund them. */
export function createReturns(deps: ProcessDeps) {
  const why = (cause: string, actor: string) => ({ cause, actor, at: deps.now().toISOString() });

  /** Applies one receipt to its order (idempotent by receipt id); also the consumer of `orders.return.received`. */
  const applyReceipt = async (eventId: string, data: ReturnReceived): Promise<OrderDoc> =>
    (
      await deps.writer.apply(data.orderId, (order) =>
        decideReturnReceivedOnOrder(
          order,
          eventId,
          data,
          why(`return ${data.returnId} received at ${data.locationId}`, 'returns'),
        ),
      )
    ).order;

  return {
    applyReceipt,

    /**
     * Steps: check the request against the order; insert the return; record it on the order (the bound on
     * returnable units is enforced there, under the order's version guard). If that last step fails the return
     * is deleted again (compensation); a return the order does not list is never valid.
     */
    async createReturn(
      orderId: string,
      lines: readonly ReturnRequestLine[],
      reason: string,
      actor: string,
    ): Promise<ReturnWithOrder> {
      if (reason.trim() === '') throw invalidInput('reason', 'a non-blank reason', reason);
      const current = await deps.store.orders.findOne({ _id: orderId });
      if (!current) throw notFound('Order', orderId);
      const id = deps.newId('RMA');
      decideReturnRequested(current, id, lines, why(reason, actor)); // fail fast, before anything is written
      const ret = newReturnDoc(id, current, lines, reason, deps.now().toISOString());
      await deps.store.returns.insertOne(ret);
      try {
        const { order } = await deps.writer.apply(orderId, (o) =>
          decideReturnRequested(o, id, lines, why(`return ${id} requested: ${reason}`, actor)),
        );
        return { ret, order };
      } catch (error) {
        await deps.store.returns.deleteOne({ _id: id });
        throw error;
      }
    },

    /**
     * Records a receipt on the return with its `orders.return.received` and `orders.refund.requested` events
     * (one guarded write), then applies it to the order. Should the second write fail, the consumer of
     * `orders.return.received` applies it later, so the caller is not told to retry what already happened.
     */
    async receiveReturn(
      returnId: string,
      locationId: string,
      lines: readonly ReceiptLine[],
      actor: string,
    ): Promise<ReturnWithOrder> {
      for (let attempt = 1; attempt <= 20; attempt++) {
        const ret = await deps.store.returns.findOne({ _id: returnId });
        const owner = ret && (await deps.store.orders.findOne({ _id: ret.orderId }));
        if (!ret || !owner?.returnIds?.includes(returnId)) throw notFound('Return', returnId);
        const at = deps.now();
        const decision = decideReceipt(ret, randomUUID(), locationId, lines, at.toISOString());
        const update = {
          $set: { ...decision.set, updatedAt: at.toISOString() },
          $inc: { version: 1 },
          $push: { receipts: decision.receipt },
        };
        const written = await deps.store.returns.findOneAndUpdate(
          { _id: returnId, version: ret.version },
          withEvents(update, toEnvelopes(decision.events, at)),
        );
        if (!written) continue;
        deps.notify();
        const received = decision.events[0]!.data as ReturnReceived;
        const order = await applyReceipt(decision.receipt.receiptId, received).catch((error: unknown) => {
          deps.logger.warn(
            { err: error, returnId, actor },
            'receipt not applied to its order yet; the return.received consumer will',
          );
          return owner;
        });
        return { ret: written, order };
      }
      throw new DomainError('CONFLICT', `Return "${returnId}" kept changing while it was being received; try again`, {
        entity: 'Return',
        id: returnId,
      });
    },
  };
}
