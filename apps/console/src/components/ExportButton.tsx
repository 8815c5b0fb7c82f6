import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../i18n/locale.js';
import { downloadCsv } from '../lib/csv.js';
import { errorMessage, parseError } from '../lib/errors.js';

/** Exports the current list, with its filters, as CSV; `build` fetches every page and returns the file's text. */
export function ExportButton({ fileName, build }: { fileName: string; build: () => Promise<{ csv: string; rows: number }> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="default"
      leftSection={<IconDownload size={16} />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const { csv, rows } = await build();
          downloadCsv(fileName, csv);
          notifications.show({ message: t('common.exportDone', { count: rows }), color: 'teal' });
        } catch (error) {
          const { key, values } = errorMessage(parseError(error));
          notifications.show({ title: t('error.title'), message: t(key, values), color: 'red' });
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? t('common.exporting') : t('common.exportCsv')}
    </Button>
  );
}
