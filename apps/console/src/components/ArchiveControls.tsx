import { Alert, Button } from '@mantine/core';
import { IconArchive, IconPencil } from '@tabler/icons-react';
import { useI18n } from '../i18n/locale.js';
import { useAccess } from '../modules/access/lib/access.js';

/** The edit and archive buttons of a record's page header (organisations, workers); none for a read-only role. */
export function EditArchiveButtons({ onEdit, onArchive }: { onEdit: () => void; onArchive: () => void }) {
  const { t } = useI18n();
  const { canEdit } = useAccess();
  if (!canEdit) return null;
  return (
    <>
      <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Button variant="outline" color="red" leftSection={<IconArchive size={16} />} onClick={onArchive}>
        {t('common.archive')}
      </Button>
    </>
  );
}

/** Why and when an archived record was archived. */
export function ArchivedNotice({ reason, archivedAt }: { reason: string | null | undefined; archivedAt: string | null | undefined }) {
  const { t, formatDateTime } = useI18n();
  return (
    <Alert color="gray" mb="md">
      {/* The reason is personal data for a worker: a viewer sees only that and when. */}
      {reason ? t('common.archivedBecause', { reason }) : t('common.archived')} · {formatDateTime(archivedAt)}
    </Alert>
  );
}
