import { useApolloClient, useMutation } from '@apollo/client/react';
import { Avatar, Badge, Group, Menu, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n/locale.js';
import { announceSigningOut } from '../../../lib/session-events.js';
import { SignOutMutation } from '../graphql/mutations.js';
import { useAccess } from '../lib/access.js';
import { ChangePasswordDialog } from './ChangePasswordDialog.js';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => /^\p{L}/u.test(part))
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

export const ROLE_COLORS = { ADMIN: 'grape', COORDINATOR: 'blue', VIEWER: 'gray', PARTNER: 'orange' } as const;

/** Who is signed in (name, role, area) in the header; changing one's password and signing out. */
export function UserMenu() {
  const { t } = useI18n();
  const { account, role, areaCode } = useAccess();
  const client = useApolloClient();
  const navigate = useNavigate();
  const [signOut] = useMutation(SignOutMutation);
  const [changingPassword, setChangingPassword] = useState(false);

  const leave = async () => {
    // Requests still in flight come back UNAUTHENTICATED: that is the sign-out, not an ended session.
    announceSigningOut();
    try {
      await signOut();
    } catch {
      // The session may already be gone; signing out here still leaves the console.
    }
    // Not replacing the page: going back to it finds it closed (the gate asks the server again).
    void navigate('/masuk?reason=signedOut');
    setTimeout(() => void client.clearStore(), 0);
  };

  return (
    <>
      <Menu position="bottom-end" width={260} withinPortal>
        <Menu.Target>
          {/* The name a screen reader hears includes what is seen (the name and role), so speech input finds it too. */}
          <UnstyledButton data-testid="user-menu">
            <VisuallyHidden>{t('auth.userMenuLabel')}: </VisuallyHidden>
            <VisuallyHidden hiddenFrom="sm">{account.displayName}</VisuallyHidden>
            <Group gap="xs" wrap="nowrap">
              <Avatar size={32} radius="xl" color={ROLE_COLORS[role]} aria-hidden>
                {initials(account.displayName) || account.username[0]!.toUpperCase()}
              </Avatar>
              <Stack gap={0} visibleFrom="sm" align="flex-start">
                <Text size="sm" fw={600} lh={1.2} data-testid="user-name">
                  {account.displayName}
                </Text>
                <Badge size="xs" variant="light" color={ROLE_COLORS[role]} data-testid="user-role">
                  {t(`access.role.${role}`)}
                </Badge>
              </Stack>
              <IconChevronDown size={14} aria-hidden style={{ flexShrink: 0 }} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {t('auth.signedInAs', { username: account.username })}
            {areaCode && (
              <>
                <br />
                {t('auth.area', { area: areaCode })}
              </>
            )}
          </Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChangingPassword(true)}>
            {t('auth.changePassword')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void leave()}>
            {t('auth.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordDialog opened={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
