import { describe, expect, it } from 'vitest';
import { deprecationsWithoutRemoval, diffSchemas, reviewBreakingChanges } from '../src/index.js';

const baseline = `
  type Query { order(id: ID!): Order orders(first: Int): [Order!]! }
  type Order { id: ID! status: OrderStatus! total: Money! note: String }
  type Money { amount: Int! }
  enum OrderStatus { PLACED SHIPPED CANCELLED }
`;

/** The baseline with one edit applied. */
const edit = (from: string, to: string) => {
  if (!baseline.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return baseline.replace(from, to);
};

describe('comparing API schemas', () => {
  it('finds a removed field breaking', () => {
    expect(diffSchemas(baseline, edit(' note: String', '')).breaking).toEqual([
      { severity: 'breaking', type: 'FIELD_REMOVED', description: 'Order.note was removed.' },
    ]);
  });

  it('finds a retyped field breaking', () => {
    expect(diffSchemas(baseline, edit('total: Money!', 'total: Money')).breaking).toEqual([
      {
        severity: 'breaking',
        type: 'FIELD_CHANGED_KIND',
        description: 'Order.total changed type from Money! to Money.',
      },
    ]);
  });

  it('finds a removed enum value breaking', () => {
    expect(diffSchemas(baseline, edit(' CANCELLED', '')).breaking).toEqual([
      {
        severity: 'breaking',
        type: 'VALUE_REMOVED_FROM_ENUM',
        description: 'CANCELLED was removed from enum type OrderStatus.',
      },
    ]);
  });

  it('finds a new required argument breaking', () => {
    expect(diffSchemas(baseline, edit('orders(first: Int)', 'orders(first: Int, channel: String!)')).breaking).toEqual([
      {
        severity: 'breaking',
        type: 'REQUIRED_ARG_ADDED',
        description: 'A required arg channel on Query.orders was added.',
      },
    ]);
  });

  it('finds a new optional argument safe', () => {
    const diff = diffSchemas(baseline, edit('orders(first: Int)', 'orders(first: Int, channel: String)'));
    expect(diff).toEqual({
      breaking: [],
      dangerous: [],
      safe: [
        {
          severity: 'safe',
          type: 'OPTIONAL_ARG_ADDED',
          description: 'An optional arg channel on Query.orders was added.',
        },
      ],
    });
  });

  it('finds a new enum value dangerous (exhaustive client switches)', () => {
    const diff = diffSchemas(baseline, edit('CANCELLED }', 'CANCELLED RETURNED }'));
    expect(diff).toEqual({
      breaking: [],
      dangerous: [
        {
          severity: 'dangerous',
          type: 'VALUE_ADDED_TO_ENUM',
          description: 'RETURNED was added to enum type OrderStatus.',
        },
      ],
      safe: [],
    });
  });

  it('finds added types, fields and deprecations safe', () => {
    const after =
      edit('note: String }', 'note: String @deprecated(reason: "Use notes. Removal in v2.0") notes: [Note!]! }') +
      '\ntype Note { text: String! }';
    expect(
      diffSchemas(baseline, after)
        .safe.map((c) => c.description)
        .sort(),
    ).toEqual(['Note was added.', 'Order.note was deprecated: Use notes. Removal in v2.0', 'Order.notes was added.']);
  });
});

describe('reviewing breaking changes', () => {
  const diff = diffSchemas(baseline, edit(' note: String', '').replace(' CANCELLED', ''));

  it('fails those not declared deliberate, approves those that are, and reports stale declarations', () => {
    const review = reviewBreakingChanges(diff, [
      { change: 'Order.note was removed.', reason: 'Deprecated since v1.2; removal announced for v2.0' },
      { change: 'Order.legacyId was removed.', reason: 'Released already' },
    ]);
    expect(review.unapproved.map((c) => c.description)).toEqual(['CANCELLED was removed from enum type OrderStatus.']);
    expect(review.approved).toEqual([
      {
        severity: 'breaking',
        type: 'FIELD_REMOVED',
        description: 'Order.note was removed.',
        reason: 'Deprecated since v1.2; removal announced for v2.0',
      },
    ]);
    expect(review.stale).toEqual([{ change: 'Order.legacyId was removed.', reason: 'Released already' }]);
  });
});

describe('deprecations', () => {
  it('must name a removal version', () => {
    const sdl = `
      type Query { a: Int @deprecated(reason: "Use b. Removal in v2.0") b: Int @deprecated(reason: "Use c.") c(x: Int @deprecated): Int }
      enum E { ONE @deprecated(reason: "gone soon") TWO }`;
    expect(deprecationsWithoutRemoval(sdl)).toEqual([
      { coordinate: 'Query.b', reason: 'Use c.' },
      { coordinate: 'Query.c(x:)', reason: 'No longer supported' },
      { coordinate: 'E.ONE', reason: 'gone soon' },
    ]);
  });
});
