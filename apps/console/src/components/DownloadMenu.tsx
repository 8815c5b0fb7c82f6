import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileTypeCsv, IconFileTypeXls, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import type { ExportList, FileFormat } from '@peksos/types';
import { useI18n } from '../i18n/locale.js';
import { describeTransferError, downloadFile, exportPath, reportPath, type ExportFilters } from '../lib/transfer.js';

/**
 * Downloads a list as the server exports it (CSV or XLSX, the import's columns first, so the file can be edited and
 * imported again), with the filters on screen; optionally the printable one-page summary of an area.
 */
export function DownloadMenu({
  list,
  filters,
  printable,
  nikMasked,
}: {
  list: ExportList;
  filters: ExportFilters;
  /** The area (and date) of the printable summary, when the page offers it. */
  printable?: { areaCode: string; asOf?: string | null };
  /** Says that national ID numbers come masked (the worker and assignment exports). */
  nikMasked?: boolean;
}) {
  const { t, label, locale } = useI18n();
  const [busy, setBusy] = useState<FileFormat | null>(null);

  const download = async (format: FileFormat) => {
    setBusy(format);
    try {
      const { fileName } = await downloadFile(exportPath(list, format, filters, locale), `peksos-${list}.${format}`);
      notifications.show({ message: t('export.done', { file: fileName }), color: 'teal' });
    } catch (error) {
      const { key, values, detail } = describeTransferError(error);
      notifications.show({
        title: t('error.title'),
        message: detail ? `${t(key, values)} ${t('transfer.error.detail', { message: label(detail) })}` : t(key, values),
        color: 'red',
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Menu position="bottom-end" shadow="md" width={260}>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy !== null}
          data-testid="download-menu"
        >
          {busy ? t('export.downloading') : t('export.download')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('export.withFilters')}</Menu.Label>
        <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => void download('csv')} data-testid="download-csv">
          {t('export.csv')}
        </Menu.Item>
        <Menu.Item leftSection={<IconFileTypeXls size={16} />} onClick={() => void download('xlsx')} data-testid="download-xlsx">
          {t('export.xlsx')}
        </Menu.Item>
        {nikMasked && (
          <Text size="xs" c="dimmed" px="sm" pb={4}>
            {t('export.nikMasked')}
          </Text>
        )}
        {printable && (
          <>
            <Menu.Divider />
            <Menu.Item
              component="a"
              href={reportPath(printable.areaCode, printable.asOf)}
              target="_blank"
              rel="noopener"
              leftSection={<IconPrinter size={16} />}
              data-testid="download-printable"
            >
              {t('export.printable')}
              <Text size="xs" c="dimmed">
                {t('export.printableHint')}
              </Text>
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
