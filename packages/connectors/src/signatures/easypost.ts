import {
  decodeHexDigest,
  digestsEqual,
  header,
  hmacSha256,
  secretList,
  type Secrets,
  type WebhookVerifier,
} from './hmac.js';

/** The header EasyPost signs webhooks with. */
export const EASYPOST_SIGNATURE_HEADER = 'x-hmac-signature';
const PREFIX = 'hmac-sha256-hex=';

/**
 * EasyPost webhooks: `X-Hmac-Signature: hmac-sha256-hex=<hex>`, the HMAC-SHA256 of the raw body keyed with the
 * UTF-8 bytes of the NFKD-normalised secret (so `sécret` typed either composed or decomposed verifies alike).
 * EasyPost's Node client rewrites `"weight": 12` to `12.0` before hashing because it only has the re-serialised
 * JSON; we hash the raw bytes, which is what EasyPost signed, so no rewrite is needed.
 */
export function easyPostVerifier(secrets: Secrets): WebhookVerifier {
  const keys = secretList('easypost', secrets).map((s) => Buffer.from(s.normalize('NFKD'), 'utf8'));
  return {
    scheme: 'easypost',
    verify(raw, headers) {
      const value = header(headers, EASYPOST_SIGNATURE_HEADER);
      if (!value) return { ok: false, reason: `missing ${EASYPOST_SIGNATURE_HEADER} header` };
      if (!value.toLowerCase().startsWith(PREFIX))
        return { ok: false, reason: `malformed ${EASYPOST_SIGNATURE_HEADER} header` };
      const received = decodeHexDigest(value.slice(PREFIX.length));
      if (!received) return { ok: false, reason: `malformed ${EASYPOST_SIGNATURE_HEADER} header` };
      const ok = keys.map((key) => digestsEqual(hmacSha256(key, raw), received)).includes(true);
      return ok ? { ok: true } : { ok: false, reason: 'signature mismatch' };
    },
    sign: (raw) => ({ [EASYPOST_SIGNATURE_HEADER]: `${PREFIX}${hmacSha256(keys[0]!, raw).toString('hex')}` }),
  };
}
