import { graphql } from '../../../generated/gql/index.js';

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
    }
  }
`);
