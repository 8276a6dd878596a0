import { describe, expect, it } from 'vitest';
import { sourcingRegion } from '../src/domain/regions.js';

describe('sourcing regions', () => {
  it('maps a US state code of a ship-to address to the sourcing region of the locations', () => {
    expect(sourcingRegion('NJ')).toBe('east');
    expect(sourcingRegion('il')).toBe('central');
    expect(sourcingRegion('TX')).toBe('south');
    expect(sourcingRegion('NV')).toBe('west');
  });

  it('keeps a region name as it is and passes unknown codes through', () => {
    expect(sourcingRegion('West')).toBe('west');
    expect(sourcingRegion('ZZ')).toBe('zz');
    expect(sourcingRegion(null)).toBeNull();
  });
});
