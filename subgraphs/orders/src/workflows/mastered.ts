import { applyMastered, type ConflictLog, type ConflictRecord } from '@fulfillment-mesh/connectors';
import { notFound, type Collection, type Provenance } from '@fulfillment-mesh/runtime';
import { ordersMastering, type FinancialStatus } from '../mastering.js';
import type { OrderDoc } from '../store/models.js';

/** How a mastered write ended: applied, a repeat of the write already applied (nothing to do), or refused. */
export type MasteredOutcome =
  { outcome: 'applied'; order: OrderDoc } | { outcome: 'repeat' } | { outcome: 'refused'; conflict: ConflictRecord };

/** The writes external systems make to an order's mastered fields, decided by the rules in mastering.ts. */
export interface MasteredWrites {
  readonly conflicts: ConflictLog;
  /** Sets the payment state (the ERP, or the channel until the ERP has spoken). */
  setFinancialStatus(orderId: string, status: FinancialStatus, incoming: Provenance): Promise<MasteredOutcome>;
  /** Sets the ERP's sales order number (the ERP only). */
  setErpOrderNumber(orderId: string, erpOrderNumber: string, incoming: Provenance): Promise<MasteredOutcome>;
}

/** Creates the mastered writers over the orders collection and the conflict log. */
export function createMasteredWrites(deps: {
  orders: Collection<OrderDoc>;
  conflicts: ConflictLog;
  now: () => Date;
}): MasteredWrites {
  const write = async (
    orderId: string,
    fieldGroup: string,
    set: Record<string, unknown>,
    incoming: Provenance,
  ): Promise<MasteredOutcome> => {
    const order = await deps.orders.findOne({ _id: orderId });
    if (!order) throw notFound('Order', orderId);
    // At-least-once delivery replays writes that were applied: recognised here so they are not logged as conflicts.
    const current = order.provenance?.[fieldGroup];
    if (current && current.source === incoming.source && current.sourceVersion === incoming.sourceVersion)
      return { outcome: 'repeat' };
    const result = await applyMastered(deps.orders, {
      id: orderId,
      fieldGroup,
      // The version bump makes the order writer's optimistic guard notice this write.
      set: { ...set, updatedAt: deps.now().toISOString() },
      inc: { version: 1 },
      incoming,
      rules: ordersMastering,
      context: { channel: order.channel },
      conflicts: deps.conflicts,
    });
    return result.applied
      ? { outcome: 'applied', order: result.document }
      : { outcome: 'refused', conflict: result.conflict };
  };
  return {
    conflicts: deps.conflicts,
    setFinancialStatus: (orderId, financialStatus, incoming) =>
      write(orderId, 'financialStatus', { financialStatus }, incoming),
    setErpOrderNumber: (orderId, erpOrderNumber, incoming) =>
      write(orderId, 'erpOrderNumber', { erpOrderNumber }, incoming),
  };
}
