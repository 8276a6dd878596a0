import type { Store } from '@fulfillment-mesh/runtime';
import { createInboundDeadLetters, type InboundDeadLetter, type InboundDeadLetters } from './dead-letters.js';
import { createReceiptStore, type InboundReceipt, type ReceiptStore } from './receipts.js';

/** The two collections every inbound connector of a subgraph shares. */
export interface InboundStores {
  receipts: ReceiptStore;
  deadLetters: InboundDeadLetters;
}

/**
 * Receipts in `inbound_receipts` and dead letters in `inbound_dead_letters` of the subgraph's store. With
 * `domain`, both announce outcomes as `<domain>.inbound.outcome` through their outboxes (the subgraph's relay
 * must then list {@link INBOUND_OUTBOX_COLLECTIONS}).
 */
export async function openInboundStores(
  store: Pick<Store, 'collection'>,
  options: { leaseMs?: number; domain?: string } = {},
): Promise<InboundStores> {
  const receipts = store.collection<InboundReceipt>('inbound_receipts');
  const deadLetters = store.collection<InboundDeadLetter>('inbound_dead_letters');
  await deadLetters.createIndex({ fields: { connector: 1, status: 1 } });
  return {
    receipts: createReceiptStore({
      collection: receipts,
      ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
      ...(options.domain ? { domain: options.domain } : {}),
    }),
    deadLetters: createInboundDeadLetters({
      collection: deadLetters,
      ...(options.domain ? { domain: options.domain } : {}),
    }),
  };
}

/** The collections whose outboxes carry `<domain>.inbound.outcome`. */
export const INBOUND_OUTBOX_COLLECTIONS = ['inbound_receipts', 'inbound_dead_letters'] as const;
