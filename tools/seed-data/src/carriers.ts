import type { Rng } from './random.js';
import type { Channel } from './types.js';

/** The carriers shipments go out with. */
export const CARRIERS = ['UPS', 'FedEx', 'USPS', 'LTL Freight'] as const;

/** A carrier name. */
export type Carrier = (typeof CARRIERS)[number];

/** A carrier service with its typical door-to-door transit time in days. */
export interface CarrierService {
  carrier: Carrier;
  service: string;
  transitDays: readonly [min: number, max: number];
}

/** The carrier, service and tracking number booked for one shipment. */
export interface Booking {
  carrier: Carrier;
  service: string;
  trackingNumber: string;
  transitDays: readonly [number, number];
}

const UPS_SERVICE_CODES: Readonly<Record<string, string>> = {
  Ground: '03',
  '3 Day Select': '12',
  '2nd Day Air': '02',
  'Next Day Air': '01',
};
/** Each origin ships on its own UPS account, which is the 6 characters after "1Z". */
const UPS_ACCOUNTS: Readonly<Record<string, string>> = {
  'dc-east': '4V8E21',
  'dc-central': '7W2C55',
  'dc-west': '9R0W83',
  '3pl-dallas': 'E6T417',
  'store-chi': 'A81X36',
  'store-atl': 'Y3K962',
};

const PARCEL: readonly (readonly [CarrierService, number])[] = [
  [{ carrier: 'UPS', service: 'Ground', transitDays: [1, 5] }, 34],
  [{ carrier: 'UPS', service: '3 Day Select', transitDays: [3, 3] }, 4],
  [{ carrier: 'UPS', service: '2nd Day Air', transitDays: [2, 2] }, 7],
  [{ carrier: 'UPS', service: 'Next Day Air', transitDays: [1, 1] }, 4],
  [{ carrier: 'FedEx', service: 'Ground', transitDays: [1, 5] }, 20],
  [{ carrier: 'FedEx', service: '2Day', transitDays: [2, 2] }, 6],
  [{ carrier: 'FedEx', service: 'Priority Overnight', transitDays: [1, 1] }, 3],
  [{ carrier: 'USPS', service: 'Priority Mail', transitDays: [1, 3] }, 8],
  [{ carrier: 'USPS', service: 'Ground Advantage', transitDays: [2, 5] }, 6],
];
/** Marketplace orders are consumer-sized: mostly the economical residential services. */
const MARKETPLACE: readonly (readonly [CarrierService, number])[] = [
  [{ carrier: 'USPS', service: 'Ground Advantage', transitDays: [2, 5] }, 35],
  [{ carrier: 'USPS', service: 'Priority Mail', transitDays: [1, 3] }, 15],
  [{ carrier: 'UPS', service: 'Ground', transitDays: [1, 5] }, 35],
  [{ carrier: 'FedEx', service: 'Home Delivery', transitDays: [1, 5] }, 15],
];
const FREIGHT: readonly (readonly [CarrierService, number])[] = [
  [{ carrier: 'LTL Freight', service: 'Standard LTL', transitDays: [2, 6] }, 80],
  [{ carrier: 'LTL Freight', service: 'Guaranteed LTL', transitDays: [2, 4] }, 20],
];

/** Past this many units a shipment is palletized and goes LTL instead of parcel. */
const FREIGHT_UNITS = 150;

/** Picks a service fitting the channel and shipment size, and issues a tracking number in that carrier's format. */
export function bookCarrier(rng: Rng, channel: Channel, originId: string, units: number): Booking {
  const table =
    units > FREIGHT_UNITS || (channel === 'EDI' && units > 90)
      ? FREIGHT
      : channel === 'MARKETPLACE'
        ? MARKETPLACE
        : PARCEL;
  const { carrier, service, transitDays } = rng.weighted(table);
  return { carrier, service, transitDays, trackingNumber: trackingNumber(rng, carrier, service, originId) };
}

/** Actor name of a carrier in timelines, e.g. `carrier:ups`. */
export function carrierActor(carrier: Carrier): string {
  return `carrier:${carrier === 'LTL Freight' ? 'ltl' : carrier.toLowerCase()}`;
}

function trackingNumber(rng: Rng, carrier: Carrier, service: string, originId: string): string {
  const digits = (length: number): string => `${rng.int(1, 9)}${rng.chars('0123456789', length - 1)}`;
  switch (carrier) {
    case 'UPS': {
      const body = `${UPS_ACCOUNTS[originId] ?? '0A1B2C'}${UPS_SERVICE_CODES[service] ?? '03'}${rng.chars('0123456789', 7)}`;
      return `1Z${body}${upsCheckDigit(body)}`;
    }
    case 'FedEx':
      // Express services print 12 digits; Ground and Home Delivery print 15.
      return service === 'Ground' || service === 'Home Delivery' ? digits(15) : digits(12);
    case 'USPS':
      // 22-digit IMpb: the service type code differs between Priority Mail (9405) and Ground Advantage (9400).
      return `${service === 'Priority Mail' ? '94055' : '94001'}${rng.chars('0123456789', 17)}`;
    case 'LTL Freight':
      // LTL carriers track by a 10-digit PRO number.
      return digits(10);
  }
}

/**
 * UPS "1Z" check digit: letters map to digits ((code - 63) mod 10), odd positions count once, even positions
 * twice, and the check digit tops the sum up to a multiple of ten.
 */
export function upsCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const char = body.charAt(i);
    const value = /\d/.test(char) ? Number(char) : (char.charCodeAt(0) - 63) % 10;
    sum += i % 2 === 1 ? value * 2 : value;
  }
  return String((10 - (sum % 10)) % 10);
}
