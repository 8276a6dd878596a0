import { createHash } from 'node:crypto';
import {
  createLogger,
  differingFingerprints,
  fingerprint,
  isDomainError,
  type Logger,
} from '@fulfillment-mesh/runtime';
import { inSpan } from '@fulfillment-mesh/telemetry';
import type { ConnectorMetrics } from '../metrics.js';
import type { HeaderBag } from '../signatures/hmac.js';
import { deadLetterBody, type InboundDeadLetters, type InboundStage } from './dead-letters.js';
import type { ReceiptContent, ReceiptStore } from './receipts.js';

/** What an apply step learns about the document besides its canonical form. */
export interface InboundMeta {
  connector: string;
  documentId: string;
  headers: HeaderBag;
  /** Set when the document comes from a dead letter rather than from the source. */
  redriveOf?: string;
}

/** The domain-specific half of an inbound connector: the framework calls these in order. */
export interface InboundAdapter<TDoc, TCanonical, TResult = unknown> {
  /** Connector name: metrics, dead letters and receipts are keyed by it (e.g. `shopify-orders`). */
  name: string;
  /** Decodes and validates the raw bytes (see `parseJson`); throwing keeps the document as a dead letter. */
  parse(raw: Buffer, headers: HeaderBag): TDoc | Promise<TDoc>;
  /** The source's id of the document, the dedupe key; include a version when the same id legitimately changes. */
  documentId(doc: TDoc, headers: HeaderBag): string;
  /** Maps to the canonical model; throwing keeps the document as a dead letter. */
  map(doc: TDoc, headers: HeaderBag): TCanonical | Promise<TCanonical>;
  /**
   * The content that must be the same whenever the document id is (exact idempotency); default the canonical
   * document. Leave out what legitimately varies between deliveries of one document (envelope control numbers).
   */
  content?(canonical: TCanonical): unknown;
  /**
   * Applies the canonical document (must itself be idempotent: a crash after it and before the receipt is
   * written replays it). A DomainError other than UNAVAILABLE / UNAUTHENTICATED is permanent (dead letter);
   * anything else is transient (the sender is asked to retry).
   */
  apply(canonical: TCanonical, meta: InboundMeta): Promise<TResult>;
  /**
   * What the sender is told about an applied document (e.g. the order id it became), as small JSON. It is kept
   * with the receipt, so an identical re-delivery is answered with the same result (and when it was applied)
   * rather than a bare "duplicate". Answers over {@link MAX_ANSWER_BYTES} are not kept.
   */
  answer?(result: TResult): Record<string, unknown>;
}

/** The largest answer kept with a receipt (JSON bytes). */
export const MAX_ANSWER_BYTES = 4096;

/** How one document ended. */
export type InboundOutcome<TResult = unknown> =
  | { status: 'applied'; documentId: string; result: TResult; answer?: Record<string, unknown> }
  /** `answer` and `appliedAt`: what the first delivery was told, when the adapter has an answer. */
  | { status: 'duplicate'; documentId: string; answer?: Record<string, unknown>; appliedAt?: string }
  | { status: 'busy'; documentId: string }
  | { status: 'dead-lettered'; deadLetterId: string; stage: InboundStage; reason: string; fields?: string[] }
  | { status: 'failed'; reason: string };

/** Dependencies of {@link createInboundPipeline}. */
export interface InboundPipelineDeps<TDoc, TCanonical, TResult> {
  adapter: InboundAdapter<TDoc, TCanonical, TResult>;
  receipts: ReceiptStore;
  deadLetters: InboundDeadLetters;
  metrics: ConnectorMetrics;
  logger?: Logger;
}

/** Runs documents through parse → dedupe → map → apply, keeping every failure as a dead letter. */
export interface InboundPipeline<TResult = unknown> {
  /** Processes one received document (already authenticated by the caller). */
  process(raw: Buffer, headers: HeaderBag): Promise<InboundOutcome<TResult>>;
  /** Processes a dead letter again (after a fix); on success it is resolved, on failure its attempts grow. */
  redrive(deadLetterId: string): Promise<InboundOutcome<TResult>>;
}

const PERMANENT_CODES = new Set(['INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN']);

/** A re-delivery under an applied document id whose content differs from what was applied. */
export class DedupeConflictError extends Error {
  constructor(
    readonly documentId: string,
    readonly fields: readonly string[],
  ) {
    const named = fields.slice(0, 10).join(', ') + (fields.length > 10 ? ` and ${fields.length - 10} more` : '');
    super(
      `document id "${documentId}" was already applied with different content (differs in: ${named}); ` +
        'rule: a re-delivery under the same id must carry the same content, a change needs a new version',
    );
    this.name = 'DedupeConflictError';
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Creates the transport-agnostic inbound pipeline shared by webhooks, file drops and re-drives. Exact
 * idempotency: a re-delivery of an applied document id with the same content is a `duplicate` (nothing
 * changes); with different content it is dead-lettered at stage `dedupe` with the differing fields named —
 * never silently dropped.
 */
export function createInboundPipeline<TDoc, TCanonical, TResult>(
  deps: InboundPipelineDeps<TDoc, TCanonical, TResult>,
): InboundPipeline<TResult> {
  const { adapter, receipts, deadLetters, metrics } = deps;
  const logger = deps.logger ?? createLogger({ service: `connector-${adapter.name}` });
  const connector = adapter.name;

  const run = async (raw: Buffer, headers: HeaderBag, redriveOf: string | null): Promise<InboundOutcome<TResult>> => {
    const keep = async (
      stage: InboundStage,
      error: unknown,
      documentId: string | null,
      previous: string | null,
    ): Promise<InboundOutcome<TResult>> => {
      const reason = messageOf(error);
      const existing = redriveOf ?? previous;
      let deadLetterId: string;
      if (existing) {
        await deadLetters.failedAgain(existing, stage, reason);
        deadLetterId = existing;
      } else {
        deadLetterId = (await deadLetters.add({ connector, documentId, stage, reason, raw, headers }))._id;
      }
      metrics.increment('deadLettered');
      logger.warn({ connector, stage, documentId, deadLetterId, reason }, 'inbound document dead-lettered');
      return { status: 'dead-lettered', deadLetterId, stage, reason };
    };

    let doc: TDoc;
    let documentId: string;
    try {
      doc = await adapter.parse(raw, headers);
      documentId = adapter.documentId(doc, headers);
    } catch (error) {
      return keep('parse', error, null, null);
    }

    const documentHash = sha256(JSON.stringify(doc) ?? '');
    const contentOf = (canonical: TCanonical): ReceiptContent => ({
      documentHash,
      fingerprint: fingerprint(adapter.content ? adapter.content(canonical) : canonical),
    });
    const claim = await receipts.claim(connector, documentId);
    if (claim.kind === 'applied') {
      const applied = claim.content;
      if (applied && applied.documentHash !== documentHash) {
        let canonical: TCanonical;
        try {
          canonical = await adapter.map(doc, headers);
        } catch (error) {
          return keep('map', error, documentId, null);
        }
        const fields = differingFingerprints(applied.fingerprint, contentOf(canonical).fingerprint);
        if (fields.length > 0) {
          metrics.increment('dedupeConflicts');
          const outcome = await keep('dedupe', new DedupeConflictError(documentId, fields), documentId, null);
          return outcome.status === 'dead-lettered' ? { ...outcome, fields } : outcome;
        }
      }
      metrics.increment('duplicates');
      if (redriveOf) await deadLetters.resolve(redriveOf, 'already applied by a later delivery');
      return {
        status: 'duplicate',
        documentId,
        ...(applied?.answer ? { answer: applied.answer } : {}),
        ...(applied?.answer && claim.appliedAt ? { appliedAt: claim.appliedAt } : {}),
      };
    }
    if (claim.kind === 'busy') {
      metrics.increment('busy');
      return { status: 'busy', documentId };
    }
    const { token, previousDeadLetterId } = claim;
    const deadLettered = async (stage: InboundStage, error: unknown) => {
      const outcome = await keep(stage, error, documentId, previousDeadLetterId);
      if (outcome.status === 'dead-lettered')
        await receipts.deadLettered(connector, documentId, token, outcome.deadLetterId);
      return outcome;
    };

    let canonical: TCanonical;
    try {
      canonical = await adapter.map(doc, headers);
    } catch (error) {
      return deadLettered('map', error);
    }
    try {
      const result = await adapter.apply(canonical, {
        connector,
        documentId,
        headers,
        ...(redriveOf ? { redriveOf } : {}),
      });
      const answer = adapter.answer?.(result);
      const kept = answer && Buffer.byteLength(JSON.stringify(answer)) <= MAX_ANSWER_BYTES ? answer : undefined;
      await receipts.complete(connector, documentId, token, {
        ...contentOf(canonical),
        ...(kept ? { answer: kept } : {}),
      });
      const resolved = redriveOf ?? previousDeadLetterId;
      if (resolved) await deadLetters.resolve(resolved, redriveOf ? 're-driven' : 'superseded by a later delivery');
      metrics.increment('applied');
      return { status: 'applied', documentId, result, ...(answer ? { answer } : {}) };
    } catch (error) {
      if (isDomainError(error) && PERMANENT_CODES.has(error.code)) return deadLettered('apply', error);
      await receipts.release(connector, documentId, token, previousDeadLetterId);
      metrics.increment('failed');
      logger.error({ connector, documentId, err: error }, 'inbound document failed; the sender should retry');
      return { status: 'failed', reason: messageOf(error) };
    }
  };

  // One span per document into the mesh (webhook, file row, poll, re-drive), with how it ended.
  const traced = (raw: Buffer, headers: HeaderBag, redriveOf: string | null) =>
    inSpan(
      `${connector} receive`,
      {
        attributes: {
          'fm.adapter': connector,
          'fm.adapter.direction': 'INBOUND',
          ...(redriveOf ? { 'fm.adapter.redrive_of': redriveOf } : {}),
        },
      },
      async (span) => {
        const outcome = await run(raw, headers, redriveOf);
        span.setAttribute('fm.adapter.outcome', outcome.status);
        if ('documentId' in outcome) span.setAttribute('fm.adapter.document_id', outcome.documentId);
        return outcome;
      },
    );

  return {
    process: (raw, headers) => traced(raw, headers, null),
    async redrive(deadLetterId) {
      const letter = await deadLetters.get(deadLetterId);
      const outcome = await traced(deadLetterBody(letter), letter.headers, letter._id);
      if (outcome.status === 'applied' || outcome.status === 'duplicate') metrics.increment('redriven');
      return outcome;
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
