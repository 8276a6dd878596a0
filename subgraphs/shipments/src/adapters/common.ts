import { notConfiguredRoute, type InboundMeta } from '@fulfillment-mesh/connectors';
import type { Logger, RouteHandler } from '@fulfillment-mesh/runtime';

/**
 * The options our WMS, ERP and EDI gateway contracts sign with (see `hexHmacVerifier`): the hex digest may carry
 * a `sha256=` label.
 */
export const HEX_SIGNATURE = { prefix: 'sha256=' } as const;

/** The route of an adapter whose secret is not configured: 503 "adapter not configured", logged once. */
export function notConfigured(adapter: string, envVar: string, logger: Logger): RouteHandler {
  return notConfiguredRoute(adapter, logger, {
    warn: {
      fields: { adapter, envVar },
      message: `adapter ${adapter} is not configured (set ${envVar}); its endpoint answers 503`,
    },
    retryAfterSeconds: 3600,
    drainBody: true,
  });
}

/** The adapter run recorded in provenance: connector and document, so a value leads back to its receipt. */
export function adapterRun(meta: Pick<InboundMeta, 'connector' | 'documentId' | 'redriveOf'>): string {
  return meta.redriveOf
    ? `${meta.connector}:${meta.documentId}@redrive:${meta.redriveOf}`
    : `${meta.connector}:${meta.documentId}`;
}
