import type { DomainError } from '@fulfillment-mesh/runtime';
import { AccessDomainError } from './errors.js';
import type { Client } from './client.js';
import type { Requirement } from './authorization-directives.js';

/**
 * A named policy: true lets the client through, false denies with FORBIDDEN, and an Error denies with that error
 * instead (tenant isolation answers NOT_FOUND so as not to reveal that the value exists). `parent` is the field's
 * parent, or for type-level policies the value of that type; `target.typeName` names that type.
 */
export type Policy = (
  client: Client,
  parent: unknown,
  args: Record<string, unknown>,
  context: unknown,
  target?: { typeName: string },
) => boolean | Error | Promise<boolean | Error>;

/** What a check needs to know about one resolution. */
export interface CheckInput {
  client: Client | undefined;
  parent: unknown;
  args: Record<string, unknown>;
  context: unknown;
  /** How the denial names what was protected: `Type.field`, or `Type.field (type Order)`. */
  target: string;
  /** The type a type-level policy guards the value as; the field's return type otherwise. */
  typeName?: string;
}

/** Null when every requirement holds, else the FORBIDDEN error naming the target and what is missing (or a policy's own error). */
export async function checkRequirements(
  requirements: readonly Requirement[],
  input: CheckInput,
  policies: Readonly<Record<string, Policy>>,
): Promise<Error | null> {
  const { client, target } = input;
  for (const requirement of requirements) {
    if (requirement.kind === 'authenticated') {
      if (!client || client.anonymous) return forbidden(target, 'requires an authenticated client');
    } else if (requirement.kind === 'scopes') {
      const missing = missingScopes(requirement.anyOf, client?.scopes ?? []);
      if (missing) {
        const alternatives =
          requirement.anyOf.length > 1
            ? ` (any one of these sets is enough: ${requirement.anyOf.map((g) => `[${g.join(', ')}]`).join(' | ')})`
            : '';
        const what =
          missing.length === 0
            ? 'no scope set is declared'
            : `missing scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`;
        return forbidden(target, `${what}${alternatives}`, { missingScopes: missing });
      }
    } else {
      if (!client) return forbidden(target, 'requires an authenticated client');
      const denied = await deniedPolicy(requirement.anyOf, client, input, policies);
      if (denied instanceof Error) return denied;
      if (denied) return forbidden(target, `denied by policy ${denied}`, { policy: denied });
    }
  }
  return null;
}

/** Null when some AND-group is fully held; otherwise the missing scopes of the group closest to being held. */
export function missingScopes(anyOf: readonly (readonly string[])[], held: readonly string[]): string[] | null {
  if (anyOf.length === 0) return []; // an empty OR holds for nobody: fail closed
  const have = new Set(held);
  let closest: string[] | null = null;
  for (const group of anyOf) {
    const missing = group.filter((s) => !have.has(s));
    if (missing.length === 0) return null;
    if (!closest || missing.length < closest.length) closest = missing;
  }
  return closest ?? null;
}

// The first denial wins when no group holds: a policy's own error, else the name of the policy that said no.
async function deniedPolicy(
  anyOf: readonly (readonly string[])[],
  client: Client,
  input: CheckInput,
  policies: Readonly<Record<string, Policy>>,
): Promise<string | Error | null> {
  let firstDenied: string | Error | null = null;
  const target = input.typeName ? { typeName: input.typeName } : undefined;
  for (const group of anyOf) {
    let groupDenied: string | Error | null = null;
    for (const name of group) {
      const policy = policies[name];
      const verdict = policy ? await policy(client, input.parent, input.args, input.context, target) : false;
      if (verdict !== true) {
        groupDenied = verdict instanceof Error ? verdict : name;
        break;
      }
    }
    if (groupDenied === null) return null;
    firstDenied ??= groupDenied;
  }
  return firstDenied;
}

/** The FORBIDDEN error for `target` (a `Type.field`), with the reason. */
export function forbidden(target: string, reason: string, details: Record<string, unknown> = {}): DomainError {
  return new AccessDomainError('FORBIDDEN', `Not authorized to access ${target}: ${reason}`, {
    field: target.split(' ')[0],
    ...details,
  });
}
