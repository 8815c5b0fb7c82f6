import { Alert, Button, FileInput, Group, Modal, Paper, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconFileTypeXls,
  IconInfoCircle,
  IconUpload,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { useI18n } from '../../../i18n/locale.js';
import { IMPORT_KINDS, type FileFormat, type ImportKind, type ImportReport } from '@peksos/types';
import { describeTransferError, MAX_UPLOAD_MIB } from '../../../lib/transfer.js';
import { applyState } from '../lib/report-rows.js';
import { ImportReportView } from './ImportReportView.js';

const LIST_OF_KIND: Record<ImportKind, string> = { organisations: '/organisations', workers: '/workers', assignments: '/workers' };

/** A failed upload or download, in the console's language, with the server's own words when they help. */
export function TransferErrorAlert({ error }: { error: unknown }) {
  const { t, label } = useI18n();
  const { key, values, detail } = describeTransferError(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('error.title')} role="alert" data-testid="transfer-error">
      <Stack gap={4}>
        <Text size="sm">{t(key, values)}</Text>
        {detail && (
          <Text size="sm" c="dimmed" style={{ wordBreak: 'break-word' }}>
            {t('transfer.error.detail', { message: label(detail) })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

function Step({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

export interface CheckedFile {
  report: ImportReport;
  fileName: string;
}

/**
 * The import page: choose what to import (with the order to do it in and the templates), pick a file, check it
 * (a dry run), review every row, then apply the whole file or nothing.
 */
export function ImportPage({
  kind,
  onKindChange,
  file,
  onFileChange,
  onCheck,
  checking,
  checked,
  checkError,
  applyError,
  onDownloadTemplate,
  downloadingTemplate,
  onApply,
  applying,
  onStartOver,
}: {
  kind: ImportKind;
  onKindChange(kind: ImportKind): void;
  file: File | null;
  onFileChange(file: File | null): void;
  onCheck(): void;
  checking: boolean;
  checked: CheckedFile | null;
  /** Why the file could not be checked (or sent at all). */
  checkError: unknown;
  /** Why applying failed before any report came back (the file changed, the server failed, …). */
  applyError: unknown;
  onDownloadTemplate(format: FileFormat): void;
  downloadingTemplate: FileFormat | null;
  onApply(): Promise<void>;
  applying: boolean;
  onStartOver(): void;
}) {
  const { t, formatNumber } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const report = checked?.report ?? null;
  const kindName = t(`import.kind.${kind}`);

  let actions: ReactNode = null;
  if (report && checked && report.dryRun) {
    const state = applyState(report);
    const reason = state === 'ready' ? 'import.applyReady' : state === 'blocked' ? 'import.applyBlocked' : 'import.nothingToApply';
    actions = (
      <Paper
        withBorder
        p="sm"
        bg={state === 'blocked' ? 'red.0' : state === 'ready' ? 'teal.0' : undefined}
        data-testid="apply-bar"
        data-state={state}
      >
        <Group justify="space-between" gap="sm" wrap="wrap" align="center">
          <Text size="sm" id="apply-reason" c={state === 'blocked' ? 'red.9' : undefined} style={{ flex: '1 1 260px' }}>
            {t(reason, { create: formatNumber(report.summary.create), update: formatNumber(report.summary.update) })}
          </Text>
          <Button
            disabled={state !== 'ready'}
            aria-describedby="apply-reason"
            onClick={() => setConfirming(true)}
            leftSection={<IconCircleCheck size={16} />}
            style={{ flexShrink: 0 }}
          >
            {t('import.apply')}
          </Button>
        </Group>
      </Paper>
    );
  } else if (report && report.applied) {
    actions = (
      <Alert color="teal" icon={<IconCircleCheck size={18} />} title={t('import.appliedTitle')} data-testid="import-applied">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            {t('import.applied', {
              create: formatNumber(report.summary.create),
              update: formatNumber(report.summary.update),
              unchanged: formatNumber(report.summary.unchanged),
            })}
          </Text>
          <Group gap="xs">
            <Button component={Link} to={LIST_OF_KIND[report.kind]} size="xs" variant="light">
              {t(`import.seeList.${report.kind}`)}
            </Button>
            <Button size="xs" variant="default" onClick={onStartOver}>
              {t('import.another')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  } else if (report) {
    actions = (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('import.refusedOnApplyTitle')} role="alert" data-testid="import-refused">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('import.refusedOnApply', { count: formatNumber(report.summary.error) })}</Text>
          <Button size="xs" variant="light" color="red" onClick={onCheck} disabled={!file}>
            {t('import.checkAgain')}
          </Button>
        </Stack>
      </Alert>
    );
  }

  return (
    <>
      <PageHeader title={t('import.title')} lead={t('import.lead')} />
      <Stack gap="md">
        <Step title={t('import.step.kind')}>
          <Radio.Group value={kind} onChange={(value) => onKindChange(value as ImportKind)} aria-label={t('import.step.kind')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              {IMPORT_KINDS.map((value, index) => (
                <Radio.Card key={value} value={value} p="sm" radius="md" data-testid={`kind-${value}`}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator mt={2} />
                    <div>
                      <Text fw={600}>
                        {index + 1}. {t(`import.kind.${value}`)}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {t(`import.kindHint.${value}`)}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </SimpleGrid>
          </Radio.Group>
          <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} title={t('import.orderTitle')} mt="sm" py="xs">
            {t('import.order')}
          </Alert>
          <Stack gap={6} mt="md">
            <Text fw={600} size="sm">
              {t('import.templates', { kind: kindName.toLowerCase() })}
            </Text>
            <Group gap="xs">
              <Button
                variant="default"
                size="sm"
                leftSection={<IconFileTypeCsv size={16} />}
                loading={downloadingTemplate === 'csv'}
                onClick={() => onDownloadTemplate('csv')}
                data-testid="template-csv"
              >
                {t('import.templateCsv')}
              </Button>
              <Button
                variant="default"
                size="sm"
                leftSection={<IconFileTypeXls size={16} />}
                loading={downloadingTemplate === 'xlsx'}
                onClick={() => onDownloadTemplate('xlsx')}
                data-testid="template-xlsx"
              >
                {t('import.templateXlsx')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed">
              {t('import.templatesHint')}
            </Text>
          </Stack>
        </Step>

        <Step title={t('import.step.file')}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              onCheck();
            }}
          >
            <Group align="flex-end" gap="sm" wrap="wrap">
              <FileInput
                label={t('import.file')}
                description={t('import.fileHint', { max: MAX_UPLOAD_MIB })}
                placeholder={t('import.filePlaceholder')}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                leftSection={<IconFileSpreadsheet size={16} />}
                value={file}
                onChange={onFileChange}
                clearable
                style={{ flex: '1 1 320px' }}
                data-testid="import-file"
              />
              <Button type="submit" leftSection={<IconUpload size={16} />} loading={checking} disabled={!file || applying}>
                {checked && file && checked.fileName === file.name ? t('import.checkAgain') : t('import.check')}
              </Button>
            </Group>
          </form>
          {checking && (
            <Text size="sm" c="dimmed" mt="xs" role="status">
              {t('import.checking')}
            </Text>
          )}
          {checkError ? (
            <Stack mt="sm">
              <TransferErrorAlert error={checkError} />
            </Stack>
          ) : null}
        </Step>

        {checked && report && (
          <Step title={t(report.dryRun ? 'import.step.preview' : 'import.step.applied')}>
            <ImportReportView
              key={`${report.sha256}-${report.dryRun}`}
              report={report}
              fileName={checked.fileName}
              actions={
                <>
                  {applyError ? <TransferErrorAlert error={applyError} /> : null}
                  {actions}
                </>
              }
            />
          </Step>
        )}
      </Stack>

      <Modal opened={confirming && !!report} onClose={() => setConfirming(false)} title={t('import.confirmTitle')}>
        {report && checked && (
          <Stack>
            <Text size="sm">
              {t('import.confirmText', {
                file: checked.fileName,
                create: formatNumber(report.summary.create),
                update: formatNumber(report.summary.update),
              })}
            </Text>
            {applying && (
              <Text size="sm" c="dimmed" role="status">
                {t('import.applying')}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)} disabled={applying}>
                {t('common.cancel')}
              </Button>
              <Button
                loading={applying}
                onClick={async () => {
                  await onApply();
                  setConfirming(false);
                }}
                data-autofocus
              >
                {t('import.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
