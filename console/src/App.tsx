import { ApolloProvider } from '@apollo/client/react';
import { Center, Loader } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { createApolloClient, type LiveState } from './apollo';
import { Layout } from './components/Layout';
import { SessionContext } from './components/session-context';
import { Inventory } from './pages/Inventory';
import { Operations } from './pages/Operations';
import { OrderDetail } from './pages/OrderDetail';
import { OrderSearch } from './pages/OrderSearch';
import { SignIn } from './pages/SignIn';
import { can, signIn, signOut, storedKey, type Session } from './session';

/** The console: sign-in first, then the pages the key's scopes allow (others are not even routed). */
export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => storedKey() !== null);
  const [live, setLive] = useState<LiveState>('connecting');

  // A reload keeps the tab signed in: the stored key is checked again (it may have been revoked meanwhile).
  useEffect(() => {
    const key = storedKey();
    if (!key) return;
    signIn(key)
      .then(setSession)
      .catch(() => signOut())
      .finally(() => setRestoring(false));
  }, []);

  const apollo = useMemo(() => (session ? createApolloClient(session.apiKey, setLive) : null), [session]);
  useEffect(
    () => () => {
      void apollo?.close();
    },
    [apollo],
  );

  if (restoring) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  const end = () => {
    signOut();
    setSession(null);
  };

  return (
    <BrowserRouter basename="/console">
      {!session || !apollo ? (
        <Routes>
          <Route path="*" element={<SignIn onSignedIn={setSession} />} />
        </Routes>
      ) : (
        <SessionContext.Provider value={session}>
          <ApolloProvider client={apollo.client}>
            <Routes>
              <Route element={<Layout live={live} onSignOut={end} />}>
                <Route index element={<Navigate to={home(session)} replace />} />
                {can(session, 'orders:read') && (
                  <>
                    <Route path="orders" element={<OrderSearch />} />
                    <Route path="orders/:id" element={<OrderDetail />} />
                  </>
                )}
                {can(session, 'inventory:read') && <Route path="inventory" element={<Inventory />} />}
                {can(session, 'operations:read') && <Route path="operations" element={<Operations />} />}
                <Route path="*" element={<NotAllowed />} />
              </Route>
            </Routes>
          </ApolloProvider>
        </SessionContext.Provider>
      )}
    </BrowserRouter>
  );
}

function home(session: Session): string {
  if (can(session, 'orders:read')) return '/orders';
  if (can(session, 'inventory:read')) return '/inventory';
  return '/operations';
}

function NotAllowed() {
  return <p role="alert">This page does not exist or your key's scopes do not allow it.</p>;
}
