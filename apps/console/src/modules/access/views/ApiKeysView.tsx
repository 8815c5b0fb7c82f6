import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { EmptyState, ErrorState, LoadingState } from '../../../components/QueryStates.js';
import type { ApiKeysQuery } from '../../../generated/gql/graphql.js';
import { useI18n, type MessageKey, type Values } from '../../../i18n/locale.js';
import { applyServerErrors } from '../../../lib/form.js';
import { AdminOnly } from '../components/AdminOnly.js';
import { OrganisationMultiSelect } from '../components/OrganisationMultiSelect.js';
import { CreateApiKeyMutation, RevokeApiKeyMutation } from '../graphql/mutations.js';
import { ApiKeysQuery as ApiKeysDocument, OrganisationChoicesQuery, OrganisationNameQuery } from '../graphql/queries.js';
import { HiddenHeader } from '../../../components/HiddenHeader.js';
import { CardTable } from '../../../components/CardTable.js';
import { useErrorWords } from '../lib/access.js';

type ApiKey = ApiKeysQuery['apiKeys'][number];

/** An organisation of a key beyond the first page of names: asked for on its own. */
function OrganisationName({ id }: { id: string }) {
  const { data } = useQuery(OrganisationNameQuery, { variables: { id }, fetchPolicy: 'cache-first' });
  return <>{data?.organisation.name ?? id}</>;
}

export function ApiKeysView() {
  return (
    <AdminOnly>
      <ApiKeysPage />
    </AdminOnly>
  );
}

function ApiKeysPage() {
  const { t, formatDateTime } = useI18n();
  const { data, error, refetch } = useQuery(ApiKeysDocument);
  // The names of the organisations keys are for: most are on the first page of organisations.
  const organisations = useQuery(OrganisationChoicesQuery, { variables: { search: null, first: 100 } });
  const names = useMemo(
    () => new Map((organisations.data?.organisations.nodes ?? []).map((node) => [node.id, node.name])),
    [organisations.data],
  );
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  return (
    <>
      <PageHeader
        title={t('apiKey.title')}
        lead={t('apiKey.lead')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('apiKey.new')}
          </Button>
        }
      />
      {!data ? (
        error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <LoadingState />
        )
      ) : data.apiKeys.length === 0 ? (
        <EmptyState>{t('apiKey.empty')}</EmptyState>
      ) : (
        <Paper withBorder>
          <CardTable minWidth={760} verticalSpacing="sm" data-testid="api-keys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('common.name')}</Table.Th>
                  <Table.Th>{t('apiKey.prefix')}</Table.Th>
                  <Table.Th>{t('apiKey.organisations')}</Table.Th>
                  <Table.Th>{t('apiKey.createdAt')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  <HiddenHeader>{t('coverage.col.action')}</HiddenHeader>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.apiKeys.map((apiKey) => (
                  <Table.Tr key={apiKey.id} data-testid="api-key-row" c={apiKey.revokedAt ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {apiKey.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Code>{apiKey.prefix}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {apiKey.organisationIds.map((id) => (
                          <Anchor size="sm" key={id} component={Link} to={`/organisations/${id}`}>
                            {names.get(id) ?? <OrganisationName id={id} />}
                          </Anchor>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(apiKey.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {apiKey.revokedAt ? (
                        <Badge color="gray" variant="light">
                          {t('apiKey.revokedOn', { date: formatDateTime(apiKey.revokedAt) })}
                        </Badge>
                      ) : (
                        <Badge color="teal" variant="light">
                          {t('apiKey.active')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {!apiKey.revokedAt && (
                        <Button size="xs" variant="outline" color="red" onClick={() => setRevoking(apiKey)}>
                          {t('apiKey.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </CardTable>
        </Paper>
      )}
      <CreateApiKeyDialog opened={creating} onClose={() => setCreating(false)} />
      <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

/** Name and organisations; then the secret, once, with a copy button and a warning that it cannot be shown again. */
function CreateApiKeyDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t } = useI18n();
  const errorWords = useErrorWords();
  const [create] = useMutation(CreateApiKeyMutation, { refetchQueries: [ApiKeysDocument], awaitRefetchQueries: true });
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [problem, setProblem] = useState<{ key: MessageKey; values: Values } | null>(null);
  const form = useForm({
    initialValues: { name: '', organisationIds: [] as string[] },
    validate: {
      name: (value) => (value.trim() ? null : t('common.required')),
      organisationIds: (value) => (value.length > 0 ? null : t('apiKey.organisationsRequired')),
    },
  });
  const close = () => {
    // The secret is forgotten here: it is nowhere else, and never shown again.
    setCreated(null);
    setProblem(null);
    form.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('apiKey.secretTitle', { name: created.name }) : t('apiKey.new')}
      size="lg"
      closeOnClickOutside={!created}
    >
      {created ? (
        <Stack data-testid="api-key-secret-panel">
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('apiKey.secretLabel')} role="alert">
            {t('apiKey.secretWarning')}
          </Alert>
          <Group gap="xs" wrap="nowrap" align="stretch">
            <Code block style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 14 }} data-testid="api-key-secret">
              {created.secret}
            </Code>
            <CopyButton value={created.secret} timeout={3000}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'filled' : 'light'}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                  style={{ alignSelf: 'center' }}
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" c="dimmed">
            {t('apiKey.secretUsage')}
          </Text>
          <Group justify="flex-end">
            <Button onClick={close}>{t('apiKey.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit(async (values) => {
            setProblem(null);
            try {
              const result = await create({ variables: { name: values.name.trim(), organisationIds: values.organisationIds } });
              const createdKey = result.data?.createApiKey;
              if (createdKey) setCreated({ name: createdKey.apiKey.name, secret: createdKey.secret });
            } catch (error) {
              setProblem(applyServerErrors(form, error, errorWords));
            }
          })}
        >
          <Stack>
            <TextInput label={t('apiKey.name')} description={t('apiKey.nameHint')} required data-autofocus {...form.getInputProps('name')} />
            <OrganisationMultiSelect
              label={t('apiKey.organisations')}
              description={t('apiKey.organisationsHint')}
              required
              value={form.values.organisationIds}
              onChange={(value) => form.setFieldValue('organisationIds', value)}
              error={form.errors.organisationIds}
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
              <Button type="submit" leftSection={<IconKey size={16} />} loading={form.submitting}>
                {t('common.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey | null; onClose(): void }) {
  const { t } = useI18n();
  const [revoke] = useMutation(RevokeApiKeyMutation);
  return (
    <ConfirmDialog
      opened={apiKey !== null}
      title={apiKey ? t('apiKey.revokeTitle', { name: apiKey.name }) : ''}
      hint={t('apiKey.revokeHint')}
      confirmLabel={t('apiKey.revoke')}
      confirm={async () => {
        await revoke({ variables: { id: apiKey!.id } });
        return t('apiKey.revokedNotice', { name: apiKey!.name });
      }}
      onClose={onClose}
    />
  );
}
