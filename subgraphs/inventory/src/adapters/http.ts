import { decodeHexDigest, digestsEqual, header, hmacSha256, secretList, type Secrets, type WebhookVerifier } from '@fulfillment-mesh/connectors';
import { sendJson, type Logger, type RouteHandler } from '@fulfillment-mesh/runtime';

/**
 * A hex HMAC-SHA256 of the raw body in header `headerName` (the scheme of the WMS feed and the ERP uploads):
 * every secret of a rotation is tried, each in constant time.
 */
export function hexHmacVerifier(scheme: string, headerName: string, secrets: Secrets): WebhookVerifier {
  const keys = secretList(scheme, secrets);
  const name = headerName.toLowerCase();
  return {
    scheme,
    verify(raw, headers) {
      const value = header(headers, name);
      if (!value) return { ok: false, reason: `missing ${headerName} header` };
      const received = decodeHexDigest(value);
      if (!received) return { ok: false, reason: `malformed ${headerName} header` };
      return keys.some((key) => digestsEqual(hmacSha256(key, raw), received)) ? { ok: true } : { ok: false, reason: 'signature mismatch' };
    },
    sign: (raw) => ({ [headerName]: hmacSha256(keys[0]!, raw).toString('hex') }),
  };
}

/** The route of an adapter whose configuration is missing: 503 "adapter not configured", logged once. */
export function notConfigured(adapter: string, missing: string, logger: Logger): RouteHandler {
  let logged = false;
  return (_req, res) => {
    if (!logged) {
      logged = true;
      logger.warn({ adapter, missing }, `inventory adapter ${adapter} is not configured (${missing}); answering 503`);
    }
    sendJson(res, 503, { error: 'adapter not configured', adapter });
  };
}
