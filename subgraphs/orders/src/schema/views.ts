import { refundAmount } from '../domain/returns.js';
import type { AllocationDoc, OrderDoc, ReturnDoc } from '../store/models.js';

/** `OrderAllocation` as the schema shows it: the location as an inventory entity reference. */
export function allocationView(a: AllocationDoc) {
  return { location: { id: a.locationId }, lines: a.lines };
}

/** `Return` as the schema shows it, with its order (products and locations as entity references). */
export function returnView(ret: ReturnDoc, order: OrderDoc) {
  const received = ret.lines.map((l) => ({ quantity: l.receivedQuantity, unitPrice: l.unitPrice }));
  return {
    id: ret._id,
    // Not a schema field: the owner the partner-owned policy checks (the order's customer on older returns).
    customerId: ret.customerId ?? order.customer.id,
    order,
    status: ret.status,
    reason: ret.reason,
    lines: ret.lines.map((l) => ({
      lineId: l.lineId,
      product: { sku: l.sku },
      quantity: l.quantity,
      receivedQuantity: l.receivedQuantity,
      unitPrice: l.unitPrice,
    })),
    receipts: ret.receipts.map((r) => ({ at: r.at, location: { id: r.locationId }, lines: r.lines, refund: r.refund })),
    refundTotal: refundAmount(received),
    createdAt: ret.createdAt,
    updatedAt: ret.updatedAt,
  };
}
