import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import type { MeshManifest } from '@fulfillment-mesh/runtime';
import { withoutSecurityFeatures } from './security-features.js';

export { loadManifest } from '@fulfillment-mesh/runtime';

/** Result of composing the manifest's subgraphs: the supergraph and the client-facing API schema. */
export type CompositionResult =
  { ok: true; supergraphSdl: string; apiSchemaSdl: string } | { ok: false; errors: string[] };

/** Composes the supergraph SDL from the schema files the manifest names (files only, no network). */
export function composeSupergraph(manifest: MeshManifest): CompositionResult {
  const services = manifest.subgraphs.map((s) => ({
    name: s.name,
    url: s.url,
    typeDefs: parse(readFileSync(join(manifest.root, s.schema), 'utf8')),
  }));
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((e) => e.message) };
  const apiSchemaSdl = printSchema(Supergraph.build(withoutSecurityFeatures(result.supergraphSdl)).apiSchema()) + '\n';
  return { ok: true, supergraphSdl: result.supergraphSdl, apiSchemaSdl };
}
