import { decodeHexDigest, digestsEqual, header, hmacSha256, secretList, type Secrets, type WebhookVerifier } from '@fulfillment-mesh/connectors';

/**
 * Verifies `<header>: <hex HMAC-SHA256 of the raw body>` (either case), the scheme the PIM and the ERP item
 * master upload use. Constant-time per secret; every secret of a rotation is tried.
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
      const ok = keys.map((key) => digestsEqual(hmacSha256(key, raw), received)).includes(true);
      return ok ? { ok: true } : { ok: false, reason: 'signature mismatch' };
    },
    sign: (raw) => ({ [headerName]: hmacSha256(keys[0]!, raw).toString('hex') }),
  };
}
