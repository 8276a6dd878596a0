import { createHash, timingSafeEqual } from 'node:crypto';
import { header, secretList, type Secrets, type WebhookVerifier } from './hmac.js';

/**
 * Verifies a shared secret carried verbatim in header `headerName` (BigCommerce webhooks sign nothing; the
 * webhook is registered with a custom header the mesh checks). Both sides are hashed to equal-length digests
 * before the constant-time comparison, so neither the secret's length nor its prefix leaks through timing.
 */
export function headerSecretVerifier(scheme: string, headerName: string, secrets: Secrets): WebhookVerifier {
  const digests = secretList(scheme, secrets).map((s) => createHash('sha256').update(s).digest());
  const name = headerName.toLowerCase();
  return {
    scheme,
    verify(_raw, headers) {
      const value = header(headers, name);
      if (!value) return { ok: false, reason: `missing ${headerName} header` };
      const received = createHash('sha256').update(value).digest();
      const ok = digests.map((d) => timingSafeEqual(d, received)).includes(true);
      return ok ? { ok: true } : { ok: false, reason: `${headerName} does not match` };
    },
    sign: () => ({ [headerName]: typeof secrets === 'string' ? secrets : secrets[0]! }),
  };
}
