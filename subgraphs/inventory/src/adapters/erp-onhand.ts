import {
  CSV_MEDIA_TYPES,
  PayloadTooLargeError,
  readRawBody,
  unsupportedMediaType,
  type ConnectorMetrics,
  type WebhookVerifier,
} from '@fulfillment-mesh/connectors';
import { isDomainError, sendJson, type Logger, type RouteHandler } from '@fulfillment-mesh/runtime';
import type { Tolerance } from '../domain/index.js';
import type { Reconciler } from '../workflows/reconciliation.js';

/** The header the ERP signs uploads with: hex HMAC-SHA256 of the raw body under `ERP_WEBHOOK_SECRET`. */
export const ERP_SIGNATURE_HEADER = 'X-ERP-Signature';

/** What the ERP on-hand import needs. */
export interface ErpOnHandDeps {
  verify: WebhookVerifier;
  reconciler: Reconciler;
  /** Used unless the request names one (`?toleranceUnits=2&tolerancePercent=5`). */
  tolerance: Tolerance;
  metrics: ConnectorMetrics;
  logger: Logger;
  /** Default 10 * 1024 * 1024 // 10 MiB. */
  maxBodyBytes?: number;
}

/**
 * `POST /imports/erp-onhand`: a signed CSV snapshot of the ERP's on-hand, reconciled with the mesh (see
 * `createReconciler`). 200 with the run report (its `errors` list the rows that could not be compared);
 * 422 when no row could be read (e.g. the header lacks a column), the report stored all the same; 401 on a bad
 * signature (counted); 415 for a `content-type` that is not CSV (`text/csv`, `application/csv`, `text/plain`,
 * `application/octet-stream`). A re-sent file changes nothing already corrected: values that agree are not written.
 */
export function createErpOnHandImport(deps: ErpOnHandDeps): RouteHandler {
  const maxBodyBytes = deps.maxBodyBytes ?? 10 * 1024 * 1024; // 10 MiB
  const { metrics } = deps;
  return async (req, res, url) => {
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
    // Before the signature: a JSON body or a form post is refused by its type, never read as CSV.
    const unsupported = unsupportedMediaType(req, CSV_MEDIA_TYPES);
    if (unsupported) {
      metrics.increment('unsupportedMediaType');
      return sendJson(res, 415, { error: unsupported });
    }
    const verified = deps.verify.verify(raw, req.headers);
    if (!verified.ok) {
      metrics.increment('invalidSignature');
      deps.logger.warn({ connector: 'erp-onhand', reason: verified.reason }, 'ERP upload signature refused');
      return sendJson(res, 401, { error: 'invalid signature' });
    }
    const units = url.searchParams.get('toleranceUnits');
    const percent = url.searchParams.get('tolerancePercent');
    const tolerance =
      units !== null || percent !== null
        ? {
            ...(units !== null ? { units: Number(units) } : {}),
            ...(percent !== null ? { percent: Number(percent) } : {}),
          }
        : deps.tolerance;
    try {
      const run = await deps.reconciler.reconcileErpSnapshot(raw, { tolerance });
      metrics.increment('applied');
      metrics.increment('discrepancies', run.discrepancies.length);
      metrics.increment('corrected', run.corrected);
      if (run.errors.length) metrics.increment('rowErrors', run.errors.length);
      return sendJson(res, run.compared === 0 && run.errors.length > 0 ? 422 : 200, run);
    } catch (error) {
      if (isDomainError(error) && error.code === 'INVALID_INPUT') return sendJson(res, 400, { error: error.message });
      metrics.increment('failed');
      deps.logger.error({ connector: 'erp-onhand', err: error }, 'ERP on-hand reconciliation failed');
      res.setHeader('retry-after', '30');
      return sendJson(res, 503, { error: 'temporarily unable to reconcile; retry later' });
    }
  };
}
