import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Group, Modal, Paper, PasswordInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/QueryStates.js';
import type { AccessRole, AccountsQuery } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey, type Values } from '../../../i18n/locale.js';
import { errorMessage, parseError } from '../../../lib/errors.js';
import { applyServerErrors } from '../../../lib/form.js';
import { AreaSelect } from '../../areas/components/AreaSelect.js';
import { AdminOnly } from '../components/AdminOnly.js';
import { MIN_PASSWORD_LENGTH } from '../components/ChangePasswordDialog.js';
import { ROLE_COLORS } from '../components/UserMenu.js';
import { CreateAccountMutation, SetAccountPasswordMutation, UpdateAccountMutation } from '../graphql/mutations.js';
import { AccountsQuery as AccountsDocument } from '../graphql/queries.js';
import { useAccess, useErrorWords } from '../lib/access.js';
import { HiddenHeader } from '../../../components/HiddenHeader.js';
import { CardTable } from '../../../components/CardTable.js';

type Account = AccountsQuery['accounts'][number];

/** The roles a console account can have (partners get API keys). */
const STAFF_ROLES: AccessRole[] = ['ADMIN', 'COORDINATOR', 'VIEWER'];
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export function AccountsView() {
  return (
    <AdminOnly>
      <AccountsPage />
    </AdminOnly>
  );
}

function AccountsPage() {
  const { t, formatDateTime } = useI18n();
  const errorWords = useErrorWords();
  const { account: me } = useAccess();
  const { data, error, refetch } = useQuery(AccountsDocument);
  const [creating, setCreating] = useState(false);
  const [toggling, setToggling] = useState<Account | null>(null);
  const [settingPassword, setSettingPassword] = useState<Account | null>(null);
  const [update] = useMutation(UpdateAccountMutation);

  const enable = async (account: Account) => {
    try {
      await update({ variables: { id: account.id, input: { disabled: false, expectedVersion: account.version } } });
      notifications.show({ color: 'teal', message: t('account.enabledNotice', { username: account.username }) });
    } catch (problem) {
      const { key, values } = errorMessage(parseError(problem, errorWords));
      notifications.show({ color: 'red', title: t('error.title'), message: t(key, values) });
    }
  };

  return (
    <>
      <PageHeader
        title={t('account.title')}
        lead={t('account.lead')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('account.new')}
          </Button>
        }
      />
      {!data ? (
        error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <LoadingState />
        )
      ) : data.accounts.length === 0 ? (
        <EmptyState>{t('account.empty')}</EmptyState>
      ) : (
        <Paper withBorder>
          <CardTable minWidth={760} verticalSpacing="sm" data-testid="accounts-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('account.title')}</Table.Th>
                  <Table.Th>{t('account.role')}</Table.Th>
                  <Table.Th>{t('account.area')}</Table.Th>
                  <Table.Th>{t('account.status')}</Table.Th>
                  <HiddenHeader>{t('coverage.col.action')}</HiddenHeader>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.accounts.map((account) => {
                  const isMe = account.id === me.id;
                  return (
                    <Table.Tr key={account.id} data-testid="account-row">
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {account.displayName}
                          {isMe && (
                            <Badge ml="xs" size="xs" variant="outline">
                              {t('account.you')}
                            </Badge>
                          )}
                        </Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {account.username}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={ROLE_COLORS[account.role]}>
                          {t(`access.role.${account.role}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{account.areaCode ?? t('common.none')}</Text>
                      </Table.Td>
                      <Table.Td>
                        {account.disabledAt ? (
                          <Badge color="gray" variant="light" title={formatDateTime(account.disabledAt)}>
                            {t('account.disabled')}
                          </Badge>
                        ) : (
                          <Badge color="teal" variant="light">
                            {t('account.active')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => setSettingPassword(account)}>
                            {t('account.setPassword')}
                          </Button>
                          {account.disabledAt ? (
                            <Button size="xs" variant="light" onClick={() => void enable(account)}>
                              {t('account.enable')}
                            </Button>
                          ) : (
                            !isMe && (
                              <Button size="xs" variant="outline" color="red" onClick={() => setToggling(account)}>
                                {t('account.disable')}
                              </Button>
                            )
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </CardTable>
        </Paper>
      )}
      <CreateAccountDialog opened={creating} onClose={() => setCreating(false)} />
      <DisableAccountDialog account={toggling} onClose={() => setToggling(null)} />
      <SetPasswordDialog account={settingPassword} onClose={() => setSettingPassword(null)} />
    </>
  );
}

function CreateAccountDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [create] = useMutation(CreateAccountMutation, { refetchQueries: [AccountsDocument], awaitRefetchQueries: true });
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const form = useForm({
    initialValues: { username: '', displayName: '', role: 'VIEWER' as AccessRole, areaCode: null as string | null, password: '' },
    validate: {
      username: (value) => (!value ? t('common.required') : USERNAME_PATTERN.test(value) ? null : t('account.usernameHint')),
      displayName: (value) => (value.trim() ? null : t('common.required')),
      areaCode: (value, values) => (values.role === 'COORDINATOR' && !value ? t('common.required') : null),
      password: (value) => (value.length >= MIN_PASSWORD_LENGTH ? null : t('auth.passwordTooShort')),
    },
  });
  const close = () => {
    form.reset();
    setProblem(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('account.new')} size="lg">
      <form
        noValidate
        onSubmit={form.onSubmit(
          async (values) => {
            setProblem(null);
            try {
              const result = await create({
                variables: {
                  input: {
                    username: values.username,
                    displayName: values.displayName.trim(),
                    role: values.role,
                    areaCode: values.role === 'COORDINATOR' ? values.areaCode : null,
                    password: values.password,
                  },
                },
              });
              const account = result.data?.createAccount;
              if (account) notifications.show({ color: 'teal', message: t('account.created', { username: account.username }) });
              close();
            } catch (error) {
              setProblem(applyServerErrors(form, error, errorWords));
            }
          },
          () => setProblem({ key: 'error.fixFields', values: {} }),
        )}
      >
        <Stack>
          <TextInput
            label={t('account.username')}
            description={t('account.usernameHint')}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            data-autofocus
            {...form.getInputProps('username')}
            onChange={(event) => form.setFieldValue('username', event.currentTarget.value.toLowerCase())}
          />
          <TextInput label={t('account.displayName')} required {...form.getInputProps('displayName')} />
          <Select
            label={t('account.role')}
            description={t(`access.roleHint.${form.values.role}`)}
            data={STAFF_ROLES.map((role) => ({ value: role, label: t(`access.role.${role}`) }))}
            required
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          {form.values.role === 'COORDINATOR' && (
            <AreaSelect label={t('account.area')} description={t('account.areaHint')} required {...form.getInputProps('areaCode')} />
          )}
          <PasswordInput
            label={t('account.password')}
            description={t('auth.newPasswordHint')}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          {problem && (
            <Alert color="red" role="alert">
              {t(problem.key, problem.values)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DisableAccountDialog({ account, onClose }: { account: Account | null; onClose(): void }) {
  const { t } = useI18n();
  const [update] = useMutation(UpdateAccountMutation);
  return (
    <ConfirmDialog
      opened={account !== null}
      title={account ? t('account.disableTitle', { name: account.displayName }) : ''}
      hint={t('account.disableHint')}
      confirmLabel={t('account.disable')}
      confirm={async () => {
        await update({ variables: { id: account!.id, input: { disabled: true, expectedVersion: account!.version } } });
        return t('account.disabledNotice', { username: account!.username });
      }}
      onClose={onClose}
    />
  );
}

function SetPasswordDialog({ account, onClose }: { account: Account | null; onClose(): void }) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [setPassword] = useMutation(SetAccountPasswordMutation);
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const form = useForm({
    initialValues: { password: '', repeatPassword: '' },
    validate: {
      password: (value) => (value.length >= MIN_PASSWORD_LENGTH ? null : t('auth.passwordTooShort')),
      repeatPassword: (value, values) => (value === values.password ? null : t('auth.passwordsDiffer')),
    },
  });
  const close = () => {
    form.reset();
    setProblem(null);
    onClose();
  };
  return (
    <Modal opened={account !== null} onClose={close} title={account ? t('account.setPasswordTitle', { name: account.displayName }) : ''}>
      <form
        noValidate
        onSubmit={form.onSubmit(async (values) => {
          if (!account) return;
          setProblem(null);
          try {
            await setPassword({ variables: { id: account.id, password: values.password } });
            notifications.show({ color: 'teal', message: t('common.savedNotice') });
            close();
          } catch (error) {
            setProblem(applyServerErrors(form, error, errorWords));
          }
        })}
      >
        <Stack>
          <Text size="sm">{t('account.setPasswordHint')}</Text>
          <PasswordInput
            label={t('auth.newPassword')}
            description={t('auth.newPasswordHint')}
            autoComplete="new-password"
            required
            data-autofocus
            {...form.getInputProps('password')}
          />
          <PasswordInput label={t('auth.repeatPassword')} autoComplete="new-password" required {...form.getInputProps('repeatPassword')} />
          {problem && (
            <Alert color="red" role="alert">
              {t(problem.key, problem.values)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
