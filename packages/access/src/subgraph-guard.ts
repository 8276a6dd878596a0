import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ServiceDirectory, SubgraphGuard } from '@fulfillment-mesh/runtime';
import type { GraphQLSchema } from 'graphql';
import { applyAuthorization, type AuthorizationOptions } from './authorization.js';
import type { Client } from './client.js';
import { IDENTITY_HEADER, signIdentity } from './internal-header.js';
import { createMemoryReplayGuard, type ReplayGuard } from './replay-guard.js';
import { requireFreshGatewayIdentity } from './subgraph.js';

/** Options of {@link createSubgraphGuard}. */
export interface SubgraphGuardOptions {
  /** `FM_IDENTITY_SECRET` (≥ 32 bytes), or several during a rotation. */
  secret: string | readonly string[];
  /** `@policy` implementations of this subgraph. */
  policies?: AuthorizationOptions['policies'];
  /** Where accepted fetch ids are remembered; default in this process's memory (Redis: `createRedisReplayGuard`). */
  replay?: ReplayGuard;
  /**
   * This subgraph's name (as the gateway's supergraph and the manifest call it): only identity headers signed
   * for it are accepted. Unset: only headers signed with no audience (tests, tools calling one subgraph).
   */
  audience?: string;
}

/**
 * What a subgraph is served with (`serveSubgraph(def, listen, guard)`): every request must carry the gateway's
 * signed identity (401 otherwise, and for a header already used once), which becomes `context.client`, and the schema's `@authenticated`,
 * `@requiresScopes` and `@policy` directives are enforced on every field, entity references included.
 */
export function createSubgraphGuard(options: SubgraphGuardOptions): SubgraphGuard {
  const replay = options.replay ?? createMemoryReplayGuard();
  return {
    authenticate: async (req: IncomingMessage, requestId: string) => ({
      client: await requireFreshGatewayIdentity(req.headers, {
        secret: options.secret,
        requestId,
        replay,
        ...(options.audience !== undefined ? { audience: options.audience } : {}),
      }),
    }),
    wrapSchema: (schema: GraphQLSchema) =>
      applyAuthorization(schema, options.policies ? { policies: options.policies } : {}),
  };
}

/**
 * Headers for a service-to-service call (orders → inventory): the calling service signs its own identity
 * (kind `service`, scope `mesh:service`) with the shared secret, exactly as the gateway signs a client's.
 */
export function serviceIdentityHeaders(
  service: string,
  secret: string,
  requestId: string = randomUUID(),
  audience?: string,
): Record<string, string> {
  const client: Client = { id: `service:${service}`, kind: 'service', scopes: ['mesh:service'] };
  // The signature binds the request id, so the call carries the same id the callee will check it against;
  // `audience` (the callee's name) binds it to the callee.
  const header = signIdentity(client, { secret, requestId, ...(audience !== undefined ? { audience } : {}) });
  return { [IDENTITY_HEADER]: header, 'x-request-id': requestId };
}

/** Reads `FM_IDENTITY_SECRET`; a service started alone refuses to run without it (no unsigned subgraphs). */
export function identitySecretFromEnv(env: NodeJS.ProcessEnv): string {
  const secret = env.FM_IDENTITY_SECRET;
  if (!secret || Buffer.byteLength(secret) < 32) {
    throw new Error('FM_IDENTITY_SECRET must be set to the same secret (≥ 32 bytes) on the gateway and every subgraph');
  }
  return secret;
}

/** A service directory whose calls carry `caller`'s signed service identity. */
export function signedDirectory(directory: ServiceDirectory, caller: string, secret: string): ServiceDirectory {
  return {
    url: (name) => directory.url(name),
    headers: (target) => serviceIdentityHeaders(caller, secret, randomUUID(), target),
  };
}
