import { Group, LoadingOverlay, Paper, SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ListState } from '../lib/list-state.js';
import { PageHeader } from './PageHeader.js';
import { ListPagination } from './Pagination.js';
import { EmptyState, ErrorState, LoadingState } from './QueryStates.js';

export interface ConnectionLike {
  totalCount: number;
  nodes: readonly unknown[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The frame every list page shares: header, filters, the table, its loading/empty/error states, paging. */
export function ListFrame({
  title,
  lead,
  actions,
  filters,
  toolbar,
  list,
  connection,
  loading,
  error,
  onRetry,
  emptyText,
  children,
}: {
  title: string;
  lead?: string;
  actions?: ReactNode;
  filters: ReactNode;
  toolbar?: ReactNode;
  list: ListState;
  connection: ConnectionLike | null;
  loading: boolean;
  error?: unknown;
  onRetry(): void;
  emptyText: string;
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} lead={lead} actions={actions} />
      <Paper withBorder p="md" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          {filters}
        </SimpleGrid>
        {toolbar && (
          <Group justify="space-between" mt="md" gap="sm" wrap="wrap" align="flex-end">
            {toolbar}
          </Group>
        )}
      </Paper>
      {error && !connection ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : !connection ? (
        <LoadingState />
      ) : connection.nodes.length === 0 ? (
        <EmptyState>{emptyText}</EmptyState>
      ) : (
        <>
          {error ? <ErrorState error={error} onRetry={onRetry} /> : null}
          <Paper withBorder pos="relative">
            <LoadingOverlay visible={loading} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
            {children}
          </Paper>
          <ListPagination list={list} totalCount={connection.totalCount} shown={connection.nodes.length} pageInfo={connection.pageInfo} />
        </>
      )}
    </>
  );
}
