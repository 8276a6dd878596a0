import { describe, expect, it } from 'vitest';
import { emptyChange, transition } from '../src/domain/change.js';
import { assertLineTransition, canTransitionLine, LINE_STATUSES, lineState } from '../src/domain/line-state.js';
import { assertOrderTransition, canTransitionOrder, ORDER_STATUSES } from '../src/domain/order-state.js';
import type { LineStatus, OrderStatus } from '../src/store/models.js';
import { order } from './fixtures.js';

// The whole order machine, spelled out once more so the table below is checked against an independent copy.
const ORDER_ALLOWED = new Set([
  'PENDING_VALIDATION>ACCEPTED',
  'PENDING_VALIDATION>BACKORDERED',
  'PENDING_VALIDATION>REJECTED',
  'PENDING_VALIDATION>CANCELLED',
  'ACCEPTED>RELEASED',
  'ACCEPTED>CANCELLED',
  'BACKORDERED>ACCEPTED',
  'BACKORDERED>RELEASED',
  'BACKORDERED>CANCELLED',
  'RELEASED>PARTIALLY_SHIPPED',
  'RELEASED>SHIPPED',
  'RELEASED>CANCELLED',
  'PARTIALLY_SHIPPED>SHIPPED',
  'PARTIALLY_SHIPPED>CANCELLED',
  'SHIPPED>DELIVERED',
  'SHIPPED>RETURN_REQUESTED',
  'DELIVERED>RETURN_REQUESTED',
  'RETURN_REQUESTED>RETURNED',
]);

const LINE_ALLOWED = new Set([
  'OPEN>ALLOCATED',
  'OPEN>BACKORDERED',
  'OPEN>CANCELLED',
  'ALLOCATED>RELEASED',
  'ALLOCATED>CANCELLED',
  'BACKORDERED>ALLOCATED',
  'BACKORDERED>RELEASED',
  'BACKORDERED>CANCELLED',
  'RELEASED>PARTIALLY_SHIPPED',
  'RELEASED>SHIPPED',
  'RELEASED>CANCELLED',
  'PARTIALLY_SHIPPED>SHIPPED',
  'SHIPPED>DELIVERED',
  'SHIPPED>RETURNED',
  'DELIVERED>RETURNED',
]);

const pairs = <S extends string>(statuses: readonly S[]) =>
  statuses.flatMap((from) => statuses.map((to) => [from, to] as [S, S]));

describe('order state machine', () => {
  const all = pairs<OrderStatus>(ORDER_STATUSES);

  it('knows all eleven statuses of the schema', () => {
    expect(ORDER_STATUSES).toHaveLength(11);
  });

  it.each(all.filter(([from, to]) => ORDER_ALLOWED.has(`${from}>${to}`)))('allows %s → %s', (from, to) => {
    expect(canTransitionOrder(from, to)).toBe(true);
    expect(() => assertOrderTransition('O-1', from, to)).not.toThrow();
  });

  it.each(all.filter(([from, to]) => !ORDER_ALLOWED.has(`${from}>${to}`)))(
    'refuses %s → %s with a CONFLICT naming both states',
    (from, to) => {
      expect(canTransitionOrder(from, to)).toBe(false);
      expect(() => assertOrderTransition('O-1', from, to)).toThrow(
        expect.objectContaining({
          code: 'CONFLICT',
          message: `Order "O-1" cannot go from ${from} to ${to}`,
          details: { entity: 'Order', id: 'O-1', current: from, requested: to },
        }),
      );
    },
  );

  it('appends a timeline entry and a transitioned event for each step of one change', () => {
    const o = order('O-7', { status: 'RELEASED' });
    const change = emptyChange();
    const why = { cause: 'shipment S-1 confirmed', actor: 'shipments', at: '2026-11-05T10:00:00.000Z' };
    transition(o, change, 'SHIPPED', why);
    transition(o, change, 'DELIVERED', { ...why, cause: 'every shipment delivered' });
    expect(change.set.status).toBe('DELIVERED');
    expect(change.timeline).toEqual([
      { at: why.at, status: 'SHIPPED', note: 'shipment S-1 confirmed', actor: 'shipments' },
      { at: why.at, status: 'DELIVERED', note: 'every shipment delivered', actor: 'shipments' },
    ]);
    expect(
      change.events.map((e) => [e.def.type, (e.data as { from: string }).from, (e.data as { to: string }).to]),
    ).toEqual([
      ['orders.order.transitioned', 'RELEASED', 'SHIPPED'],
      ['orders.order.transitioned', 'SHIPPED', 'DELIVERED'],
    ]);
  });

  it('refuses a change that would skip a state, from the state the change already reached', () => {
    const change = emptyChange();
    const why = { cause: 'x', actor: 'test', at: '2026-11-05T10:00:00.000Z' };
    transition(order('O-7', { status: 'ACCEPTED' }), change, 'RELEASED', why);
    expect(() => transition(order('O-7', { status: 'ACCEPTED' }), change, 'DELIVERED', why)).toThrow(
      'Order "O-7" cannot go from RELEASED to DELIVERED',
    );
  });
});

describe('line state machine', () => {
  const all = pairs<LineStatus>(LINE_STATUSES);

  it.each(all.filter(([from, to]) => LINE_ALLOWED.has(`${from}>${to}`)))('allows %s → %s', (from, to) => {
    expect(canTransitionLine(from, to)).toBe(true);
  });

  it.each(all.filter(([from, to]) => !LINE_ALLOWED.has(`${from}>${to}`)))(
    'refuses %s → %s with a CONFLICT naming the line',
    (from, to) => {
      expect(canTransitionLine(from, to)).toBe(false);
      expect(() => assertLineTransition('O-1', 'L2', from, to)).toThrow(
        expect.objectContaining({ code: 'CONFLICT', message: `Line "O-1/L2" cannot go from ${from} to ${to}` }),
      );
    },
  );

  it('derives line state for orders written before lines had one', () => {
    const line = { lineId: 'L1', sku: 'S', quantity: 3, unitPrice: { amount: '1.00', currencyCode: 'USD' } };
    expect(lineState('SHIPPED', line)).toMatchObject({
      status: 'SHIPPED',
      allocatedQuantity: 3,
      shippedQuantity: 3,
      cancelledQuantity: 0,
      returnedQuantity: 0,
    });
    expect(lineState('CANCELLED', line)).toMatchObject({
      status: 'CANCELLED',
      shippedQuantity: 0,
      cancelledQuantity: 3,
    });
    expect(lineState('RETURN_REQUESTED', line)).toMatchObject({
      status: 'SHIPPED',
      returnRequestedQuantity: 3,
      returnedQuantity: 0,
    });
    expect(lineState('PENDING_VALIDATION', line)).toMatchObject({ status: 'OPEN', allocatedQuantity: 0 });
  });

  it('keeps the state a line has', () => {
    const line = {
      lineId: 'L1',
      sku: 'S',
      quantity: 3,
      unitPrice: { amount: '1.00', currencyCode: 'USD' },
      status: 'PARTIALLY_SHIPPED' as const,
      shippedQuantity: 1,
    };
    expect(lineState('PARTIALLY_SHIPPED', line)).toMatchObject({ status: 'PARTIALLY_SHIPPED', shippedQuantity: 1 });
  });
});
