import { DomainError } from '@fulfillment-mesh/runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backoffDelay, createEvent, createEventRegistry, defineEvent, isEvent, parseEnvelope } from '../src/index.js';

const adjusted = defineEvent({
  type: 'inventory.position.adjusted',
  version: 1,
  schema: z.object({ sku: z.string(), onHand: z.number().int() }),
  description: 'On-hand quantity of a position changed.',
});
const adjustedV2 = defineEvent({
  type: 'inventory.position.adjusted',
  version: 2,
  schema: z.object({ sku: z.string(), onHand: z.number().int(), reason: z.string().default('count') }),
  description: 'On-hand quantity of a position changed, with the reason.',
});

describe('event envelope', () => {
  it('builds a CloudEvents 1.0 envelope with the schema version and a fresh id', () => {
    const event = createEvent(adjusted, {
      source: '/subgraphs/inventory',
      subject: 'FM-FAS-00001@dc-east',
      data: { sku: 'FM-FAS-00001', onHand: 4 },
    });
    expect(event).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: '/subgraphs/inventory',
      type: 'inventory.position.adjusted',
      subject: 'FM-FAS-00001@dc-east',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      datacontenttype: 'application/json',
      dataschema: 'urn:fulfillment-mesh:inventory.position.adjusted:v1',
      dataversion: 1,
      data: { sku: 'FM-FAS-00001', onHand: 4 },
    });
    expect(isEvent(adjusted, event)).toBe(true);
    expect(isEvent(adjustedV2, event)).toBe(false);
  });

  it('rejects invalid data naming the event type and the failing path', () => {
    const attempt = () => createEvent(adjusted, { source: '/s', subject: 'x', data: { sku: 'A', onHand: 1.5 } });
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(/^Invalid data for event inventory\.position\.adjusted v1: onHand: /);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID_INPUT',
        details: { eventType: 'inventory.position.adjusted', path: 'onHand' },
      });
    }
  });

  it('refuses event types that are not <domain>.<entity>.<verb> and versions below 1', () => {
    const schema = z.object({});
    expect(() => defineEvent({ type: 'PositionAdjusted', version: 1, schema, description: '' })).toThrow(
      /expected <domain>\.<entity>\.<past-tense-verb>/,
    );
    expect(() => defineEvent({ type: 'a.b.c', version: 0, schema, description: '' })).toThrow(
      /expected a whole number >= 1, received 0/,
    );
  });

  it('parses stored envelopes without throwing', () => {
    expect(parseEnvelope('{not json')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^malformed envelope: /),
    });
    expect(parseEnvelope('{"specversion":"0.3"}')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('specversion'),
    });
  });
});

describe('event registry', () => {
  const registry = createEventRegistry([adjusted, adjustedV2]);
  const event = createEvent(adjusted, { source: '/s', subject: 'x', data: { sku: 'A', onHand: 1 } });

  it('accepts every registered version and returns the parsed data', () => {
    expect(registry.check(event)).toMatchObject({ ok: true, definition: adjusted });
    const v2 = createEvent(adjustedV2, { source: '/s', subject: 'x', data: { sku: 'A', onHand: 1 } });
    expect(registry.check(v2)).toMatchObject({ ok: true, event: { data: { reason: 'count' } } });
  });

  it('explains why an envelope cannot be handled', () => {
    expect(registry.check({ ...event, type: 'inventory.position.moved' })).toEqual({
      ok: false,
      reason: 'unknown type',
    });
    expect(registry.check({ ...event, dataversion: 3 })).toEqual({
      ok: false,
      reason: 'unsupported version 3 (max 2)',
    });
    expect(registry.check({ ...event, data: { sku: 'A' } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^invalid data: onHand: /),
    });
  });

  it('reads the current and the previous version with a reader of the current one, and nothing older', () => {
    const readerOfV2 = createEventRegistry([adjustedV2]);
    expect(readerOfV2.check(event)).toMatchObject({
      ok: true,
      definition: adjustedV2,
      event: { data: { sku: 'A', reason: 'count' } },
    });
    expect(readerOfV2.check({ ...event, dataversion: 0 })).toEqual({
      ok: false,
      reason: 'unsupported version 0 (max 2)',
    });
    expect(createEventRegistry([adjusted]).check({ ...event, dataversion: 2 })).toEqual({
      ok: false,
      reason: 'unsupported version 2 (max 1)',
    });
  });

  it('refuses to register the same type and version twice', () => {
    expect(() => registry.register(adjusted)).toThrow(/already registered/);
    expect(registry.list().map((d) => d.version)).toEqual([1, 2]);
  });
});

describe('retry backoff', () => {
  it('is exponential with full jitter and capped', () => {
    const top = () => 1;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { baseMs: 100, maxMs: 500 }, top))).toEqual([100, 200, 400, 500]);
    expect(backoffDelay(3, { baseMs: 100 }, () => 0)).toBe(0);
    expect(backoffDelay(30, {}, top)).toBe(30_000);
  });
});
