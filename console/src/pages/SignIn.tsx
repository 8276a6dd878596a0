import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { SignInError, signIn, type Session } from '../session';

/** Sign-in with an API key; the key stays in this tab's session storage and is sent as `x-api-key`. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(key));
    } catch (caught) {
      setError(caught instanceof SignInError ? caught.message : 'Sign-in failed; try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main>
      <Container size={420} py="xl">
        <Paper withBorder p="lg" radius="md">
          <form onSubmit={(e) => void submit(e)}>
            <Stack>
              <Title order={1} size="h3">
                Fulfillment Mesh console
              </Title>
              <Text size="sm">Sign in with a console or operator API key (fm_…).</Text>
              <PasswordInput
                label="API key"
                value={key}
                onChange={(e) => setKey(e.currentTarget.value)}
                autoComplete="off"
                required
              />
              {error ? (
                <Alert role="alert" color="red" title="Not signed in">
                  {error}
                </Alert>
              ) : null}
              <Button type="submit" loading={busy}>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
      </Container>
    </main>
  );
}
