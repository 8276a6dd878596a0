import { Alert, AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, Outlet } from 'react-router';
import type { LiveState } from '../apollo';
import { can } from '../session';
import { useSession } from './session-context';

const PAGES = [
  { to: '/orders', label: 'Orders', scope: 'orders:read' },
  { to: '/inventory', label: 'Inventory', scope: 'inventory:read' },
  { to: '/operations', label: 'Operations', scope: 'operations:read' },
];

/** The signed-in frame: header with the client and sign-out, navigation limited to what the scopes allow. */
export function Layout({ live, onSignOut }: { live: LiveState; onSignOut: () => void }) {
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={1} size="h4">
              Fulfillment Mesh
            </Title>
          </Group>
          <Button variant="subtle" onClick={onSignOut}>
            Sign out
          </Button>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Pages">
        <Stack gap="xs">
          {PAGES.filter((p) => can(session, p.scope)).map((page) => (
            <NavLink key={page.to} component={RouterLink} to={page.to} label={page.label} onClick={close} />
          ))}
          <Stack gap={4} mt="md" aria-label="Signed-in client">
            <Text size="sm">
              Signed in as <strong>{session.id}</strong>
            </Text>
            <Text size="sm">
              Kind: <strong data-testid="client-kind">{session.kind}</strong>
            </Text>
            <Group gap={4} aria-label="Scopes">
              {session.scopes.map((scope) => (
                <Badge key={scope} size="xs" variant="outline" color="gray.8">
                  {scope}
                </Badge>
              ))}
            </Group>
          </Stack>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        {live === 'offline' ? (
          <Alert role="status" color="orange" mb="md" title="Offline">
            Live updates are disconnected; reconnecting…
          </Alert>
        ) : null}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
