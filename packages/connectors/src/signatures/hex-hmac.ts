import {
  decodeHexDigest,
  digestsEqual,
  header,
  hmacSha256,
  secretList,
  type Secrets,
  type WebhookVerifier,
} from './hmac.js';

/** Options of {@link hexHmacVerifier}. */
export interface HexHmacVerifierOptions {
  /** A label some senders put before the hex digest (e.g. `sha256=`), accepted in either case; default none. */
  prefix?: string;
}

/**
 * Verifies `<headerName>: <hex HMAC-SHA256 of the raw body>` (either case): the scheme of our own WMS, ERP, PIM
 * and EDI gateway contracts. Every secret of a rotation is tried, each in constant time.
 */
export function hexHmacVerifier(
  scheme: string,
  headerName: string,
  secrets: Secrets,
  options: HexHmacVerifierOptions = {},
): WebhookVerifier {
  const keys = secretList(scheme, secrets);
  const name = headerName.toLowerCase();
  const prefix = options.prefix?.toLowerCase();
  return {
    scheme,
    verify(raw, headers) {
      const value = header(headers, name);
      if (!value) return { ok: false, reason: `missing ${headerName} header` };
      const digest = prefix && value.toLowerCase().startsWith(prefix) ? value.slice(prefix.length) : value;
      const received = decodeHexDigest(digest);
      if (!received) return { ok: false, reason: `malformed ${headerName} header` };
      const ok = keys.map((key) => digestsEqual(hmacSha256(key, raw), received)).includes(true);
      return ok ? { ok: true } : { ok: false, reason: 'signature mismatch' };
    },
    sign: (raw) => ({ [headerName]: hmacSha256(keys[0]!, raw).toString('hex') }),
  };
}
