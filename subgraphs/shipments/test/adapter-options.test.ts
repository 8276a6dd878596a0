import { describe, expect, it } from 'vitest';
import { adapterOptionsFromEnv } from '../src/adapters/index.js';

describe('shipments adapter options from the environment', () => {
  it('reads the 940 acknowledgement watch from EDI_940_* and ignores values that are not whole numbers', () => {
    const options = adapterOptionsFromEnv({
      EDI_945_WAREHOUSES: 'WH3PL=THREE_PL-1',
      EDI_940_ACK_TIMEOUT_MS: '900000',
      EDI_940_MAX_RESENDS: '5',
      EDI_940_SWEEP_MS: 'soon',
    });
    expect(options.edi940).toEqual({ ackTimeoutMs: 900_000, maxResends: 5 });
    expect(options.ediWarehouses).toEqual({ WH3PL: 'THREE_PL-1' });
  });

  it('leaves the 940 watch at its defaults when no EDI_940_* variable is set', () => {
    expect(adapterOptionsFromEnv({}).edi940).toBeUndefined();
  });
});
