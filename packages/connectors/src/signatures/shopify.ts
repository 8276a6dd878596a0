import { base64HmacVerifier, type Secrets, type WebhookVerifier } from './hmac.js';

/** The header Shopify signs webhooks with. */
export const SHOPIFY_SIGNATURE_HEADER = 'x-shopify-hmac-sha256';

/**
 * Shopify webhooks: `X-Shopify-Hmac-Sha256` is base64(HMAC-SHA256(app client secret, raw body)). The body must
 * not be re-serialised before checking (Shopify's JSON escapes differ from JSON.stringify).
 */
export function shopifyVerifier(secrets: Secrets): WebhookVerifier {
  return { scheme: 'shopify', ...base64HmacVerifier('shopify', SHOPIFY_SIGNATURE_HEADER, secrets) };
}
