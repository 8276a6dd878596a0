import { DomainError, type Collection, type Doc } from '@fulfillment-mesh/runtime';

/** Which envelope a control number is for. */
export type ControlNumberKind = 'interchange' | 'group' | 'transaction';

/** A persisted counter (collection `edi_control_numbers`, `_id` = `<scope>|<kind>`). */
export interface ControlNumberDoc extends Doc {
  value: number;
}

/** Hands out control numbers that never repeat within a scope. */
export interface ControlNumberAllocator {
  /** The next number for `kind` in `scope` (usually one trading-partner relationship); starts at 1. */
  next(kind: ControlNumberKind, scope: string): Promise<number>;
}

const LIMIT = 999_999_999; // ISA13 and GS06 hold at most 9 digits

/**
 * Creates an allocator backed by the store: each number is one atomic `$inc` on a counter document, so replicas
 * sharing the store never hand out the same number, and a restart continues where it stopped. Per-partner
 * scopes keep each partner's sequence gap-free, which is what partners check for lost or duplicated
 * interchanges. At the 9-digit limit it throws CONFLICT rather than wrapping into numbers already used.
 */
export function createControlNumberAllocator(deps: {
  collection: Collection<ControlNumberDoc>;
}): ControlNumberAllocator {
  return {
    async next(kind, scope) {
      const doc = await deps.collection.findOneAndUpdate(
        { _id: `${scope}|${kind}` },
        { $inc: { value: 1 } },
        { upsert: true },
      );
      if (!doc) throw new Error(`control number counter ${scope}|${kind} could not be incremented`);
      if (doc.value > LIMIT)
        throw new DomainError(
          'CONFLICT',
          `Control numbers for ${kind} in scope "${scope}" are exhausted (limit ${LIMIT})`,
          { scope, kind },
        );
      return doc.value;
    },
  };
}

/** ISA13: nine digits, zero-padded. */
export function interchangeControlNumber(value: number): string {
  return String(value).padStart(9, '0');
}

/** ST02: at least four digits, zero-padded. */
export function transactionControlNumber(value: number): string {
  return String(value).padStart(4, '0');
}
