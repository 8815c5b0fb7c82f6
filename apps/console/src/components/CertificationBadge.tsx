import { Badge } from '@mantine/core';
import { CERTIFICATION_STATUS_LABELS, CertificationStatus } from '@peksos/types';
import { useI18n } from '../i18n/locale.js';

const COLORS: Record<CertificationStatus, string> = {
  [CertificationStatus.CERTIFIED]: 'teal',
  [CertificationStatus.SCHEDULED]: 'yellow',
  [CertificationStatus.NOT_TESTED]: 'gray',
  [CertificationStatus.EXPIRED]: 'red',
};

export function CertificationBadge({ status }: { status: `${CertificationStatus}` }) {
  const { label } = useI18n();
  const value = status as CertificationStatus;
  return (
    <Badge color={COLORS[value]} variant="light" size="sm" style={{ textTransform: 'none', flexShrink: 0 }}>
      {label(CERTIFICATION_STATUS_LABELS[value])}
    </Badge>
  );
}
