import { findRepoRoot } from '@fulfillment-mesh/runtime';
import { describe, expect, it } from 'vitest';
import { loadSubscriptionManifest, parseSubscriptionManifest } from '../src/subscriptions/manifest.js';

describe('manifest misuse', () => {
  const valid = {
    subscriptions: {
      f: {
        stream: 's',
        events: ['a.b.c'],
        filters: {},
        hydration: { field: 'h', argument: 'event' },
        payload: { x: '$.data.x' },
      },
    },
  };
  const withField = (patch: Record<string, unknown>) => ({
    subscriptions: { f: { ...valid.subscriptions.f, ...patch } },
  });

  it('accepts a minimal manifest and defaults the resume argument to "after"', () => {
    expect(parseSubscriptionManifest(valid).resumeArgument).toBe('after');
  });

  it('reads the repository manifest', () => {
    const manifest = loadSubscriptionManifest(findRepoRoot());
    expect(Object.keys(manifest.fields)).toEqual([
      'inventoryChanged',
      'orderStatusChanged',
      'shipmentUpdated',
      'exceptionRaised',
    ]);
    expect(manifest.fields.shipmentUpdated!.events).toContain('shipments.milestone.recorded');
    // Tenant data: partners get only their own customer's order and shipment events (docs/access.md).
    expect([
      manifest.fields.orderStatusChanged!.owner,
      manifest.fields.shipmentUpdated!.owner,
      manifest.fields.inventoryChanged!.owner,
    ]).toEqual(['$.data.customerId', '$.data.customerId', undefined]);
  });

  it.each([
    [withField({ stream: 3 }), 'test: subscriptions.f.stream: expected a stream name, received 3'],
    [withField({ events: [] }), 'test: subscriptions.f.events: expected a non-empty list of event types, received []'],
    [
      withField({ filters: { x: 'data.x' } }),
      'test: subscriptions.f.filters.x: expected a "$.path" or { "custom": "<filter name>" }, received "data.x"',
    ],
    [
      withField({ owner: 'data.customerId' }),
      'test: subscriptions.f.owner: expected a "$.path" to the owning customer id, received "data.customerId"',
    ],
    [
      withField({ hydration: { field: 'h' } }),
      'test: subscriptions.f.hydration: expected { "field": "<query field>", "argument": "<input argument>" }, received {"field":"h"}',
    ],
    [
      withField({ payload: { cursor: '$.id' } }),
      'test: subscriptions.f.payload.cursor: expected no mapping (the gateway sets it), received "$.id"',
    ],
    [
      withField({ payload: { x: ['$.a'] } }),
      'test: subscriptions.f.payload.x: expected a "$.path", a literal or an object, received ["$.a"]',
    ],
    [
      withField({ payloadByType: { 'x.y.z': { a: 1 } } }),
      'test: subscriptions.f.payloadByType: expected only types listed in events (a.b.c), received "x.y.z"',
    ],
    [{ subscriptions: [] }, 'test: subscriptions: expected an object of field name → spec, received []'],
  ])('names the bad entry: %#', (raw, message) => {
    expect(() => parseSubscriptionManifest(raw, 'test')).toThrow(message);
  });
});
