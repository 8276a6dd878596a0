import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { locations, product, tinyDataset } from './fixtures.js';
import { post } from './helpers.js';

/**
 * `inventoryChanged(channel:)` delivers only changes at locations the channel may ship from (inventory's channel
 * rules: marketplaces ship from DCs only, store orders from stores and DCs).
 */
const ADJUST = /* GraphQL */ `
  mutation Adjust($input: AdjustInventoryInput!) {
    adjustInventory(input: $input) {
      onHand
    }
  }
`;
const WATCH = /* GraphQL */ `
  subscription Watch($channel: Channel) {
    inventoryChanged(skus: ["GEAR"], channel: $channel, after: "0-0") {
      sku
      reason
      location {
        id
      }
    }
  }
`;

type Change = { sku: string; reason: string; location: { id: string } };

describe('inventoryChanged filtered by channel', () => {
  let mesh: RunningMesh;
  let operator: Record<string, string>;
  let client: Client;

  beforeAll(async () => {
    const store = { ...locations[0]!, id: 'store-nyc', name: 'NYC Store', kind: 'STORE' as const };
    const dataset = tinyDataset([product('GEAR', '3.00')], { GEAR: { 'dc-east': 10, 'store-nyc': 10 } });
    mesh = await startMesh({
      inMemory: true,
      randomPorts: true,
      dataset: { ...dataset, locations: [...dataset.locations, store] },
    });
    operator = await mesh.headersFor('operator');
    client = createClient({
      url: mesh.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: operator,
    });
  });
  afterAll(async () => {
    await client?.dispose();
    await mesh?.close();
  });

  /** Replays the subscription from the start of retention until `last` matches, resolving with what it saw. */
  const watchUntil = (channel: string, last: (change: Change) => boolean) =>
    new Promise<Change[]>((resolve, reject) => {
      const seen: Change[] = [];
      const stop = client.subscribe(
        { query: WATCH, variables: { channel } },
        {
          next: (result) => {
            if (result.errors) return reject(new Error(JSON.stringify(result.errors)));
            const change = (result.data as { inventoryChanged: Change }).inventoryChanged;
            seen.push(change);
            if (last(change)) {
              stop();
              resolve(seen);
            }
          },
          error: reject,
          complete: () => {},
        },
      );
    });

  const adjust = async (locationId: string, reason: string) => {
    const input = { sku: 'GEAR', locationId, delta: { onHand: 1 }, reason };
    const res = await post(mesh.gatewayUrl, ADJUST, { input }, operator);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  };

  it('sends a marketplace subscriber changes at DCs only, and a store subscriber those at stores too', async () => {
    await adjust('store-nyc', 'RECEIVED');
    await adjust('dc-east', 'ADJUSTED'); // the last change: once a watch sees it, it has seen the store change too
    const isLast = (c: Change) => c.location.id === 'dc-east' && c.reason === 'ADJUSTED';

    const marketplace = await watchUntil('MARKETPLACE', isLast);
    expect(marketplace.map((c) => c.location.id)).not.toContain('store-nyc');
    const store = await watchUntil('STORE', isLast);
    expect(store.map((c) => `${c.location.id} ${c.reason}`)).toEqual(
      expect.arrayContaining(['store-nyc RECEIVED', 'dc-east ADJUSTED']),
    );
  });
});
