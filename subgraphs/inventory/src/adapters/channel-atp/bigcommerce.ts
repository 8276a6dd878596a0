import type { BigCommerceAtpOptions } from './options.js';
import { callJson, type AtpTarget, type SkuAtp } from './target.js';

/**
 * BigCommerce Inventory API: `PUT /stores/{hash}/v3/inventory/adjustments/absolute` with
 * `{ reason, items: [{ location_id, sku, quantity }] }`, one item per mapped location (`X-Auth-Token`). Items are
 * identified by SKU, so nothing is resolved first; a SKU the store does not know is refused (422) with its body.
 */
export function createBigCommerceAtpTarget(options: BigCommerceAtpOptions): AtpTarget {
  const endpoint = `${options.url}/stores/${options.storeHash}/v3/inventory/adjustments/absolute`;
  return {
    name: 'bigcommerce-atp',
    channel: options.channel,
    quantities: (atp: SkuAtp) =>
      Object.fromEntries(Object.entries(options.locations).map(([id, bc]) => [String(bc), atp.byLocation[id] ?? 0])),
    async push(sku, quantities, _previous, { signal }) {
      await callJson('bigcommerce-atp', endpoint, {
        method: 'PUT',
        headers: { 'x-auth-token': options.token },
        body: {
          reason: 'Fulfillment Mesh ATP',
          items: Object.entries(quantities).map(([location, quantity]) => ({
            location_id: Number(location),
            sku,
            quantity,
          })),
        },
        signal,
      });
    },
  };
}
