import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, visit, type DocumentNode } from 'graphql';
import type { AuthorizationContext } from '../authorization.js';
import { AccessDomainError } from '../errors.js';
import { withHttpStatus } from './http-errors.js';

/** The environment variable that turns introspection for anonymous callers on or off. */
export const ANONYMOUS_INTROSPECTION_ENV = 'FM_ANONYMOUS_INTROSPECTION';

/**
 * Whether anonymous callers may introspect: `FM_ANONYMOUS_INTROSPECTION=on|off`, by default off when
 * `NODE_ENV=production` and on otherwise (local tools and codegen). Any other value fails start-up.
 */
export function anonymousIntrospectionFromEnv(env: NodeJS.ProcessEnv): boolean {
  const value = env[ANONYMOUS_INTROSPECTION_ENV]?.trim().toLowerCase();
  if (value === undefined || value === '') return env.NODE_ENV !== 'production';
  if (value === 'on' || value === 'off') return value === 'on';
  throw new Error(
    `${ANONYMOUS_INTROSPECTION_ENV} must be "on" or "off", received "${env[ANONYMOUS_INTROSPECTION_ENV]}"`,
  );
}

/**
 * Refuses `__schema` / `__type` to anonymous callers when `allowAnonymous` is false (403 FORBIDDEN, nothing
 * executed); authenticated clients keep introspection, `__typename` is always allowed. Needs `context.client`.
 */
export function introspectionPlugin<TContext extends BaseContext & AuthorizationContext>(options: {
  allowAnonymous: boolean;
}): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (options.allowAnonymous || (contextValue.client && !contextValue.client.anonymous)) return;
      return {
        async didResolveOperation({ document }) {
          if (!introspects(document)) return;
          const reason = `Introspection is disabled for anonymous callers (${ANONYMOUS_INTROSPECTION_ENV}=off or NODE_ENV=production): send an API key or token`;
          throw withHttpStatus(new AccessDomainError('FORBIDDEN', reason, { field: '__schema' }));
        },
      };
    },
  };
}

// A syntactic check (fragments included): the graphql module that built the schema may not be this package's copy.
function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}
