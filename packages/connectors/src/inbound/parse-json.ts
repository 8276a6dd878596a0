import type { z } from 'zod';
import { describeIssues } from '@fulfillment-mesh/events';
import { parseJsonText } from './json-text.js';

/** Thrown by a parse or map step for a document that cannot be applied as it is (kept as a dead letter). */
export class UnprocessableDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableDocumentError';
  }
}

/**
 * A parse step for JSON webhooks: decodes the raw bytes as UTF-8 JSON (integers beyond 2^53 kept as strings,
 * see `parseJsonText`; declare ids with `externalId`) and validates them with `schema`; throws
 * {@link UnprocessableDocumentError} saying what was wrong (`malformed JSON: …`, `invalid document: path: …`).
 */
export function parseJson<S extends z.ZodType>(schema: S): (raw: Buffer) => z.output<S> {
  return (raw) => {
    let value: unknown;
    try {
      value = parseJsonText(raw.toString('utf8'));
    } catch (error) {
      throw new UnprocessableDocumentError(`malformed JSON: ${(error as Error).message}`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new UnprocessableDocumentError(`invalid document: ${describeIssues(parsed.error)}`);
    return parsed.data;
  };
}
