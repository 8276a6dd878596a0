import { createHash } from 'node:crypto';
import { DomainError } from './errors.js';

/**
 * Exact idempotency (Stripe's rule): a retry with the same key and the same content answers the original
 * result; the same key with different content is a CONFLICT naming the fields that differ — never silently the
 * first answer. These helpers compare two submissions field by field.
 */

/** The leaf paths (`customer.name`, `lines[1].quantity`) at which `a` and `b` differ, in document order. */
export function differingFields(a: unknown, b: unknown, path = ''): string[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...differingFields(a[i], b[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(a) && isObject(b)) {
    const out: string[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      out.push(...differingFields(a[key], b[key], path ? `${path}.${key}` : key));
    }
    return out;
  }
  // null and undefined both mean "not given".
  if (a == null && b == null) return [];
  return [path || '(document)'];
}

/** One leaf of a {@link fingerprint}: its path and a short hash of its value. */
export type FingerprintEntry = [path: string, hash: string];

/**
 * A compact, storable stand-in for a document's content: one short hash per leaf path, or a single entry for
 * the whole document when it has more than `maxFields` leaves (the fields that differ are then not named).
 * Stored as pairs because stores refuse field names containing dots.
 */
export function fingerprint(value: unknown, maxFields = 500): FingerprintEntry[] {
  const leaves: FingerprintEntry[] = [];
  const visit = (item: unknown, path: string): boolean => {
    if (Array.isArray(item)) return item.every((v, i) => visit(v, `${path}[${i}]`));
    if (isObject(item)) return Object.keys(item).every((k) => visit(item[k], path ? `${path}.${k}` : k));
    if (item == null) return true;
    if (leaves.length >= maxFields) return false;
    leaves.push([path || '(document)', shortHash(JSON.stringify(item))]);
    return true;
  };
  return visit(value, '') ? leaves : [['(document)', shortHash(JSON.stringify(value) ?? '')]];
}

/** The paths at which two fingerprints differ (a leaf present in only one of them counts). */
export function differingFingerprints(a: readonly FingerprintEntry[], b: readonly FingerprintEntry[]): string[] {
  const left = new Map(a);
  const right = new Map(b);
  const out: string[] = [];
  for (const [path, hash] of left) if (right.get(path) !== hash) out.push(path);
  for (const path of right.keys()) if (!left.has(path)) out.push(path);
  return out;
}

/** CONFLICT: `what` was first submitted with different content; names up to 10 of the differing fields. */
export function idempotencyConflict(what: string, fields: readonly string[]): DomainError {
  const named = fields.slice(0, 10).join(', ') + (fields.length > 10 ? ` and ${fields.length - 10} more` : '');
  return new DomainError('CONFLICT', `${what} was already submitted with different content (differs in: ${named})`, {
    fields: [...fields],
  });
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
