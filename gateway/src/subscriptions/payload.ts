import type { EventEnvelope } from '@fulfillment-mesh/events';
import type { PayloadTemplate, PayloadValue, SubscriptionFieldSpec } from './manifest.js';

/** Reads one value out of an envelope. */
export type EnvelopeGetter = (event: EventEnvelope) => unknown;

/** Compiles a `$.a.b` path into a getter over the envelope (missing steps give undefined). */
export function compilePath(path: string): EnvelopeGetter {
  const steps = path.slice(2).split('.').filter(Boolean);
  return (event) => {
    let value: unknown = event;
    for (const step of steps) {
      if (typeof value !== 'object' || value === null) return undefined;
      value = (value as Record<string, unknown>)[step];
    }
    return value;
  };
}

/** Builds the payload root of one event (without cursor and eventId). */
export type PayloadBuilder = (event: EventEnvelope) => Record<string, unknown>;

/**
 * Compiles a field's payload templates once at start-up, so that each event costs a few property reads. Missing
 * values become null: a nullable payload field then resolves to null, a non-null one fails visibly in hydration.
 */
export function compilePayload(
  spec: Pick<SubscriptionFieldSpec, 'payload' | 'payloadByType'>,
): (type: string) => PayloadBuilder {
  const base = compileTemplate(spec.payload);
  const byType = new Map(
    Object.entries(spec.payloadByType ?? {}).map(([type, overrides]) => [
      type,
      compileTemplate({ ...spec.payload, ...overrides }),
    ]),
  );
  return (type) => byType.get(type) ?? base;
}

function compileTemplate(template: PayloadTemplate): PayloadBuilder {
  const entries = Object.entries(template).map(([key, value]) => [key, compileValue(value)] as const);
  return (event) => {
    const out: Record<string, unknown> = {};
    for (const [key, get] of entries) out[key] = get(event) ?? null;
    return out;
  };
}

function compileValue(value: PayloadValue): EnvelopeGetter {
  if (typeof value === 'string' && value.startsWith('$.')) return compilePath(value);
  if (typeof value === 'object' && value !== null) return compileTemplate(value);
  return () => value;
}
