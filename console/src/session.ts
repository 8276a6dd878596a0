/** Who is signed in: the API key (kept in session storage only) and what the gateway says the key is. */
export interface Session {
  apiKey: string;
  id: string;
  kind: string;
  scopes: string[];
}

const STORAGE_KEY = 'fm.console.apiKey';

/** A refused sign-in, with the sentence the sign-in page shows. */
export class SignInError extends Error {}

/**
 * Asks the gateway who `apiKey` is (GET /whoami). Partner keys are refused here: partners may only run their
 * registered persisted operations, which a console cannot be limited to.
 */
export async function signIn(apiKey: string): Promise<Session> {
  const key = apiKey.trim();
  if (!key) throw new SignInError('Enter an API key.');
  let res: Response;
  try {
    res = await fetch('/whoami', { headers: { 'x-api-key': key } });
  } catch {
    throw new SignInError('The gateway cannot be reached; try again in a moment.');
  }
  const body = (await res.json().catch(() => ({}))) as { client?: Omit<Session, 'apiKey'> & { anonymous?: boolean } };
  if (res.status === 401) throw new SignInError('Key not recognised. Check the key and try again.');
  if (!res.ok || !body.client) throw new SignInError(`The gateway answered ${res.status}; try again in a moment.`);
  if (body.client.anonymous) throw new SignInError('Key not recognised. Check the key and try again.');
  if (body.client.kind === 'partner') {
    throw new SignInError(
      'Partner keys cannot use the console: partners call their registered operations through the API.',
    );
  }
  sessionStorage.setItem(STORAGE_KEY, key);
  return { apiKey: key, id: body.client.id, kind: body.client.kind, scopes: body.client.scopes };
}

/** The key of this browser tab's session, if one signed in. */
export function storedKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

/** Forgets the key of this tab. */
export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** True when the session holds `scope`. */
export function can(session: Session, scope: string): boolean {
  return session.scopes.includes(scope);
}
