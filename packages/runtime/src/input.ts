import { invalidInput } from './errors.js';

/**
 * Input hygiene shared by every door (GraphQL arguments, webhooks, EDI elements, CSV cells): one set of rules so
 * that a value refused on one door is refused on all of them, with the same INVALID_INPUT naming field and rule.
 */

/** Largest quantity one line may carry unless `MAX_LINE_QUANTITY` says otherwise. */
export const DEFAULT_MAX_LINE_QUANTITY = 100_000;

/** Longest accepted text value (after trimming) unless `MAX_TEXT_LENGTH` says otherwise, in UTF-16 code units. */
export const DEFAULT_MAX_TEXT_LENGTH = 2_000;

/** The limits applied by {@link cleanInput}; read once from the environment by {@link hygieneLimits}. */
export interface HygieneLimits {
  /** Largest absolute value of a quantity field; default {@link DEFAULT_MAX_LINE_QUANTITY}. */
  maxQuantity: number;
  /** Longest text value; default {@link DEFAULT_MAX_TEXT_LENGTH}. */
  maxTextLength: number;
}

/** The limits from `MAX_LINE_QUANTITY` and `MAX_TEXT_LENGTH` (positive integers), else the defaults. */
export function hygieneLimits(env: NodeJS.ProcessEnv = process.env): HygieneLimits {
  return {
    maxQuantity: positive(env, 'MAX_LINE_QUANTITY', DEFAULT_MAX_LINE_QUANTITY),
    maxTextLength: positive(env, 'MAX_TEXT_LENGTH', DEFAULT_MAX_TEXT_LENGTH),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

// C0 controls other than tab, line feed and carriage return, and DEL: invisible, and NUL truncates C strings
// downstream (ERP, label printers). Tab/CR/LF stay: notes and addresses legitimately carry them.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Bidirectional embeddings, overrides and isolates: they make "txt.exe" display as "exe.txt" (CVE-2021-42574).
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** Why a text value is refused, as a rule a person can act on; null when it is acceptable. */
export function textViolation(value: string, maxLength: number = hygieneLimits().maxTextLength): string | null {
  const control = CONTROL.exec(value);
  if (control) return `no control characters (found U+${codePoint(control[0])})`;
  const bidi = BIDI.exec(value);
  if (bidi) return `no bidirectional override characters (found U+${codePoint(bidi[0])})`;
  if (value.length > maxLength) return `at most ${maxLength} characters (found ${value.length})`;
  return null;
}

/** Why a quantity is refused (not a whole number, or beyond ±max); null when it is acceptable. */
export function quantityViolation(value: number, max: number = hygieneLimits().maxQuantity): string | null {
  if (!Number.isSafeInteger(value)) return `a whole number (found ${value})`;
  if (Math.abs(value) > max) return `at most ${max} (MAX_LINE_QUANTITY; found ${value})`;
  return null;
}

/** Trims `value` and checks it; throws INVALID_INPUT naming `field` and the rule. */
export function cleanText(field: string, value: string, maxLength?: number): string {
  const trimmed = value.trim();
  const violation = textViolation(trimmed, maxLength);
  if (violation) throw invalidInput(field, violation, trimmed);
  return trimmed;
}

/** Checks a quantity; throws INVALID_INPUT naming `field` and the rule. */
export function checkQuantity(field: string, value: number, max?: number): number {
  const violation = quantityViolation(value, max);
  if (violation) throw invalidInput(field, violation, value);
  return value;
}

/** True for a field name that holds a quantity (`quantity`, `shippedQuantity`, `qty`, `on_hand_qty` …). */
export function isQuantityField(name: string): boolean {
  return /(quantity|qty)$/i.test(name);
}

/**
 * Walks a decoded input (arguments, a JSON body, a CSV row) and returns it with every string trimmed; throws
 * INVALID_INPUT naming the path (`input.customer.name`, `lines[0].quantity`) of the first value that breaks a
 * rule: text with control or bidi override characters or longer than the limit, or a number under a quantity
 * field name that is not a whole number within ±MAX_LINE_QUANTITY. Objects are copied, never mutated.
 */
export function cleanInput<T>(value: T, path: string, limits: HygieneLimits = hygieneLimits()): T {
  return walk(value, path, limits, null) as T;
}

function walk(value: unknown, path: string, limits: HygieneLimits, key: string | null): unknown {
  if (typeof value === 'string') return cleanText(path, value, limits.maxTextLength);
  if (typeof value === 'number')
    return key !== null && isQuantityField(key) ? checkQuantity(path, value, limits.maxQuantity) : value;
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`, limits, key));
  if (value === null || typeof value !== 'object' || !isPlain(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value))
    out[name] = walk(item, path ? `${path}.${name}` : name, limits, name);
  return out;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function codePoint(char: string): string {
  return char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}
