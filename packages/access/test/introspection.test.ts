import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApolloServer } from '@apollo/server';
import { introspectionPlugin, type Client } from '../src/index.js';
import type { GuardedRequest } from '../src/apollo/request-guard.js';
import { as, request, startServer } from './apollo-fixture.js';

const anonymous: Client = { id: 'anonymous', kind: 'storefront', scopes: ['catalog:read'], anonymous: true };
const console_: Client = { id: 'cs', kind: 'console', scopes: ['catalog:read'] };

describe('introspection when it is off for anonymous callers', () => {
  let server: ApolloServer<GuardedRequest>;
  beforeAll(async () => {
    server = await startServer([introspectionPlugin({ allowAnonymous: false })]);
  });
  afterAll(() => server.stop());

  it('refuses __schema and __type to an anonymous caller with 403 FORBIDDEN, executing nothing', async () => {
    for (const query of [
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Product") { name } }',
      '{ categories a: __schema { types { name } } }',
    ]) {
      const res = await request(server, as(anonymous), { body: { query } });
      expect({ query, status: res.status, code: res.body.errors?.[0]?.extensions?.code, data: res.body.data }).toEqual({
        query,
        status: 403,
        code: 'FORBIDDEN',
        data: undefined,
      });
      expect(res.body.errors?.[0]?.message).toContain('Introspection is disabled for anonymous callers');
    }
  });

  it('still answers anonymous queries (and __typename), and lets an authenticated client introspect', async () => {
    expect((await request(server, as(anonymous), { body: { query: '{ __typename categories }' } })).body).toEqual({
      data: { __typename: 'Query', categories: ['tools', 'paint'] },
    });
    expect(
      (await request(server, as(console_), { body: { query: '{ __schema { queryType { name } } }' } })).body,
    ).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
