import { DomainError, invalidInput } from '@fulfillment-mesh/runtime';
import { decimalToUnits, unitsToAmount } from './orders.js';
import { refundRequested, returnReceived, type EventIntent, type ReturnReceived } from '../events/contracts.js';
import type { Disposition, MoneyDoc, OrderDoc, ReturnDoc, ReturnReceiptDoc } from '../store/models.js';
import {
  alreadyApplied,
  emptyChange,
  linesAfter,
  statusAfter,
  transition,
  type Cause,
  type OrderChange,
} from './change.js';
import { assertLineTransition, type LineState } from './line-state.js';
import { assertOrderTransition } from './order-state.js';

/** A requested return line. */
export interface ReturnRequestLine {
  lineId: string;
  quantity: number;
}

/** A received return line. */
export interface ReceiptLine extends ReturnRequestLine {
  disposition: Disposition;
}

function checkLines<T extends ReturnRequestLine>(
  lines: readonly T[],
  known: (lineId: string) => boolean,
  owner: string,
): void {
  if (lines.length === 0) throw invalidInput('lines', 'at least one line', []);
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (!known(line.lineId)) throw invalidInput(`lines[${i}].lineId`, `a line of ${owner}`, line.lineId);
    if (seen.has(line.lineId)) throw invalidInput(`lines[${i}].lineId`, 'each line once', line.lineId);
    seen.add(line.lineId);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      throw invalidInput(`lines[${i}].quantity`, 'a positive whole number', line.quantity);
  });
}

/**
 * Opens a return on the order: each quantity at most shipped minus already returned or requested; the order
 * goes to RETURN_REQUESTED (it may already be there, with another return open).
 */
export function decideReturnRequested(
  order: OrderDoc,
  returnId: string,
  lines: readonly ReturnRequestLine[],
  why: Cause,
): OrderChange {
  // The state comes first: on an order that cannot take a return, quantities are beside the point.
  if (order.status !== 'RETURN_REQUESTED') assertOrderTransition(order._id, order.status, 'RETURN_REQUESTED');
  const change = emptyChange();
  const current = linesAfter(order, change);
  checkLines(lines, (id) => current.some((l) => l.lineId === id), `order "${order._id}"`);
  const updated = current.map((l) => ({ ...l }));
  lines.forEach((requested, i) => {
    const line = updated.find((l) => l.lineId === requested.lineId)!;
    const left = line.shippedQuantity - line.returnRequestedQuantity;
    if (requested.quantity > left) {
      throw invalidInput(
        `lines[${i}].quantity`,
        `at most ${left} (shipped ${line.shippedQuantity}, already returned or requested ${line.returnRequestedQuantity})`,
        requested.quantity,
      );
    }
    line.returnRequestedQuantity += requested.quantity;
  });
  change.set.lines = updated;
  change.set.returnIds = [...(order.returnIds ?? []), returnId];
  if (order.status !== 'RETURN_REQUESTED') transition(order, change, 'RETURN_REQUESTED', why);
  return change;
}

/** The new return document. */
export function newReturnDoc(
  id: string,
  order: OrderDoc,
  lines: readonly ReturnRequestLine[],
  reason: string,
  at: string,
): ReturnDoc {
  const byId = new Map(order.lines.map((l) => [l.lineId, l]));
  return {
    _id: id,
    orderId: order._id,
    customerId: order.customer.id,
    status: 'REQUESTED',
    reason,
    lines: lines.map((l) => {
      const line = byId.get(l.lineId)!;
      return { lineId: l.lineId, sku: line.sku, quantity: l.quantity, receivedQuantity: 0, unitPrice: line.unitPrice };
    }),
    receipts: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** Sum of quantity x unit price, exact (BigInt over ten-thousandths), two places; one currency. */
export function refundAmount(lines: readonly { quantity: number; unitPrice: MoneyDoc }[]): MoneyDoc {
  let units = 0n;
  const currencies = new Set(lines.map((l) => l.unitPrice.currencyCode));
  for (const line of lines) {
    const price = decimalToUnits(line.unitPrice.amount);
    if (price === null) throw new Error(`unit price "${line.unitPrice.amount}" is not a decimal string`);
    units += BigInt(line.quantity) * price;
  }
  if (currencies.size > 1) throw new Error(`a refund needs one currency, got ${[...currencies].sort().join(', ')}`);
  return { amount: unitsToAmount(units), currencyCode: [...currencies][0] ?? 'USD' };
}

/** The change of a return receiving units: what to set, the receipt, and its two events. */
export interface ReceiptDecision {
  set: Pick<ReturnDoc, 'lines' | 'status'>;
  receipt: ReturnReceiptDoc;
  events: EventIntent[];
}

/** Receives units of a return (each at most requested minus received) and computes the refund they are due. */
export function decideReceipt(
  ret: ReturnDoc,
  receiptId: string,
  locationId: string,
  lines: readonly ReceiptLine[],
  at: string,
): ReceiptDecision {
  if (locationId.trim() === '') throw invalidInput('locationId', 'a location id', locationId);
  if (ret.status === 'RECEIVED')
    throw new DomainError('CONFLICT', `Return "${ret._id}" cannot go from RECEIVED to RECEIVED`, {
      entity: 'Return',
      id: ret._id,
      current: ret.status,
      requested: 'RECEIVED',
    });
  checkLines(lines, (id) => ret.lines.some((l) => l.lineId === id), `return "${ret._id}"`);
  const updated = ret.lines.map((l) => ({ ...l }));
  const refunded = lines.map((received, i) => {
    const line = updated.find((l) => l.lineId === received.lineId)!;
    const left = line.quantity - line.receivedQuantity;
    if (received.quantity > left)
      throw invalidInput(
        `lines[${i}].quantity`,
        `at most ${left} (requested ${line.quantity}, received ${line.receivedQuantity})`,
        received.quantity,
      );
    line.receivedQuantity += received.quantity;
    return {
      lineId: line.lineId,
      sku: line.sku,
      quantity: received.quantity,
      unitPrice: line.unitPrice,
      disposition: received.disposition,
    };
  });
  const refund = refundAmount(refunded);
  const done = updated.every((l) => l.receivedQuantity === l.quantity);
  const receiptLines = refunded.map(({ lineId, sku, quantity, disposition }) => ({
    lineId,
    sku,
    quantity,
    disposition,
  }));
  const base = { returnId: ret._id, orderId: ret.orderId };
  return {
    set: { lines: updated, status: done ? 'RECEIVED' : 'PARTIALLY_RECEIVED' },
    receipt: { receiptId, at, locationId, lines: receiptLines, refund },
    events: [
      { def: returnReceived, subject: ret._id, id: receiptId, data: { ...base, locationId, lines: receiptLines } },
      {
        def: refundRequested,
        subject: ret._id,
        data: { ...base, amount: refund, lines: refunded.map(({ disposition: _d, ...l }) => l) },
      },
    ],
  };
}

/**
 * Applies a receipt to the order (once, by its event id): returned quantities grow, fully returned lines are
 * RETURNED, and the order is RETURNED when everything requested on its returns came back.
 */
export function decideReturnReceivedOnOrder(
  order: OrderDoc,
  eventId: string,
  data: ReturnReceived,
  why: Cause,
): OrderChange | null {
  if (alreadyApplied(order, eventId) || !(order.returnIds ?? []).includes(data.returnId)) return null;
  const change = emptyChange();
  change.set.lines = linesAfter(order, change).map((l): LineState => {
    const back = data.lines.filter((r) => r.lineId === l.lineId).reduce((n, r) => n + r.quantity, 0);
    if (back === 0) return l;
    const line = { ...l, returnedQuantity: l.returnedQuantity + back };
    if (line.returnedQuantity >= line.shippedQuantity && line.status !== 'RETURNED') {
      assertLineTransition(order._id, line.lineId, line.status, 'RETURNED');
      line.status = 'RETURNED';
    }
    return line;
  });
  change.applied.push(eventId);
  const everything = change.set.lines.every((l) => l.returnedQuantity === l.returnRequestedQuantity);
  if (everything && statusAfter(order, change) === 'RETURN_REQUESTED') transition(order, change, 'RETURNED', why);
  return change;
}
