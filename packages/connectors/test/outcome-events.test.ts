import { describe, expect, it } from 'vitest';
import { inboundOutcome } from '../src/index.js';

const data = { connector: 'shopify-orders', reason: null, at: '2026-12-01T09:00:00.000Z' } as const;

describe('inbound outcome events', () => {
  it('name the document that records them, so each receipt and dead letter orders its own events', () => {
    // Event sequences count per recording document: two receipts of one connector must not share a subject, or the
    // second receipt's first event would look stale to a consumer that orders per subject.
    const first = inboundOutcome('orders', { ...data, outcome: 'applied', documentId: 'd-1', deadLetterId: null });
    const second = inboundOutcome('orders', { ...data, outcome: 'applied', documentId: 'd-2', deadLetterId: null });
    const letter = inboundOutcome('orders', {
      ...data,
      outcome: 'dead-lettered',
      documentId: 'd-2',
      deadLetterId: 'dl-1',
    });
    expect([first.subject, second.subject, letter.subject]).toEqual([
      'shopify-orders/d-1',
      'shopify-orders/d-2',
      'shopify-orders/dead-letter/dl-1',
    ]);
    expect(first.type).toBe('orders.inbound.outcome');
  });
});
