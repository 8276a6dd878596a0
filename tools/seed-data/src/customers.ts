import type { Rng } from './random.js';
import type { SeedAddress } from './types.js';
import {
  BUSINESS_ACCOUNTS,
  CITIES,
  ENTERPRISE_ACCOUNTS,
  FIRST_NAMES,
  LAST_NAMES,
  STREETS,
  type City,
} from './vocabulary-parties.js';

/** A customer account with its buyer contact and default ship-to. */
export interface Customer {
  id: string;
  name: string;
  email: string;
  /** Marketplaces hide buyers' real addresses behind a stable relay address. */
  relayEmail: string;
  contact: string;
  /** Enterprise accounts trade over EDI; business accounts use every other channel. */
  segment: 'enterprise' | 'business';
  region: City['region'];
  address: SeedAddress;
}

/** Words that do not belong in an e-mail domain. */
const DOMAIN_NOISE = new Set([
  '&',
  'and',
  'the',
  'of',
  'co.',
  'co',
  'company',
  'inc',
  'llc',
  'services',
  'group',
  'center',
  'centers',
]);

/** Builds the account list: every enterprise and business name once, each with a contact and an address. */
export function buildCustomers(rng: Rng): Customer[] {
  const accounts = [
    ...ENTERPRISE_ACCOUNTS.map((name) => ({ name, segment: 'enterprise' as const })),
    ...BUSINESS_ACCOUNTS.map((name) => ({ name, segment: 'business' as const })),
  ];
  return accounts.map(({ name, segment }, index) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const city = rng.pick(CITIES);
    const mailbox =
      segment === 'enterprise' ? rng.pick(['purchasing', 'procurement', 'ap.edi']) : `${first.charAt(0)}${last}`;
    return {
      id: `cus-${String(10001 + index)}`,
      name,
      email: `${slug(mailbox)}@${domainOf(name)}`,
      relayEmail: `${rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 14)}@marketplace.example.com`,
      contact: `${first} ${last}`,
      segment,
      region: city.region,
      address: {
        line1: `${rng.int(1, 98) * 100 + rng.int(0, 99)} ${rng.pick(STREETS)}${rng.chance(0.25) ? `, Suite ${rng.int(1, 9) * 100 + rng.int(0, 20)}` : ''}`,
        city: city.city,
        region: city.state,
        postalCode: city.postalCode,
        country: 'US',
      },
    };
  });
}

function domainOf(company: string): string {
  const words = company
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => !DOMAIN_NOISE.has(word));
  return `${slug(words.slice(0, 2).join(''))}.com`;
}

/** Lower-case ASCII letters, digits and dots only ("Café" → "cafe", "O'Brien" → "obrien"). */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '');
}
