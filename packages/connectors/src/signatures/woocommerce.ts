import { base64HmacVerifier, header, type HeaderBag, type Secrets, type WebhookVerifier } from './hmac.js';

/** The header WooCommerce signs webhooks with. */
export const WOOCOMMERCE_SIGNATURE_HEADER = 'x-wc-webhook-signature';

/**
 * WooCommerce webhooks: `X-WC-Webhook-Signature` is base64(HMAC-SHA256(webhook secret, raw body)). When a
 * webhook is created or re-activated, WooCommerce first POSTs an unsigned, form-encoded `webhook_id=<id>` and
 * only activates delivery if that ping gets a 200 — so the ping is recognised here and answered without data.
 */
export function wooCommerceVerifier(secrets: Secrets): WebhookVerifier {
  return {
    scheme: 'woocommerce',
    ...base64HmacVerifier('woocommerce', WOOCOMMERCE_SIGNATURE_HEADER, secrets),
    isPing: isWooCommercePing,
  };
}

/** True for WooCommerce's activation ping: no signature and a body of exactly `webhook_id=<digits>`. */
export function isWooCommercePing(raw: Buffer, headers: HeaderBag): boolean {
  return (
    header(headers, WOOCOMMERCE_SIGNATURE_HEADER) === undefined &&
    raw.length < 64 &&
    /^webhook_id=\d+$/.test(raw.toString('latin1').trim())
  );
}
