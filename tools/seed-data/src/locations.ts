import type { SeedLocation } from './types.js';

/**
 * The six fulfillment nodes. Ids are a contract: other packages' tests refer to them. DCs carry the
 * priority sourcing prefers (1 = first choice); stores and the 3PL come after them.
 */
export const LOCATIONS: readonly SeedLocation[] = [
  {
    id: 'dc-east',
    name: 'Newark Distribution Center',
    kind: 'DC',
    region: 'east',
    priority: 1,
    address: { line1: '1200 Doremus Ave', city: 'Newark', region: 'NJ', postalCode: '07105', country: 'US' },
  },
  {
    id: 'dc-central',
    name: 'Columbus Distribution Center',
    kind: 'DC',
    region: 'central',
    priority: 2,
    address: { line1: '3500 Alum Creek Dr', city: 'Columbus', region: 'OH', postalCode: '43207', country: 'US' },
  },
  {
    id: 'dc-west',
    name: 'Reno Distribution Center',
    kind: 'DC',
    region: 'west',
    priority: 3,
    address: { line1: '2550 Larkin Cir', city: 'Reno', region: 'NV', postalCode: '89502', country: 'US' },
  },
  {
    id: '3pl-dallas',
    name: 'Dallas 3PL (Lone Star Logistics)',
    kind: 'THREE_PL',
    region: 'south',
    priority: 4,
    address: { line1: '4800 Mountain Creek Pkwy', city: 'Dallas', region: 'TX', postalCode: '75236', country: 'US' },
  },
  {
    id: 'store-chi',
    name: 'Chicago Trade Counter',
    kind: 'STORE',
    region: 'central',
    priority: 5,
    address: { line1: '2150 S Canal St', city: 'Chicago', region: 'IL', postalCode: '60616', country: 'US' },
  },
  {
    id: 'store-atl',
    name: 'Atlanta Trade Counter',
    kind: 'STORE',
    region: 'east',
    priority: 6,
    address: { line1: '1050 Northside Dr NW', city: 'Atlanta', region: 'GA', postalCode: '30318', country: 'US' },
  },
];

/** The DC (or the 3PL, for the south) that ships to a ship-to region by default. */
export const HOME_NODE_BY_REGION: Readonly<Record<string, string>> = {
  east: 'dc-east',
  central: 'dc-central',
  west: 'dc-west',
  south: '3pl-dallas',
};

/** "City, ST" of a location, as carriers print it on scan events. */
export function cityLabel(location: SeedLocation): string {
  return `${location.address.city}, ${location.address.region}`;
}

/** The location with this id; throws on an unknown id (a bug in the generator, not in the data). */
export function locationById(id: string): SeedLocation {
  const location = LOCATIONS.find((candidate) => candidate.id === id);
  if (!location) throw new Error(`unknown location ${id}`);
  return location;
}
