import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

/** Whether live updates flow: `offline` while the WebSocket is down and graphql-ws is reconnecting. */
export type LiveState = 'connecting' | 'online' | 'offline';

/** Longest pause between reconnection attempts; default 5_000 // 5 seconds. */
const MAX_RETRY_MS = 5_000;

/**
 * One Apollo Client per signed-in key: queries and mutations over HTTP, subscriptions over graphql-ws on the same
 * /graphql path, both carrying `x-api-key`. The socket reconnects forever; after a reconnect every active query is
 * refetched so nothing that happened while offline is missing from the page.
 */
export function createApolloClient(apiKey: string, onLive: (state: LiveState) => void) {
  const wsUrl = new URL('/graphql', window.location.href);
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  let wasOffline = false;
  let client: ApolloClient | undefined;
  const ws = createClient({
    url: wsUrl.href,
    connectionParams: { 'x-api-key': apiKey },
    lazy: false,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(MAX_RETRY_MS, 250 * 2 ** retries))),
    on: {
      connected: () => {
        onLive('online');
        if (wasOffline) void client?.refetchQueries({ include: 'active' });
        wasOffline = false;
      },
      closed: () => {
        wasOffline = true;
        onLive('offline');
      },
    },
  });
  const http = new HttpLink({ uri: '/graphql', headers: { 'x-api-key': apiKey } });
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(ws),
    http,
  );
  client = new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        Product: { keyFields: ['sku'] },
        InventoryPosition: { keyFields: ['sku', 'location', ['id']] },
        Return: { keyFields: ['id'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return { client, close: () => ws.dispose() };
}
