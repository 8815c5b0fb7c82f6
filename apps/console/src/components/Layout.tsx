import { useQuery } from '@apollo/client/react';
import { AppShell, Badge, Box, Burger, Button, Divider, Group, NavLink, ScrollArea, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowsExchange,
  IconBriefcase,
  IconBuildingCommunity,
  IconChartBar,
  IconClipboardCheck,
  IconFileImport,
  IconHistory,
  IconKey,
  IconLanguage,
  IconMap,
  IconRoute,
  IconUserCog,
  IconUsers,
  IconUserStar,
} from '@tabler/icons-react';
import { Suspense, type ComponentType } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useI18n, type MessageKey } from '../i18n/locale.js';
import { LoadingState } from './QueryStates.js';
import { RequireSignIn } from '../modules/access/components/RequireSignIn.js';
import { UserMenu } from '../modules/access/components/UserMenu.js';
import { useAccess } from '../modules/access/lib/access.js';
import { NeedsActionCountQuery } from '../modules/needs-action/graphql/queries.js';
import { HeaderSearch, HeaderSearchToggle } from '../modules/search/components/HeaderSearch.js';

const NAVIGATION: { to: string; label: MessageKey; icon: ComponentType<{ size?: number; stroke?: number }>; exact?: boolean }[] = [
  { to: '/', label: 'nav.coverage', icon: IconAlertTriangle, exact: true },
  { to: '/dashboard', label: 'nav.dashboard', icon: IconChartBar },
  { to: '/wilayah', label: 'nav.areas', icon: IconMap },
  { to: '/organisations', label: 'nav.organisations', icon: IconBuildingCommunity },
  { to: '/workers', label: 'nav.workers', icon: IconUsers },
  { to: '/cases', label: 'nav.cases', icon: IconBriefcase },
  { to: '/needs-action', label: 'nav.needsAction', icon: IconClipboardCheck },
  { to: '/roles', label: 'nav.roles', icon: IconUserStar },
];

/** For those who change the registry (admins, coordinators): the placement requests they answer and ask. */
const MANAGER_NAVIGATION: typeof NAVIGATION = [
  { to: '/coverage-plan', label: 'nav.plan', icon: IconRoute },
  { to: '/placement-requests', label: 'nav.placements', icon: IconArrowsExchange },
];

/** Administration: for admins only (the server refuses these operations, imports included, to anyone else). */
const ADMIN_NAVIGATION: typeof NAVIGATION = [
  { to: '/import', label: 'nav.import', icon: IconFileImport },
  { to: '/accounts', label: 'nav.accounts', icon: IconUserCog },
  { to: '/api-keys', label: 'nav.apiKeys', icon: IconKey },
  { to: '/audit-log', label: 'nav.audit', icon: IconHistory },
];

/** The console's frame, for someone signed in; anyone else is sent to the sign-in page first. */
export function Layout() {
  return (
    <RequireSignIn>
      <SignedInLayout />
    </RequireSignIn>
  );
}

function SignedInLayout() {
  const { t, locale, setLocale } = useI18n();
  const { isAdmin, canEdit } = useAccess();
  const [opened, { toggle, close }] = useDisclosure(false);
  // On a phone the search box takes the header's width while it is open; elsewhere it is always there.
  const phone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const [searchOpened, search] = useDisclosure(false);
  const location = useLocation();
  const needsAction = useQuery(NeedsActionCountQuery).data?.needsActionCount ?? 0;
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          {phone && searchOpened ? (
            <>
              <div style={{ flex: 1, minWidth: 0 }}>
                <HeaderSearch onDone={search.close} autoFocus />
              </div>
              <HeaderSearchToggle opened onToggle={search.close} />
            </>
          ) : (
            <>
              <Group gap="sm" wrap="nowrap">
                <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.menu')} />
                <Stack gap={0}>
                  <Text fw={700} size="lg" lh={1.1} c="teal.8">
                    {t('app.name')}
                  </Text>
                  <Text size="xs" c="dimmed" visibleFrom="xs">
                    {t('app.subtitle')}
                  </Text>
                </Stack>
              </Group>
              <Group gap="sm" wrap="nowrap">
                {phone ? <HeaderSearchToggle opened={false} onToggle={search.open} /> : <HeaderSearch />}
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconLanguage size={16} />}
                  onClick={() => setLocale(locale === 'id' ? 'en' : 'id')}
                  lang={locale === 'id' ? 'en' : 'id'}
                  data-testid="locale-switch"
                >
                  <VisuallyHidden>{t('locale.label')}: </VisuallyHidden>
                  {/* On a phone the language's code, so the user menu beside it keeps its arrow on screen. */}
                  <Box component="span" visibleFrom="xs">
                    {t('locale.switchTo')}
                  </Box>
                  <Box component="span" hiddenFrom="xs">
                    {t('locale.switchToShort')}
                  </Box>
                </Button>
                <UserMenu />
              </Group>
            </>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('app.menu')}>
        <ScrollArea>
          <nav>
            {[...NAVIGATION, ...(canEdit ? MANAGER_NAVIGATION : [])].map((item) => {
              const active = item.exact ? location.pathname === item.to : location.pathname.startsWith(item.to);
              return (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={t(item.label)}
                  leftSection={<item.icon size={18} stroke={1.6} />}
                  rightSection={
                    item.to === '/needs-action' && needsAction > 0 ? (
                      <Badge size="sm" variant="filled" color="red.9" data-testid="needs-action-badge">
                        <VisuallyHidden>{t('nav.needsActionCount', { count: needsAction })}</VisuallyHidden>
                        <span aria-hidden>{needsAction}</span>
                      </Badge>
                    ) : undefined
                  }
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={close}
                />
              );
            })}
          </nav>
          {isAdmin && (
            <nav aria-label={t('nav.admin')} data-testid="admin-navigation">
              <Divider my="xs" />
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" py={4}>
                {t('nav.admin')}
              </Text>
              {ADMIN_NAVIGATION.map((item) => {
                const active = location.pathname.startsWith(item.to);
                return (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={t(item.label)}
                    leftSection={<item.icon size={18} stroke={1.6} />}
                    active={active}
                    aria-current={active ? 'page' : undefined}
                    onClick={close}
                  />
                );
              })}
            </nav>
          )}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <div style={{ maxWidth: 1280, margin: '0 auto' }}>
          {/* Pages other than the landing page load when first opened (routes.tsx). */}
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
