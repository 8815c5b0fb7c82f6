import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { useI18n } from '../i18n/locale.js';
import { PAGE_SIZES, type ListState } from '../lib/list-state.js';

/** Forward paging with cursors; the page and its size live in the URL. */
export function ListPagination({
  list,
  totalCount,
  shown,
  pageInfo,
}: {
  list: ListState;
  totalCount: number;
  shown: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}) {
  const { t, formatNumber } = useI18n();
  const from = totalCount === 0 ? 0 : (list.pageNumber - 1) * list.pageSize + 1;
  const to = from === 0 ? 0 : from + shown - 1;
  return (
    <Group justify="space-between" mt="md" gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed" data-testid="page-status">
        {t('common.pageOf', {
          page: formatNumber(list.pageNumber),
          from: formatNumber(from),
          to: formatNumber(to),
          total: formatNumber(totalCount),
        })}
      </Text>
      <Group gap="xs">
        <NativeSelect
          size="xs"
          aria-label={t('common.perPage')}
          value={String(list.pageSize)}
          data={PAGE_SIZES.map((size) => String(size))}
          onChange={(event) => list.set({ size: event.currentTarget.value })}
        />
        <Button size="xs" variant="default" disabled={list.pageNumber <= 1} onClick={list.previousPage}>
          {t('common.previous')}
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={!pageInfo.hasNextPage || !pageInfo.endCursor}
          onClick={() => pageInfo.endCursor && list.nextPage(pageInfo.endCursor)}
        >
          {t('common.next')}
        </Button>
      </Group>
    </Group>
  );
}
