import type { z } from 'zod';
import { describeIssues } from '@fulfillment-mesh/events';
import { cleanInput, isDomainError } from '@fulfillment-mesh/runtime';
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
 * The validated document then passes the input hygiene of every door ({@link hygienic}).
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
    return hygienic(parsed.data);
  };
}

/**
 * The input hygiene every door applies (`cleanInput` of @fulfillment-mesh/runtime, as on GraphQL arguments):
 * strings trimmed and length-bounded, no C0 control or bidi override characters, quantity fields whole numbers
 * within MAX_LINE_QUANTITY. Returns the cleaned copy; throws {@link UnprocessableDocumentError} naming the
 * field's path in the document and the rule (`invalid document: Invalid line_items[0].quantity: expected …`).
 */
export function hygienic<T>(document: T, path = ''): T {
  try {
    return cleanInput(document, path);
  } catch (error) {
    if (isDomainError(error) && error.code === 'INVALID_INPUT') {
      throw new UnprocessableDocumentError(`invalid document: ${error.message}`);
    }
    throw error;
  }
}
