import { describe, expect, it } from 'vitest';
import { decideRelease, decideShipmentConfirmed } from '../src/domain/fulfillment.js';
import { decideReservation } from '../src/domain/reservation.js';
import {
  decideReceipt,
  decideReturnReceivedOnOrder,
  decideReturnRequested,
  newReturnDoc,
  refundAmount,
} from '../src/domain/returns.js';
import type { ReturnReceived } from '../src/events/contracts.js';
import type { ReturnDoc } from '../src/store/models.js';
import { applied, confirmed, placedOrder, why } from './support/orders.js';

/** O-1 with L1 (3 x 10.00) and L2 (1 x 2.50), everything shipped. */
function shipped() {
  let order = applied(placedOrder(), decideReservation(placedOrder(), confirmed(), why));
  order = applied(order, decideRelease(order, why));
  return applied(
    order,
    decideShipmentConfirmed(
      order,
      'E-1',
      {
        shipmentId: 'S-1',
        orderId: 'O-1',
        lines: [
          { lineId: 'L1', quantity: 3 },
          { lineId: 'L2', quantity: 1 },
        ],
      },
      why,
    ),
  );
}
const received = (returnId: string, lines: { lineId: string; quantity: number }[]): ReturnReceived => ({
  returnId,
  orderId: 'O-1',
  locationId: 'dc-east',
  lines: lines.map((l) => ({ ...l, sku: 'S', disposition: 'RESTOCK' as const })),
});

describe('opening a return', () => {
  it('bounds each line by shipped minus already returned or requested, naming the line', () => {
    const order = applied(shipped(), decideReturnRequested(shipped(), 'RMA-1', [{ lineId: 'L1', quantity: 2 }], why));
    expect(order.status).toBe('RETURN_REQUESTED');
    expect(() =>
      decideReturnRequested(
        order,
        'RMA-2',
        [
          { lineId: 'L2', quantity: 1 },
          { lineId: 'L1', quantity: 2 },
        ],
        why,
      ),
    ).toThrow('Invalid lines[1].quantity: expected at most 1 (shipped 3, already returned or requested 2), received 2');
    const second = decideReturnRequested(order, 'RMA-2', [{ lineId: 'L1', quantity: 1 }], why);
    expect(second.set.returnIds).toEqual(['RMA-1', 'RMA-2']);
    expect(second.timeline).toEqual([]); // already RETURN_REQUESTED: no second transition
  });

  it('refuses unknown or repeated lines and non-positive quantities', () => {
    expect(() => decideReturnRequested(shipped(), 'R', [{ lineId: 'L9', quantity: 1 }], why)).toThrow(
      'Invalid lines[0].lineId: expected a line of order "O-1", received "L9"',
    );
    expect(() =>
      decideReturnRequested(
        shipped(),
        'R',
        [
          { lineId: 'L1', quantity: 1 },
          { lineId: 'L1', quantity: 1 },
        ],
        why,
      ),
    ).toThrow('Invalid lines[1].lineId: expected each line once');
    expect(() => decideReturnRequested(shipped(), 'R', [{ lineId: 'L1', quantity: 0 }], why)).toThrow(
      'Invalid lines[0].quantity: expected a positive whole number, received 0',
    );
    expect(() => decideReturnRequested(shipped(), 'R', [], why)).toThrow('Invalid lines: expected at least one line');
  });

  it('refuses a return on an order that has not shipped, as a CONFLICT naming both states', () => {
    expect(() =>
      decideReturnRequested(placedOrder('O-1', { status: 'ACCEPTED' }), 'R', [{ lineId: 'L1', quantity: 1 }], why),
    ).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'Order "O-1" cannot go from ACCEPTED to RETURN_REQUESTED' }),
    );
  });
});

describe('receiving a return', () => {
  const rma = (): ReturnDoc =>
    newReturnDoc(
      'RMA-1',
      shipped(),
      [
        { lineId: 'L1', quantity: 3 },
        { lineId: 'L2', quantity: 1 },
      ],
      'damaged in transit',
      why.at,
    );

  it('computes the refund exactly and emits return.received and refund.requested', () => {
    const decision = decideReceipt(
      rma(),
      'RCPT-1',
      'dc-east',
      [
        { lineId: 'L1', quantity: 2, disposition: 'RESTOCK' },
        { lineId: 'L2', quantity: 1, disposition: 'DAMAGED' },
      ],
      why.at,
    );
    expect(decision.set.status).toBe('PARTIALLY_RECEIVED');
    expect(decision.receipt.refund).toEqual({ amount: '22.50', currencyCode: 'USD' });
    expect(decision.events.map((e) => [e.def.type, e.subject])).toEqual([
      ['orders.return.received', 'RMA-1'],
      ['orders.refund.requested', 'RMA-1'],
    ]);
    expect(decision.events[0]).toMatchObject({
      id: 'RCPT-1',
      data: {
        locationId: 'dc-east',
        lines: [
          { lineId: 'L1', sku: 'SKU-1', quantity: 2, disposition: 'RESTOCK' },
          { lineId: 'L2', quantity: 1, disposition: 'DAMAGED' },
        ],
      },
    });
    expect(decision.events[1]?.data).toMatchObject({
      amount: { amount: '22.50' },
      lines: [
        { lineId: 'L1', quantity: 2, unitPrice: { amount: '10.00' } },
        { lineId: 'L2', quantity: 1 },
      ],
    });
  });

  it('keeps refunds exact where floating point would not', () => {
    expect(
      refundAmount([
        { quantity: 3, unitPrice: { amount: '0.1', currencyCode: 'USD' } },
        { quantity: 1, unitPrice: { amount: '0.2', currencyCode: 'USD' } },
      ]),
    ).toEqual({ amount: '0.50', currencyCode: 'USD' });
    expect(
      refundAmount([{ quantity: 1_000_000, unitPrice: { amount: '999999999999.99', currencyCode: 'USD' } }]).amount,
    ).toBe('999999999999990000.00');
  });

  it('refuses more than is still expected on the return, and a second receipt of a received return', () => {
    expect(() =>
      decideReceipt(rma(), 'X', 'dc-east', [{ lineId: 'L2', quantity: 2, disposition: 'RESTOCK' }], why.at),
    ).toThrow('Invalid lines[0].quantity: expected at most 1 (requested 1, received 0), received 2');
    const done = { ...rma(), status: 'RECEIVED' as const };
    expect(() =>
      decideReceipt(done, 'X', 'dc-east', [{ lineId: 'L2', quantity: 1, disposition: 'RESTOCK' }], why.at),
    ).toThrow('Return "RMA-1" cannot go from RECEIVED to RECEIVED');
  });

  it('returns the order once everything requested came back, applying each receipt once', () => {
    let order = applied(
      shipped(),
      decideReturnRequested(
        shipped(),
        'RMA-1',
        [
          { lineId: 'L1', quantity: 3 },
          { lineId: 'L2', quantity: 1 },
        ],
        why,
      ),
    );
    const first = decideReturnReceivedOnOrder(
      order,
      'RCPT-1',
      received('RMA-1', [{ lineId: 'L1', quantity: 2 }]),
      why,
    )!;
    expect(first.set.status).toBeUndefined();
    order = applied(order, first);
    expect(
      decideReturnReceivedOnOrder(order, 'RCPT-1', received('RMA-1', [{ lineId: 'L1', quantity: 2 }]), why),
    ).toBeNull();
    const rest = decideReturnReceivedOnOrder(
      order,
      'RCPT-2',
      received('RMA-1', [
        { lineId: 'L1', quantity: 1 },
        { lineId: 'L2', quantity: 1 },
      ]),
      why,
    )!;
    expect(rest.set.status).toBe('RETURNED');
    expect(rest.set.lines?.map((l) => [l.status, l.returnedQuantity])).toEqual([
      ['RETURNED', 3],
      ['RETURNED', 1],
    ]);
  });

  it('ignores a receipt for a return the order does not list (left behind by an interrupted createReturn)', () => {
    expect(
      decideReturnReceivedOnOrder(shipped(), 'RCPT-1', received('RMA-orphan', [{ lineId: 'L1', quantity: 1 }]), why),
    ).toBeNull();
  });
});
