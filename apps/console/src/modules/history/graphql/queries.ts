import { graphql } from '../../../generated/gql/index.js';

/**
 * What the console shows of a change in words, in record timelines and in the audit log (access module): one
 * selection, so both read the same fields and `describeEvent` takes either. Operations spread it by name; the
 * generated documents carry it, so it needs no binding of its own.
 */
graphql(`
  fragment HistoryEventFields on HistoryEvent {
    actorName
    actorRole
    record {
      table
      id
      name
    }
    related {
      table
      id
      name
      column
    }
    changes {
      field
      before
      after
      personal
    }
  }
`);

export const RecordHistoryQuery = graphql(`
  query RecordHistory($id: ID!, $first: Int, $after: String) {
    recordHistory(id: $id, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        recordedAt
        action
        operation
        ...HistoryEventFields
      }
    }
  }
`);
