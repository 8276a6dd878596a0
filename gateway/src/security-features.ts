import { Kind, parse, print, visit, type ConstDirectiveNode, type DocumentNode } from 'graphql';

/** Federation's authorization features: enforced by the subgraphs in this mesh, never by the gateway. */
const SECURITY_DIRECTIVES = new Set(['authenticated', 'requiresScopes', 'policy']);
const SECURITY_SCALARS = new Set(['requiresScopes__Scope', 'policy__Policy']);
const SECURITY_SPECS = /specs\.apollo\.dev\/(authenticated|requiresScopes|policy)\//;

/**
 * Removes `@authenticated`, `@requiresScopes` and `@policy` from a supergraph. @apollo/gateway refuses to load
 * a supergraph that links these SECURITY features (only Apollo Router implements them); in this mesh each
 * subgraph enforces them itself on every field, entity references included, so the gateway only needs the
 * supergraph for query planning. The committed supergraph keeps them, as the record of who may see what.
 */
export function withoutSecurityFeatures(supergraphSdl: string): string {
  const document = parse(supergraphSdl);
  const isSecurity = (d: ConstDirectiveNode) =>
    SECURITY_DIRECTIVES.has(d.name.value) ||
    (d.name.value === 'link' &&
      d.arguments?.some(
        (a) => a.name.value === 'url' && a.value.kind === Kind.STRING && SECURITY_SPECS.test(a.value.value),
      ) === true);
  const stripped: DocumentNode = visit(document, {
    Directive: (node) => (isSecurity(node as ConstDirectiveNode) ? null : undefined),
    DirectiveDefinition: (node) => (SECURITY_DIRECTIVES.has(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => (SECURITY_SCALARS.has(node.name.value) ? null : undefined),
  });
  return print(stripped) + '\n';
}
