import type { Rng } from './random.js';
import type { Channel } from './types.js';
import { SALES_REPS } from './vocabulary-parties.js';

/** Why validation turns an order down. */
export const REJECT_NOTES: readonly string[] = [
  'Ship-to address failed validation: ZIP code does not match the city.',
  'Account is on credit hold; order rejected until the balance is settled.',
  'Duplicate of an order already received.',
  'Payment authorization was declined.',
  'Contains a restricted item the ship-to state does not allow.',
];

/** Cancellation notes by the status the order was cancelled from. */
export const CANCEL_NOTES: Readonly<Record<'PENDING_VALIDATION' | 'ACCEPTED' | 'BACKORDERED', string>> = {
  PENDING_VALIDATION: 'Customer cancelled before the order was validated.',
  ACCEPTED: 'Customer cancelled before release; allocation released.',
  BACKORDERED: 'Backorder cancelled: no replenishment date within the customer’s window.',
};

/** Reasons customers give when they ask to send goods back (completing "Customer requested a return: …"). */
export const RETURN_REASONS: readonly string[] = [
  'ordered the wrong size.',
  'item arrived damaged.',
  'no longer needed.',
  'wrong item received.',
  'quality not as expected.',
];

/** The first timeline note: how the order came in on its channel. */
export function intakeNote(rng: Rng, channel: Channel): string {
  switch (channel) {
    case 'WEB':
      return 'Order placed on the web store.';
    case 'MARKETPLACE':
      return 'Order imported from the marketplace order feed.';
    case 'EDI':
      return 'EDI 850 purchase order received and translated.';
    case 'INSIDE_SALES':
      return `Phone order keyed in by ${rng.pick(SALES_REPS)}.`;
    case 'STORE':
      return 'Ship-to order rung up at the trade counter.';
  }
}
