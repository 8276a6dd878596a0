import { createContext, useContext } from 'react';
import type { Session } from '../session';

/** The signed-in session; only rendered inside the signed-in part of the app. */
export const SessionContext = createContext<Session | null>(null);

/** The signed-in session (throws outside the signed-in tree, which is a programming error). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside a signed-in page');
  return session;
}
