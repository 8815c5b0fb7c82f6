import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label/value pairs of a record, two columns on wider screens. */
export function DefinitionList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
      {items.map((item) => (
        <Stack gap={0} key={item.label}>
          <Text component="dt" size="xs" c="dimmed" fw={600}>
            {item.label}
          </Text>
          <Text component="dd" m={0} size="sm">
            {item.value ?? '—'}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
