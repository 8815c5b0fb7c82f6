import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../i18n/locale.js';
import { PageHeader } from './PageHeader.js';
import { EmptyState } from './QueryStates.js';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('common.notFoundTitle')} />
      <EmptyState
        action={
          <Anchor component={Link} to="/">
            {t('nav.coverage')}
          </Anchor>
        }
      >
        {t('common.notFound')}
      </EmptyState>
    </>
  );
}
