import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useI18n } from '../i18n/locale.js';
import { useAccess } from '../modules/access/lib/access.js';

/** Shown instead of a page the signed-in role may not open (the server would refuse its operations anyway). */
export function NoAccess() {
  const { t } = useI18n();
  const { role } = useAccess();
  return (
    <Alert color="orange" icon={<IconLock size={18} />} title={t('auth.noAccessTitle')} my="md" data-testid="no-access">
      {t('auth.noAccess', { role: t(`access.role.${role}`) })}
    </Alert>
  );
}
