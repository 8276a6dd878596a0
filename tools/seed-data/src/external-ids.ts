import type { Rng } from './random.js';
import type { Channel } from './types.js';

/** Issues a channel's own order reference; call in order-placement order so sequences grow with time. */
export type ExternalIdIssuer = (channel: Channel, storeId: string | null) => string;

/**
 * Creates an issuer of channel-native references, unique per channel: web-store numbers (`#4821`),
 * marketplace order ids (`113-1234567-1234567`), EDI PO numbers (`PO-4500012345`), inside-sales quotes
 * turned orders (`IS-104233`) and point-of-sale receipts (`POS-CHI-03-104512`).
 */
export function createExternalIdIssuer(rng: Rng): ExternalIdIssuer {
  let web = rng.int(1001, 4000);
  // Other customers' POs and other registers' receipts fall in between ours, hence the gaps.
  let po = 4_500_000_000 + rng.int(12_000, 19_999);
  let insideSales = rng.int(104_000, 105_000);
  const receipts = new Map<string, number>();
  const marketplace = new Set<string>();
  return (channel, storeId) => {
    switch (channel) {
      case 'WEB':
        web += 1;
        return `#${web}`;
      case 'MARKETPLACE':
        for (;;) {
          const id = `${rng.pick(['111', '112', '113', '114'])}-${rng.chars('0123456789', 7)}-${rng.chars('0123456789', 7)}`;
          if (!marketplace.has(id)) {
            marketplace.add(id);
            return id;
          }
        }
      case 'EDI':
        po += rng.int(1, 40);
        return `PO-${po}`;
      case 'INSIDE_SALES':
        insideSales += rng.int(1, 9);
        return `IS-${insideSales}`;
      case 'STORE': {
        const store = storeId ?? 'store-chi';
        const receipt = (receipts.get(store) ?? rng.int(100_000, 200_000)) + rng.int(15, 400);
        receipts.set(store, receipt);
        const code = store.replace(/^store-/, '').toUpperCase();
        return `POS-${code}-${String(rng.int(1, 4)).padStart(2, '0')}-${receipt}`;
      }
    }
  };
}
