import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The IDE talks to the gateway it is served by: HTTP for queries, graphql-ws on the same path for subscriptions.
const wsUrl = new URL('/graphql', window.location.href);
wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
const fetcher = createGraphiQLFetcher({ url: '/graphql', subscriptionUrl: wsUrl.href });
// A console tab signed in on this origin lends its key; otherwise the operator pastes one into the headers.
const key = sessionStorage.getItem('fm.console.apiKey');
const defaultHeaders = JSON.stringify({ 'x-api-key': key ?? 'fm_… (paste an API key)' }, null, 2);

const root = document.getElementById('ide');
if (!root) throw new Error('ide.html has no #ide element');
createRoot(root).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultHeaders={defaultHeaders} />
  </StrictMode>,
);
