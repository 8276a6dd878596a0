import {
  EdiSyntaxError,
  fileAnswer,
  interchangeAnswer,
  PayloadTooLargeError,
  readRawBody,
  receiveX12Once,
  sendEdiAnswer,
  settledPart,
  unsupportedMediaType,
  X12_MEDIA_TYPES,
  type ConnectorMetrics,
  type ControlNumberAllocator,
  type EdiIdentity,
  type FilePart,
  type InboundOutcome,
  type InboundPipeline,
  type InboundStores,
  type InterchangeReceipt,
  type ReceivedInterchangeDoc,
  type WebhookVerifier,
} from '@fulfillment-mesh/connectors';
import { sendJson, type Collection, type Logger, type RouteHandler } from '@fulfillment-mesh/runtime';

/** A document's outcome as the EDI answer reports it. */
export interface ReportedOutcome {
  status: string;
  reason?: string;
  documentId?: string;
}

/** The default reporting of an outcome: applied, duplicate, dead-lettered (with its letter and stage), busy, failed. */
export function reportedOutcome(outcome: InboundOutcome<unknown>): ReportedOutcome {
  switch (outcome.status) {
    case 'applied':
      return { status: 'applied', documentId: outcome.documentId };
    case 'duplicate':
      return { status: 'duplicate', documentId: outcome.documentId };
    case 'dead-lettered': {
      const reason = `${outcome.reason} (dead letter ${outcome.deadLetterId}, stage ${outcome.stage})`;
      return { status: 'dead-lettered', reason };
    }
    case 'busy':
      return { status: 'busy', documentId: outcome.documentId };
    case 'failed':
      return { status: 'failed', reason: outcome.reason };
  }
}

/** What {@link createEdiInboundRoute} needs: the connector, its one transaction set and its pipeline. */
export interface EdiInboundRouteDeps<TResult> {
  /** Connector name (`edi-945`, `edi-214`): receipts, dead letters, interchanges and metrics are kept under it. */
  connector: string;
  /** The transaction set accepted (`945`, `214`); others are rejected in the 997 (AK502 = 1). */
  setId: string;
  /** Processes each accepted transaction set (its JSON form, see `ReceivedTransaction`). */
  pipeline: Pick<InboundPipeline<TResult>, 'process'>;
  /** How an outcome reads in the answer; default {@link reportedOutcome}. */
  report?: (outcome: InboundOutcome<TResult>) => ReportedOutcome;
  verify: WebhookVerifier;
  allocator: ControlNumberAllocator;
  self?: EdiIdentity;
  stores: InboundStores;
  interchanges: Collection<ReceivedInterchangeDoc>;
  metrics: ConnectorMetrics;
  logger: Logger;
  /** Default 5 * 1024 * 1024 // 5 MiB. */
  maxBodyBytes?: number;
}

/**
 * The HTTP side every inbound EDI endpoint shares: verify (`X-EDI-Signature`) → `receiveX12Once` (each
 * interchange answered once per sender, receiver and ISA13; envelope validation) → each accepted set through
 * the pipeline. Answers the 997 (and TA1) as `application/edi-x12`: 200 only when every document applied; 422
 * with `x-edi-reasons` when the envelope was rejected or a document was dead-lettered or refused. A resend of
 * an interchange gets its stored answer again. 400 for text that is not X12 (kept as a dead letter), 415 for a
 * content type that is not X12 text, 409 while the same interchange is being processed, 503 when a document
 * failed transiently (nothing remembered, so the resend is processed).
 */
export function createEdiInboundRoute<TResult>(deps: EdiInboundRouteDeps<TResult>): RouteHandler {
  const { metrics, logger, connector } = deps;
  const maxBodyBytes = deps.maxBodyBytes ?? 5 * 1024 * 1024; // 5 MiB
  const outcomeOf = deps.report ?? reportedOutcome;
  const pipeline = deps.pipeline;
  const route: RouteHandler = async (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: `Method ${req.method} is not allowed; use POST` });
    }
    let raw: Buffer;
    try {
      raw = await readRawBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof PayloadTooLargeError)) throw error;
      metrics.increment('tooLarge');
      return sendJson(res, 413, { error: error.message });
    }
    metrics.increment('received');
    const verified = deps.verify.verify(raw, req.headers);
    if (!verified.ok) {
      metrics.increment('invalidSignature');
      logger.warn({ connector, reason: verified.reason }, 'EDI signature refused');
      return sendJson(res, 401, { error: 'invalid signature' });
    }
    if (unsupportedMediaType(req, X12_MEDIA_TYPES)) {
      return sendJson(res, 415, { error: unsupportedMediaType(req, X12_MEDIA_TYPES) });
    }
    let receipts: InterchangeReceipt[];
    try {
      receipts = await receiveX12Once(raw.toString('utf8'), {
        connector,
        collection: deps.interchanges,
        allocator: deps.allocator,
        supportedSets: [deps.setId],
        ...(deps.self ? { self: deps.self } : {}),
      });
    } catch (error) {
      if (!(error instanceof EdiSyntaxError)) throw error;
      const letter = await deps.stores.deadLetters.add({
        connector,
        documentId: null,
        stage: 'parse',
        reason: error.message,
        raw,
        headers: req.headers,
      });
      metrics.increment('deadLettered');
      return sendJson(res, 400, { error: error.message, deadLetterId: letter._id });
    }
    const parts: FilePart[] = [];
    for (const receipt of receipts) {
      if (receipt.kind !== 'new') {
        const { counter, part } = settledPart(receipt);
        metrics.increment(counter);
        parts.push(part);
        continue;
      }
      const { received } = receipt;
      if (!received.ack.accepted) metrics.increment('rejectedEnvelopes');
      const outcomes: { status: string; reason?: string; documentId?: string }[] = [];
      let transient = false;
      for (const tx of received.accepted) {
        const outcome = await pipeline.process(Buffer.from(JSON.stringify(tx), 'utf8'), req.headers);
        if (outcome.status === 'failed' || outcome.status === 'busy') transient = true;
        outcomes.push(outcomeOf(outcome));
      }
      if (transient) {
        // Nothing is remembered of this interchange: the resend is processed again (what applied is a duplicate).
        await receipt.release();
        res.setHeader('retry-after', '30');
        const error = 'temporarily unable to apply the documents; resend the file later';
        return sendJson(res, 503, { status: 'failed', error });
      }
      const answer = interchangeAnswer(received.ack, outcomes);
      await receipt.settle(answer);
      parts.push({ kind: 'new', answer, controlNumber: received.parsed.controlNumber });
    }
    sendEdiAnswer(req, res, fileAnswer(parts));
  };
  return route;
}
