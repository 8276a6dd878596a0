import type { ApolloServerPlugin } from '@apollo/server';
import {
  deprecatedElements,
  documentCoordinates,
  type DeprecatedElement,
  type UsageRecorder,
} from '@fulfillment-mesh/access';
import { buildSchema, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context.js';

/** Options of {@link usageReportingPlugin}. */
export interface UsageReportingOptions {
  /** Where counts go; omitted: nothing is counted, deprecation notices are still sent. */
  recorder?: UsageRecorder;
  /** Distinct documents whose analysis is kept per schema; default 10 000 (then the oldest is dropped). */
  maxDocuments?: number;
}

/** What the plugin needs from the gateway besides its options. */
export interface UsageReportingDeps extends UsageReportingOptions {
  /** The supergraph the gateway serves (coordinates and deprecations are read from it). */
  supergraphSdl: string;
}

/** One deprecated element a response touched, as sent in `extensions.deprecations`. */
export interface DeprecationNotice {
  coordinate: string;
  reason: string;
  removeAfter: string | null;
}

interface Analysis {
  coordinates: string[];
  deprecations: DeprecationNotice[];
}

interface SchemaCache {
  deprecated: Map<string, DeprecatedElement>;
  documents: Map<string, Analysis>;
}

/**
 * Usage reporting and deprecation notices (issue 19). Each executed operation is counted by document hash,
 * operation name and client (the authenticated client's id and kind; for anonymous callers the
 * `apollographql-client-name` header when sent; the version from `apollographql-client-version`), with the schema
 * coordinates it touches, computed once per distinct document and schema. A response whose document touches
 * deprecated elements carries `extensions.deprecations` and the `Deprecation` / `Sunset` headers.
 */
export function usageReportingPlugin(options: UsageReportingDeps): ApolloServerPlugin<GatewayContext> {
  const maxDocuments = options.maxDocuments ?? 10_000;
  // Built here rather than taken from the request: @apollo/gateway's schema comes from graphql-js loaded as
  // CommonJS, and TypeInfo refuses types of another copy of graphql-js (see packages/access/src/graphql-kinds.ts).
  let cache: (SchemaCache & { schema: GraphQLSchema }) | undefined;
  const analyse = (hash: string, document: DocumentNode): Analysis => {
    if (!cache) {
      const schema = buildSchema(options.supergraphSdl, { assumeValid: true, assumeValidSDL: true });
      cache = { schema, deprecated: deprecatedElements(schema), documents: new Map() };
    }
    const schema = cache.schema;
    let analysis = cache.documents.get(hash);
    if (!analysis) {
      const coordinates = documentCoordinates(schema, document);
      const deprecations: DeprecationNotice[] = [];
      for (const coordinate of coordinates) {
        const element = cache.deprecated.get(coordinate);
        if (element) deprecations.push({ coordinate, reason: element.reason, removeAfter: element.removeAfter });
      }
      analysis = { coordinates, deprecations };
      if (cache.documents.size >= maxDocuments) cache.documents.delete(cache.documents.keys().next().value as string);
      cache.documents.set(hash, analysis);
    }
    return analysis;
  };
  return {
    async serverWillStart() {
      return {
        async serverWillStop() {
          await options.recorder?.close();
        },
      };
    },
    async requestDidStart() {
      let analysis: Analysis | undefined;
      return {
        async executionDidStart(ctx) {
          analysis = analyse(ctx.queryHash, ctx.document);
          if (!options.recorder) return;
          const headers = ctx.request.http?.headers;
          const client = ctx.contextValue.client;
          const named = headers?.get('apollographql-client-name')?.trim().slice(0, 128) || undefined;
          const authenticated = client && !client.anonymous ? client : undefined;
          options.recorder.record({
            hash: ctx.queryHash,
            name: ctx.operation.name?.value ?? null,
            clientId: authenticated?.id ?? named ?? client?.id ?? 'unknown',
            clientKind: client?.kind ?? 'unknown',
            clientVersion: headers?.get('apollographql-client-version')?.trim().slice(0, 64) || null,
            document: ctx.source,
            coordinates: analysis.coordinates,
          });
        },
        async willSendResponse({ response }) {
          if (!analysis || analysis.deprecations.length === 0) return;
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, deprecations: analysis.deprecations };
          } else {
            const initial = response.body.initialResult;
            initial.extensions = { ...initial.extensions, deprecations: analysis.deprecations };
          }
          response.http.headers.set('deprecation', 'true');
          const dates = analysis.deprecations.flatMap((d) => (d.removeAfter ? [d.removeAfter] : [])).sort();
          if (dates[0]) response.http.headers.set('sunset', new Date(`${dates[0]}T00:00:00Z`).toUTCString());
        },
      };
    },
  };
}
