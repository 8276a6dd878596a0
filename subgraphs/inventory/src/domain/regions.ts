/**
 * Sourcing regions. Locations carry a region (`east`, `central`, `south`, `west`); channels send the ship-to
 * address's state or province code. This table is where the two meet, so sourcing can prefer nearby stock.
 */
const STATE_REGIONS: Record<string, string> = Object.fromEntries(
  Object.entries({
    east: 'ME NH VT MA RI CT NY NJ PA DE MD DC VA WV NC SC GA FL',
    central: 'OH MI IN IL WI MN IA MO KY TN ND SD NE KS',
    south: 'TX OK AR LA MS AL NM',
    west: 'WA OR CA NV ID MT WY UT CO AZ AK HI',
  }).flatMap(([region, states]) => states.split(' ').map((state) => [state, region])),
);

/** The sourcing region of a ship-to region: a region name as is, a US state code by the table, else unchanged. */
export function sourcingRegion(shipToRegion: string | null): string | null {
  if (shipToRegion === null) return null;
  const code = shipToRegion.trim().toUpperCase();
  return STATE_REGIONS[code] ?? shipToRegion.trim().toLowerCase();
}
