import { randomUUID } from 'node:crypto';
import { withEvents } from '@fulfillment-mesh/events';
import { DuplicateKeyError, type Collection, type Doc, type FingerprintEntry } from '@fulfillment-mesh/runtime';
import { inboundOutcome } from './outcome-events.js';

/** What an applied document carried: a re-delivery under the same id is compared with it. */
export interface ReceiptContent {
  /** `sha256` of the parsed document: an identical re-delivery is recognised without mapping it again. */
  documentHash: string;
  /** Per-field hashes of the document's content (the adapter's `content`, default the canonical form). */
  fingerprint: FingerprintEntry[];
  /** What the applying delivery was told (the adapter's `answer`); an identical re-delivery gets it again. */
  answer?: Record<string, unknown>;
}

/** The dedupe record of one source document (collection `inbound_receipts`, `_id` = `<connector>:<documentId>`). */
export interface InboundReceipt extends Doc {
  connector: string;
  documentId: string;
  status: 'processing' | 'applied' | 'dead-lettered';
  /** Identifies the delivery that holds the claim, so only it can settle it. */
  claim: string;
  claimedAt: string;
  appliedAt?: string;
  deadLetterId?: string;
  /** Absent on receipts written before contents were kept: their re-deliveries count as duplicates. */
  content?: ReceiptContent;
}

/** The outcome of {@link ReceiptStore.claim}. */
export type ReceiptClaim =
  | { kind: 'claimed'; token: string; previousDeadLetterId: string | null }
  | { kind: 'applied'; content: ReceiptContent | null; appliedAt?: string }
  /** Another delivery of the same document is being processed right now. */
  | { kind: 'busy' };

/** Idempotency of inbound documents: at most one delivery of a document id applies. */
export interface ReceiptStore {
  /** Claims the document for this delivery, or says it was applied already or is being processed. */
  claim(connector: string, documentId: string): Promise<ReceiptClaim>;
  /** The claimed delivery applied the document, whose content is kept to compare re-deliveries with. */
  complete(connector: string, documentId: string, token: string, content?: ReceiptContent): Promise<void>;
  /** The claimed delivery failed for good; a later delivery of the same id may try again. */
  deadLettered(connector: string, documentId: string, token: string, deadLetterId: string): Promise<void>;
  /** The claimed delivery failed transiently: back to the state before the claim. */
  release(connector: string, documentId: string, token: string, previousDeadLetterId: string | null): Promise<void>;
}

/** Dependencies of {@link createReceiptStore}. */
export interface ReceiptStoreDeps {
  /** Usually `store.collection('inbound_receipts')`. */
  collection: Collection<InboundReceipt>;
  /** A claim older than this is presumed abandoned by a crashed process and can be taken over; default 60_000 // 1 minute. */
  leaseMs?: number;
  clock?: () => Date;
  /** When set, each applied document appends `<domain>.inbound.outcome` to the receipt's outbox. */
  domain?: string;
}

/**
 * Creates the receipt store. A claim is a document inserted under the unique `_id`, so two replicas receiving
 * the same delivery race on the insert and exactly one wins; taking over an expired or dead-lettered claim is
 * a guarded update, equally single-winner.
 */
export function createReceiptStore(deps: ReceiptStoreDeps): ReceiptStore {
  const { collection } = deps;
  const leaseMs = deps.leaseMs ?? 60_000; // 1 minute
  const clock = deps.clock ?? (() => new Date());
  const key = (connector: string, documentId: string) => `${connector}:${documentId}`;

  return {
    async claim(connector, documentId) {
      const _id = key(connector, documentId);
      const token = randomUUID();
      const now = clock();
      try {
        await collection.insertOne({
          _id,
          connector,
          documentId,
          status: 'processing',
          claim: token,
          claimedAt: now.toISOString(),
        });
        return { kind: 'claimed', token, previousDeadLetterId: null };
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
      const existing = await collection.findOne({ _id });
      if (!existing) return { kind: 'busy' }; // released between our insert and read: the sender retries
      if (existing.status === 'applied')
        return {
          kind: 'applied',
          content: existing.content ?? null,
          ...(existing.appliedAt ? { appliedAt: existing.appliedAt } : {}),
        };
      const expired = Date.parse(existing.claimedAt) < now.getTime() - leaseMs;
      if (existing.status === 'processing' && !expired) return { kind: 'busy' };
      const taken = await collection.findOneAndUpdate(
        { _id, claim: existing.claim, status: existing.status },
        { $set: { status: 'processing', claim: token, claimedAt: now.toISOString() } },
      );
      if (!taken) return { kind: 'busy' };
      return { kind: 'claimed', token, previousDeadLetterId: existing.deadLetterId ?? null };
    },
    async complete(connector, documentId, token, content) {
      const at = clock().toISOString();
      const update = {
        $set: { status: 'applied', appliedAt: at, ...(content ? { content } : {}) },
        $unset: { deadLetterId: '' },
      };
      const outcome = { connector, outcome: 'applied' as const, documentId, deadLetterId: null, reason: null, at };
      await collection.updateOne(
        { _id: key(connector, documentId), claim: token },
        deps.domain ? withEvents(update, [inboundOutcome(deps.domain, outcome)]) : update,
      );
    },
    async deadLettered(connector, documentId, token, deadLetterId) {
      await collection.updateOne(
        { _id: key(connector, documentId), claim: token },
        { $set: { status: 'dead-lettered', deadLetterId } },
      );
    },
    async release(connector, documentId, token, previousDeadLetterId) {
      const _id = key(connector, documentId);
      if (previousDeadLetterId) {
        await collection.updateOne(
          { _id, claim: token },
          { $set: { status: 'dead-lettered', deadLetterId: previousDeadLetterId } },
        );
      } else {
        await collection.deleteOne({ _id, claim: token });
      }
    },
  };
}
