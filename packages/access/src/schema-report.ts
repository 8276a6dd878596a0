import {
  deprecationsWithoutRemoval,
  diffSchemas,
  reviewBreakingChanges,
  type SchemaChangesFile,
} from './schema-diff.js';
import { checkOperations, type RegisteredDocument } from './usage/checks.js';
import type { UsageExport } from './usage/reader.js';

/** Outcome of a schema check: the readable report and whether the check passed. */
export interface SchemaCheckResult {
  ok: boolean;
  report: string;
}

/**
 * Checks the current API schema against the baseline: fails on breaking changes not declared deliberate
 * and on deprecations without a removal version; reports dangerous and safe changes and stale declarations.
 * `changesFile` names the deliberate-list file in the hints.
 */
export function checkSchema(input: {
  baseline: string;
  current: string;
  changes: SchemaChangesFile;
  changesFile: string;
  /** Registered persisted documents of every client: each must validate against `current`. */
  registered?: RegisteredDocument[];
  /** Observed operations (a usage export): broken ones and overdue deprecations in use are reported. */
  usage?: UsageExport;
  now?: Date;
}): SchemaCheckResult {
  const diff = diffSchemas(input.baseline, input.current);
  const review = reviewBreakingChanges(diff, input.changes.deliberate);
  const deprecations = deprecationsWithoutRemoval(input.current);
  const lines: string[] = [];
  const section = (title: string, count: number) => lines.push('', `${title} (${count}):`);

  section('Breaking changes', diff.breaking.length);
  for (const change of review.unapproved) {
    lines.push(`  FAIL  ${change.type}: ${change.description}`);
    lines.push(
      `        not declared deliberate; if it is, add to ${input.changesFile}: ${JSON.stringify({ change: change.description, reason: '<why, and how clients were told>' })}`,
    );
  }
  for (const change of review.approved)
    lines.push(`  ok    ${change.type}: ${change.description} (deliberate: ${change.reason})`);
  section('Dangerous changes', diff.dangerous.length);
  for (const change of diff.dangerous) lines.push(`  warn  ${change.type}: ${change.description}`);
  section('Safe changes', diff.safe.length);
  for (const change of diff.safe) lines.push(`  +     ${change.type}: ${change.description}`);
  section('Deprecations without a removal version', deprecations.length);
  for (const problem of deprecations)
    lines.push(
      `  FAIL  ${problem.coordinate}: "${problem.reason}" (end the reason with "Removal in v<major>.<minor>" or "Remove after YYYY-MM-DD")`,
    );
  if (review.stale.length > 0) {
    section(`Deliberate entries in ${input.changesFile} matching no change`, review.stale.length);
    for (const entry of review.stale) lines.push(`  warn  ${entry.change}`);
  }

  const operations =
    input.registered !== undefined || input.usage !== undefined
      ? checkOperations({
          schema: input.current,
          registered: input.registered ?? [],
          ...(input.usage ? { usage: input.usage } : {}),
          declaredBreaks: review.unapproved.length === 0,
          ...(input.now ? { now: input.now } : {}),
        })
      : { lines: [], failures: [] };
  lines.push(...operations.lines);

  const failures = [
    review.unapproved.length > 0
      ? `${review.unapproved.length} undeclared breaking change${review.unapproved.length > 1 ? 's' : ''}`
      : '',
    deprecations.length > 0
      ? `${deprecations.length} deprecation${deprecations.length > 1 ? 's' : ''} without a removal version`
      : '',
    ...operations.failures,
  ].filter(Boolean);
  const ok = failures.length === 0;
  lines.push('', ok ? 'Schema check passed.' : `Schema check FAILED: ${failures.join(', ')}.`);
  return { ok, report: lines.join('\n').trimStart() };
}
