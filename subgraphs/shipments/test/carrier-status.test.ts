import { describe, expect, it } from 'vitest';
import { CARRIER_STATUS_TABLE, milestoneStatusOfCarrierCode } from '../src/domain/carrier-status.js';

describe('carrier status normalisation', () => {
  it.each([
    ['pre_transit', 'LABEL_CREATED'],
    ['in_transit', 'IN_TRANSIT'],
    ['out_for_delivery', 'OUT_FOR_DELIVERY'],
    ['available_for_pickup', 'OUT_FOR_DELIVERY'],
    ['delivered', 'DELIVERED'],
    ['return_to_sender', 'RETURNED_TO_SENDER'],
    ['failure', 'EXCEPTION'],
    ['cancelled', 'CANCELLED'],
    ['unknown', null],
  ])('maps %s to %s', (code, status) => {
    expect(milestoneStatusOfCarrierCode(code)).toBe(status);
  });

  it('covers exactly the EasyPost tracking statuses', () => {
    expect(Object.keys(CARRIER_STATUS_TABLE)).toHaveLength(9);
  });

  it('reads codes in any casing, with spaces or hyphens', () => {
    expect(milestoneStatusOfCarrierCode(' In Transit ')).toBe('IN_TRANSIT');
    expect(milestoneStatusOfCarrierCode('OUT-FOR-DELIVERY')).toBe('OUT_FOR_DELIVERY');
  });

  it('refuses a code outside the table naming the field, prototype names included', () => {
    for (const code of ['lost', 'constructor', '']) {
      expect(() => milestoneStatusOfCarrierCode(code)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', details: expect.objectContaining({ field: 'carrierCode' }) }),
      );
    }
  });
});
