import { Anchor, Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../i18n/locale.js';
import { actorRoleKey, changedFieldList, dayOf, describeEvent, type HistoryEventLike, type SentencePart } from '../lib/describe-event.js';

/** Fills a message's {placeholders} with parts that may be links. */
function fill(template: string, parts: Record<string, ReactNode>): ReactNode[] {
  return template.split(/(\{\w+\})/g).map((piece, index) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    return <Fragment key={index}>{name && name in parts ? parts[name] : piece}</Fragment>;
  });
}

/**
 * One change in words, in the reader's language: "Sri ditempatkan di LKS Harapan mulai 3 Des 2026 oleh koordinator
 * Siti, 3 Des 2026", with the records' names linking to their pages.
 */
export function EventSentence({ event, withDay = true }: { event: HistoryEventLike; withDay?: boolean }) {
  const { t, label, formatDate } = useI18n();
  const sentence = describeEvent(event);
  const render = (part: SentencePart): ReactNode => {
    switch (part.kind) {
      case 'text':
        return part.text;
      case 'date':
        return formatDate(part.date);
      case 'label':
        return label(part.label);
      case 'message':
        return t(part.key);
      case 'fields':
        return changedFieldList(event, t);
      case 'record':
        return part.to ? (
          <Anchor component={Link} to={part.to} fw={600} inherit>
            {part.name}
          </Anchor>
        ) : (
          <Text span fw={600} inherit>
            {part.name}
          </Text>
        );
    }
  };
  const parts = Object.fromEntries(Object.entries(sentence.parts).map(([name, part]) => [name, render(part)]));
  const roleKey = actorRoleKey(event.actorRole);
  const by = fill(t('history.by'), { role: roleKey ? t(roleKey) : '', name: event.actorName });
  return (
    <Text size="sm" component="span" data-testid="event-sentence">
      {fill(t(sentence.key), parts)} {by}
      {withDay && `, ${formatDate(dayOf(event.recordedAt))}`}
    </Text>
  );
}
