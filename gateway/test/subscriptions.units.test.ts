import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareEntryIds } from '../src/subscriptions/entry-id.js';
import { compileFilters } from '../src/subscriptions/filters.js';
import { createFieldRegistry } from '../src/subscriptions/registry.js';
import type { Subscriber } from '../src/subscriptions/subscriber.js';
import type { SubscriptionManifest } from '../src/subscriptions/manifest.js';
import { prepareSubscription, type PreparedSubscription } from '../src/subscriptions/operation.js';
import { compilePayload } from '../src/subscriptions/payload.js';
import { checkManifest } from '../src/subscriptions/schema-check.js';
import { apiSchemaOf, hydrationSupergraph } from '../src/subscriptions/supergraph.js';
import { FIXTURE_MANIFEST, envelope, stockAdjusted } from './support/mesh.js';
import { CATALOG_SDL, STOCK_SDL } from './support/subgraphs.js';

function composeFixture(stockSdl = STOCK_SDL): string {
  const result = composeServices([
    { name: 'stock', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(stockSdl) },
    { name: 'catalog', url: 'http://127.0.0.1:2/graphql', typeDefs: parse(CATALOG_SDL) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

describe('entry ids', () => {
  it('orders by milliseconds, then sequence, whatever the digit counts', () => {
    expect(compareEntryIds('999-5', '1000-0')).toBeLessThan(0);
    expect(compareEntryIds('1000-10', '1000-9')).toBeGreaterThan(0);
    expect(compareEntryIds('1000-1', '1000-1')).toBe(0);
  });
});

describe('payload templates', () => {
  it('maps paths, literals and nested entity references, with per-type overrides and nulls for missing values', () => {
    const payloadFor = compilePayload({
      payload: {
        id: '$.data.id',
        status: '$.data.status',
        kind: 'FIXED',
        count: 3,
        ref: { id: '$.data.id' },
        missing: '$.data.nope.deeper',
      },
      payloadByType: { 'a.b.created': { status: 'NEW' } },
    });
    const event = envelope('a.b.changed', 's', { id: 'X', status: 'OLD' });
    expect(payloadFor('a.b.changed')(event)).toEqual({
      id: 'X',
      status: 'OLD',
      kind: 'FIXED',
      count: 3,
      ref: { id: 'X' },
      missing: null,
    });
    expect(payloadFor('a.b.created')(event)).toMatchObject({ status: 'NEW' });
  });
});

describe('argument filters', () => {
  const factory = compileFilters('stockChanged', FIXTURE_MANIFEST.fields.stockChanged!, {
    zone: (value, event) => String((event.data as { locationId: string }).locationId).startsWith(`${String(value)}-`),
  });

  it('matches any element of a list argument, ignores null arguments, and combines filters with AND', () => {
    const match = factory({ skus: ['A', 'B'], locationIds: null, zone: 'east' }, null);
    expect(match(stockAdjusted('A', 'east-1', 1))).toBe(true);
    expect(match(stockAdjusted('C', 'east-1', 1))).toBe(false);
    expect(match(stockAdjusted('B', 'west-1', 1))).toBe(false);
    expect(factory({}, null)(stockAdjusted('any', 'any', 1))).toBe(true);
    expect(factory({ skus: [] }, null)(stockAdjusted('A', 'east-1', 1))).toBe(false);
  });

  it('gives a subscriber confined to a tenant only the events its tenant owns, and events without an owner to nobody confined', () => {
    const spec = { ...FIXTURE_MANIFEST.fields.stockChanged!, filters: {}, owner: '$.data.customerId' };
    const confined = compileFilters<string>('stockChanged', spec, {}, (identity) =>
      identity === 'partner' ? 'C-1' : null,
    );
    const own = envelope('stock.adjusted', 's', { customerId: 'C-1' });
    const other = envelope('stock.adjusted', 's', { customerId: 'C-2' });
    const unowned = envelope('stock.adjusted', 's', {});
    const partner = confined({}, 'partner');
    expect([partner(own), partner(other), partner(unowned)]).toEqual([true, false, false]);
    const operator = confined({}, 'operator');
    expect([operator(own), operator(other), operator(unowned)]).toEqual([true, true, true]);
  });

  it('refuses to start when the manifest names a custom filter nobody supplied', () => {
    expect(() => compileFilters('stockChanged', FIXTURE_MANIFEST.fields.stockChanged!, {})).toThrow(
      'subscription field stockChanged: argument "zone" uses the custom filter "zone", which was not supplied (options.filters)',
    );
  });
});

describe('subscriber index', () => {
  it('visits only the subscribers whose indexed value matches, plus those that did not give one', () => {
    const registry = createFieldRegistry<null>(FIXTURE_MANIFEST.fields.stockChanged!);
    const sub = (name: string) => ({ fieldName: name }) as unknown as Subscriber<null>;
    const [a, ab, any, none] = [sub('a'), sub('ab'), sub('any'), sub('none')];
    registry.add(a!, { skus: ['A'] });
    registry.add(ab!, { skus: ['A', 'B', 'A'] });
    registry.add(any!, { locationIds: ['east-1'] });
    registry.add(none!, { skus: [] });
    const visited = (sku: string) =>
      registry.candidates(stockAdjusted(sku, 'east-1', 1)).flatMap((set) => [...set].map((s) => s.fieldName));

    expect(visited('A').sort()).toEqual(['a', 'ab', 'any']);
    expect(visited('B').sort()).toEqual(['ab', 'any']);
    expect(visited('C')).toEqual(['any']);
    registry.delete(ab!);
    registry.delete(any!);
    expect(visited('B')).toEqual([]);
    expect(registry.size).toBe(2);
  });
});

describe('hydration supergraph and operation rewriting', () => {
  let supergraph: string;
  beforeAll(() => {
    supergraph = composeFixture();
  });

  it('keeps hydration fields out of the public API and makes them plannable for the gateway only', () => {
    const publicSchema = apiSchemaOf(supergraph);
    const internal = apiSchemaOf(hydrationSupergraph(supergraph, FIXTURE_MANIFEST));
    expect(publicSchema.getQueryType()!.getFields().stockChangePayload).toBeUndefined();
    expect(publicSchema.getType('StockChangeInput')).toBeUndefined();
    expect(String(internal.getQueryType()!.getFields().stockChangePayload!.args[0]!.type)).toBe('StockChangeInput!');
    expect(checkManifest(FIXTURE_MANIFEST, publicSchema, internal).get('stockChanged')).toBe('StockChangeInput!');
  });

  it('rewrites a subscription into a query on the echo field with the same selection, fragments and used variables only', () => {
    const publicSchema = apiSchemaOf(supergraph);
    const prepared = prepareSubscription({
      schema: publicSchema,
      fields: FIXTURE_MANIFEST.fields,
      inputTypes: new Map([['stockChanged', 'StockChangeInput!']]),
      document: parse(`
        subscription Watch($skus: [ID!], $event: Int!, $unused: String) {
          live: stockChanged(skus: $skus, after: "1-0") { sku padding(bytes: $event) product { ...P } }
        }
        fragment P on Product { name details { ... on Gadget { voltage } } }
        fragment Unrelated on Product { sku }
      `),
      variableValues: { skus: 'A', event: 2, unused: 'x' },
    }) as PreparedSubscription;

    expect(prepared.args).toEqual({ skus: ['A'], after: '1-0' });
    expect(prepared.responseKey).toBe('live');
    expect(prepared.variables).toEqual({ event: 2 });
    expect(prepared.eventVariable).toBe('event1');
    expect(prepared.query).toBe(
      [
        'query Watch($event1: StockChangeInput!, $event: Int!) {',
        '  live: stockChangePayload(event: $event1) {',
        '    sku',
        '    padding(bytes: $event)',
        '    product {',
        '      ...P',
        '    }',
        '  }',
        '}',
        '',
        'fragment P on Product {',
        '  name',
        '  details {',
        '    ... on Gadget {',
        '      voltage',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    );
  });

  it('fails start-up listing every way the manifest and the supergraph disagree', () => {
    const broken: SubscriptionManifest = {
      ...FIXTURE_MANIFEST,
      fields: {
        ...FIXTURE_MANIFEST.fields,
        stockChanged: {
          ...FIXTURE_MANIFEST.fields.stockChanged!,
          filters: { color: '$.data.color' },
          hydration: { field: 'parcelUpdatePayload', argument: 'input' },
        },
        gone: { ...FIXTURE_MANIFEST.fields.parcelUpdated!, hydration: { field: 'nope', argument: 'event' } },
      },
    };
    const withoutParcels = composeFixture(
      STOCK_SDL.replace(/parcelUpdated\(parcelId: ID, after: String\): ParcelUpdate!/, ''),
    );
    const publicSchema = apiSchemaOf(withoutParcels);
    expect(() => checkManifest(broken, publicSchema, apiSchemaOf(hydrationSupergraph(withoutParcels, broken)))).toThrow(
      [
        'subscriptions.manifest.json does not match the supergraph:',
        '- Subscription.stockChanged has no argument "color" named in its filters',
        '- Query.parcelUpdatePayload returns ParcelUpdate, but Subscription.stockChanged returns StockChange',
        '- Query.parcelUpdatePayload has no argument "input"',
        "- Subscription.parcelUpdated is not in the supergraph's API schema (add it to the owning subgraph)",
        "- Subscription.gone is not in the supergraph's API schema (add it to the owning subgraph)",
      ].join('\n'),
    );
  });
});
