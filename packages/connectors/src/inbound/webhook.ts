import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger, sendJson, type Logger, type RouteHandler } from '@fulfillment-mesh/runtime';
import { extractContext, inSpan, SpanKind, SpanStatusCode } from '@fulfillment-mesh/telemetry';
import type { ConnectorMetrics } from '../metrics.js';
import { PayloadTooLargeError, readRawBody } from '../raw-body.js';
import type { WebhookVerifier } from '../signatures/hmac.js';
import { JSON_MEDIA_TYPES, unsupportedMediaType } from './content-type.js';
import type { InboundDeadLetters } from './dead-letters.js';
import { createInboundPipeline, type InboundAdapter, type InboundOutcome } from './pipeline.js';
import type { ReceiptStore } from './receipts.js';

/** Options of {@link createWebhookHandler}: the adapter's steps plus the framework's dependencies. */
export interface WebhookHandlerOptions<TDoc, TCanonical, TResult> extends InboundAdapter<TDoc, TCanonical, TResult> {
  verify: WebhookVerifier;
  receipts: ReceiptStore;
  deadLetters: InboundDeadLetters;
  metrics: ConnectorMetrics;
  logger?: Logger;
  /** Largest accepted body; default 1024 * 1024 // 1 MiB. Larger bodies get 413 without being buffered. */
  maxBodyBytes?: number;
  /**
   * Status for a document kept as a dead letter; default 202. Commerce platforms retry every non-2xx answer and
   * disable the subscription after repeated failures (Shopify after 8 failed tries over 4 hours, WooCommerce
   * after 5 in a row), so answering 4xx to one bad order would eventually stop every later order. The document
   * is durably kept and will be processed on re-drive: "accepted, not yet processed" is exactly 202. Use 422
   * for senders that show rejections to a person who can correct and resend (e.g. a partner posting by hand).
   */
  deadLetterStatus?: 202 | 422;
  /** Media types accepted in `content-type`; default JSON ({@link JSON_MEDIA_TYPES}). Others get 415. */
  contentTypes?: readonly string[];
  /**
   * Large documents as background jobs: a verified body over `thresholdBytes` is handed to `submit`, which
   * answers it (202 with a job id, 409 while the same document runs, 200 duplicate) and returns true, or returns
   * false to process it inline after all (e.g. it cannot be read, so the pipeline dead-letters it with the reason).
   */
  largeBody?: { thresholdBytes: number; submit(raw: Buffer, res: ServerResponse): Promise<boolean> };
}

/** A node:http route for one webhook source, which can also re-drive its dead letters. */
export type WebhookHandler<TResult = unknown> = RouteHandler & {
  readonly connector: string;
  /** Processes a dead letter again (after a fix); see `InboundPipeline.redrive`. */
  redrive(deadLetterId: string): Promise<InboundOutcome<TResult>>;
};

/**
 * Creates a webhook endpoint: POST only; reads the raw body (bounded); answers an unsigned ping (if the scheme
 * has one) with 200; refuses a `content-type` other than JSON with 415; verifies the signature over the raw bytes
 * (401 and counted when invalid); then parse →
 * dedupe on the document id → map → apply. Answers: 200 applied / duplicate (both with the adapter's `result`
 * when it has an `answer`: a duplicate gets the first delivery's, with `appliedAt`); 409 busy (the same document is
 * being applied by another delivery; retry); 202 (or 422) dead-lettered with its id and reason; 503 on a
 * transient failure (the sender retries; nothing is kept, nothing is lost).
 */
export function createWebhookHandler<TDoc, TCanonical, TResult>(
  options: WebhookHandlerOptions<TDoc, TCanonical, TResult>,
): WebhookHandler<TResult> {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024; // 1 MiB
  const deadLetterStatus = options.deadLetterStatus ?? 202;
  const { metrics, verify } = options;
  const logger = options.logger ?? createLogger({ service: `connector-${options.name}` });
  const pipeline = createInboundPipeline({
    adapter: options,
    receipts: options.receipts,
    deadLetters: options.deadLetters,
    metrics,
    logger,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { error: error.message });
    }
    metrics.increment('received');
    if (verify.isPing?.(raw, req.headers)) {
      metrics.increment('pings');
      return sendJson(res, 200, { status: 'pong' });
    }
    // After the ping (WooCommerce pings form-encoded), before the signature: a wrong type is never parsed.
    const unsupported = unsupportedMediaType(req, options.contentTypes ?? JSON_MEDIA_TYPES);
    if (unsupported) {
      metrics.increment('unsupportedMediaType');
      return sendJson(res, 415, { error: unsupported });
    }
    const verified = verify.verify(raw, req.headers);
    if (!verified.ok) {
      metrics.increment('invalidSignature');
      logger.warn(
        { connector: options.name, scheme: verify.scheme, reason: verified.reason },
        'webhook signature refused',
      );
      // The reason stays in the log: telling a forger which check failed helps nobody else.
      return sendJson(res, 401, { error: 'invalid signature' });
    }

    if (
      options.largeBody &&
      raw.length > options.largeBody.thresholdBytes &&
      (await options.largeBody.submit(raw, res))
    )
      return;
    const outcome = await pipeline.process(raw, req.headers);
    switch (outcome.status) {
      case 'applied':
        return sendJson(res, 200, {
          status: 'applied',
          documentId: outcome.documentId,
          ...(outcome.answer ? { result: outcome.answer } : {}),
        });
      case 'duplicate':
        // The same answer as the first delivery got, and when: a retrying sender learns what its document became.
        return sendJson(res, 200, {
          status: 'duplicate',
          documentId: outcome.documentId,
          ...(outcome.answer ? { result: outcome.answer, appliedAt: outcome.appliedAt } : {}),
        });
      case 'busy':
        res.setHeader('retry-after', '5');
        return sendJson(res, 409, { status: 'busy', documentId: outcome.documentId });
      case 'dead-lettered':
        return sendJson(res, deadLetterStatus, {
          status: 'dead-lettered',
          deadLetterId: outcome.deadLetterId,
          stage: outcome.stage,
          reason: outcome.reason,
          ...(outcome.fields ? { fields: outcome.fields } : {}),
        });
      case 'failed':
        res.setHeader('retry-after', '30');
        return sendJson(res, 503, { status: 'failed', error: 'temporarily unable to apply the document; retry later' });
    }
  };

  // Each delivery is an HTTP server span continuing the sender's `traceparent` (a malformed one starts a new trace).
  const traced = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const attributes = {
      'http.request.method': req.method ?? 'POST',
      'http.route': url.pathname,
      'url.path': url.pathname,
      'fm.adapter': options.name,
      'fm.adapter.direction': 'INBOUND',
    };
    return inSpan(
      `${req.method ?? 'POST'} ${url.pathname}`,
      { kind: SpanKind.SERVER, parent: extractContext(req.headers), attributes },
      async (span) => {
        try {
          await handle(req, res);
        } finally {
          span.setAttribute('http.response.status_code', res.statusCode);
          if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.statusCode}` });
        }
      },
    );
  };

  const route: RouteHandler = (req, res, url) =>
    traced(req, res, url ?? new URL(req.url ?? '/', 'http://localhost')).catch((error: unknown) => {
      // A store failure while keeping a dead letter lands here: 503 makes the sender retry, so nothing is lost.
      metrics.increment('failed');
      logger.error({ connector: options.name, err: error }, 'webhook failed');
      if (!res.headersSent)
        sendJson(res, 503, { status: 'failed', error: 'temporarily unable to accept the document; retry later' });
      else res.end();
    });
  return Object.assign(route, { connector: options.name, redrive: pipeline.redrive });
}
