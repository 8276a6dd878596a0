import type { WooCommerceAtpOptions } from './options.js';
import { callJson, ChannelRefusedError, UnknownSkuError, type AtpTarget, type SkuAtp } from './target.js';

/**
 * WooCommerce REST v3: one `stock_quantity` per product (the channel's total ATP), set through
 * `POST /wp-json/wc/v3/products/batch` with `update: [{ id, stock_quantity }]`. The product id of a SKU is
 * resolved once with `GET /wp-json/wc/v3/products?sku=` and cached. Basic auth with the consumer key/secret.
 */
export function createWooCommerceAtpTarget(options: WooCommerceAtpOptions): AtpTarget {
  const auth = `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64')}`;
  const ids = new Map<string, number>();
  const api = `${options.url}/wp-json/wc/v3`;

  async function productOf(sku: string, signal: AbortSignal): Promise<number> {
    const cached = ids.get(sku);
    if (cached !== undefined) return cached;
    const { body, text } = await callJson('woocommerce-atp', `${api}/products?sku=${encodeURIComponent(sku)}`, {
      method: 'GET',
      headers: { authorization: auth },
      signal,
    });
    const match = (Array.isArray(body) ? (body as { id: number; sku?: string }[]) : []).find(
      (p) => p.sku === undefined || p.sku === sku,
    );
    if (!match) throw new UnknownSkuError('woocommerce-atp', sku, text);
    ids.set(sku, match.id);
    return match.id;
  }

  return {
    name: 'woocommerce-atp',
    channel: options.channel,
    quantities: (atp: SkuAtp) => ({ total: atp.total }),
    async push(sku, quantities, _previous, { signal }) {
      const id = await productOf(sku, signal);
      const { body, text } = await callJson('woocommerce-atp', `${api}/products/batch`, {
        method: 'POST',
        headers: { authorization: auth },
        body: { update: [{ id, stock_quantity: quantities.total ?? 0 }] },
        signal,
      });
      // A batch answers 200 even when an item failed: its entry carries `error` instead of the product.
      const failed = ((body as { update?: { id: number; error?: { message?: string } }[] })?.update ?? []).find(
        (u) => u.error,
      );
      if (failed)
        throw new ChannelRefusedError(
          `woocommerce-atp: products/batch refused ${sku} (product ${id}): ${failed.error?.message ?? 'error'}`,
          200,
          text,
        );
    },
  };
}
