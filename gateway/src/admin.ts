import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientErrorOf, httpStatusOf, readBody, sendJson, type RouteHandler } from '@fulfillment-mesh/runtime';
import type { GatewayAccess } from './access.js';

/** Largest manifest accepted by the operator API; default 2 MiB. */
const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;

/**
 * The operator API for trusted documents, next to the CLI (`npm run access -- manifests …`):
 * `POST /admin/manifests?client=<id>[&replace=true]` with a graphql-codegen `persisted-documents.json` body
 * registers it for that client; `GET /admin/manifests?client=<id>` lists the registered hashes. Both need an
 * authenticated caller holding `operations:write` (register) or `operations:read` (list).
 */
export function manifestRoutes(access: GatewayAccess): Record<string, RouteHandler> {
  return {
    '/admin/manifests': async (req: IncomingMessage, res: ServerResponse, url: URL) => {
      try {
        const { client } = await access.guard(req.headers, req.socket.remoteAddress);
        const needed = req.method === 'GET' ? 'operations:read' : 'operations:write';
        if (!client.scopes.includes(needed))
          return sendJson(
            res,
            403,
            error('FORBIDDEN', `The ${needed} scope is required to manage persisted operations`),
          );
        const clientId = url.searchParams.get('client');
        if (!clientId)
          return sendJson(
            res,
            400,
            error('INVALID_INPUT', 'Invalid client: expected ?client=<client id>, received nothing'),
          );
        if (req.method === 'GET') {
          const operations = await access.manifests.listOperations(clientId);
          return sendJson(res, 200, {
            client: clientId,
            operations: operations.length,
            hashes: operations.map((o) => o.hash).sort(),
          });
        }
        if (req.method !== 'POST')
          return sendJson(res, 405, error('BAD_REQUEST', `Method ${req.method} is not allowed; use GET or POST`));
        let manifest: unknown;
        try {
          manifest = JSON.parse(await readBody(req, MAX_MANIFEST_BYTES));
        } catch {
          return sendJson(
            res,
            400,
            error('INVALID_INPUT', 'Invalid manifest: expected a JSON object of "sha256:<hash>": "<document>"'),
          );
        }
        const result = await access.manifests.registerManifest(clientId, manifest, {
          replace: url.searchParams.get('replace') === 'true',
        });
        return sendJson(res, 200, { client: clientId, ...result });
      } catch (caught) {
        // The one error mapping (runtime errors.ts): a refusal keeps its code; anything else is a failure.
        const refusal = clientErrorOf(caught);
        if (!refusal) throw caught;
        const status = (caught as { extensions?: { http?: { status?: number } } }).extensions?.http?.status;
        return sendJson(res, status ?? httpStatusOf(refusal.code), error(refusal.code, refusal.message));
      }
    },
  };
}

function error(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}
