import { describe, expect, it } from 'vitest';
import {
  anonymousIntrospectionFromEnv,
  confineToOwner,
  customerForWrite,
  mayAccessOwner,
  ownerOf,
  partnerOwned,
  type Client,
} from '../src/index.js';

const partner: Client = { id: 'p-acme', kind: 'partner', partnerId: 'ACME', scopes: ['orders:read'] };
const console_: Client = { id: 'cs', kind: 'console', scopes: ['orders:read'] };

describe('the one tenant rule', () => {
  it('confines a partner to its own customer and leaves other kinds to their scopes', () => {
    expect([
      mayAccessOwner(partner, 'ACME'),
      mayAccessOwner(partner, 'OTHER'),
      mayAccessOwner(partner, undefined),
    ]).toEqual([true, false, false]);
    expect([mayAccessOwner(console_, 'OTHER'), mayAccessOwner(console_, undefined)]).toEqual([true, true]);
  });

  it('reads the owner stored on an entity: customerId, or the customer of an order', () => {
    expect([
      ownerOf({ customerId: 'A' }),
      ownerOf({ customer: { id: 'B' } }),
      ownerOf({ orderId: 'O-1' }),
      ownerOf(null),
    ]).toEqual(['A', 'B', undefined, undefined]);
  });

  it("answers another customer's entity with the NOT_FOUND an unknown id gets, not FORBIDDEN", () => {
    expect(partnerOwned(partner, { _id: 'SH-1', customerId: 'ACME' }, {}, {}, { typeName: 'Shipment' })).toBe(true);
    const denied = partnerOwned(partner, { _id: 'SH-2', customerId: 'OTHER' }, {}, {}, { typeName: 'Shipment' });
    expect(denied).toMatchObject({ code: 'NOT_FOUND', message: 'Shipment "SH-2" was not found' });
    expect(partnerOwned(console_, { _id: 'SH-2', customerId: 'OTHER' }, {}, {}, { typeName: 'Shipment' })).toBe(true);
  });

  it('confines list filters in the query, so a filter naming another customer matches nothing', () => {
    expect(confineToOwner(console_, { status: 'OPEN' }, 'customerId')).toEqual({ status: 'OPEN' });
    expect(confineToOwner(partner, { customerId: 'OTHER' }, 'customerId')).toEqual({
      $and: [{ customerId: 'OTHER' }, { customerId: 'ACME' }],
    });
  });

  it("takes a partner's write owner from its identity and refuses another customer with FORBIDDEN naming the field", () => {
    expect([
      customerForWrite(partner, 'ACME', 'input.customer.id'),
      customerForWrite(partner, null, 'input.customer.id'),
    ]).toEqual(['ACME', 'ACME']);
    expect(() => customerForWrite(partner, 'OTHER', 'input.customer.id')).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: expect.stringContaining('input.customer.id must be your own customer id "ACME"'),
      }),
    );
    expect(customerForWrite(console_, 'OTHER', 'input.customer.id')).toBe('OTHER');
  });
});

describe('introspection for anonymous callers', () => {
  it('is off under NODE_ENV=production unless FM_ANONYMOUS_INTROSPECTION turns it on, and refuses other values', () => {
    expect(anonymousIntrospectionFromEnv({ NODE_ENV: 'production' })).toBe(false);
    expect(anonymousIntrospectionFromEnv({ NODE_ENV: 'production', FM_ANONYMOUS_INTROSPECTION: 'on' })).toBe(true);
    expect(anonymousIntrospectionFromEnv({})).toBe(true);
    expect(anonymousIntrospectionFromEnv({ FM_ANONYMOUS_INTROSPECTION: 'off' })).toBe(false);
    expect(() => anonymousIntrospectionFromEnv({ FM_ANONYMOUS_INTROSPECTION: 'maybe' })).toThrow(
      'FM_ANONYMOUS_INTROSPECTION must be "on" or "off", received "maybe"',
    );
  });
});
