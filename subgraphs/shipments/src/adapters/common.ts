import { decodeHexDigest, digestsEqual, header, hmacSha256, secretList, type InboundMeta, type Secrets, type WebhookVerifier } from '@fulfillment-mesh/connectors';
import { sendJson, type Logger, type RouteHandler } from '@fulfillment-mesh/runtime';

/**
 * A verifier for senders that sign the raw body with HMAC-SHA256 and send it hex-encoded in one header (our
 * WMS, ERP and EDI gateway contracts). Constant-time, several secrets during a rotation, as the framework's own.
 */
export function hexHmacVerifier(scheme: string, headerName: string, secrets: Secrets): WebhookVerifier {
  const keys = secretList(scheme, secrets);
  const name = headerName.toLowerCase();
  return {
    scheme,
    verify(raw, headers) {
      const value = header(headers, name);
      if (!value) return { ok: false, reason: `missing ${headerName} header` };
      const received = decodeHexDigest(value.replace(/^sha256=/i, ''));
      if (!received) return { ok: false, reason: `malformed ${headerName} header` };
      return keys.some((key) => digestsEqual(hmacSha256(key, raw), received)) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
    },
    sign: (raw) => ({ [name]: hmacSha256(keys[0]!, raw).toString('hex') }),
  };
}

/** The route of an adapter whose secret is not configured: 503 "adapter not configured", logged once. */
export function notConfigured(adapter: string, envVar: string, logger: Logger): RouteHandler {
  let logged = false;
  return (req, res) => {
    req.resume();
    if (!logged) {
      logged = true;
      logger.warn({ adapter, envVar }, `adapter ${adapter} is not configured (set ${envVar}); its endpoint answers 503`);
    }
    res.setHeader('retry-after', '3600');
    sendJson(res, 503, { error: 'adapter not configured', adapter });
  };
}

/** The adapter run recorded in provenance: connector and document, so a value leads back to its receipt. */
export function adapterRun(meta: Pick<InboundMeta, 'connector' | 'documentId' | 'redriveOf'>): string {
  return meta.redriveOf ? `${meta.connector}:${meta.documentId}@redrive:${meta.redriveOf}` : `${meta.connector}:${meta.documentId}`;
}
