import { graphql } from '../../../generated/gql/index.js';

export const NeedsActionQuery = graphql(`
  query NeedsAction($areaCode: String, $kinds: [String!], $first: Int, $after: String) {
    needsAction(areaCode: $areaCode, kinds: $kinds, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        dueOn
        areaCode
        workerId
        organisationId
        subjectName
        detail
      }
    }
    needsActionKinds {
      code
      labelId
      labelEn
    }
  }
`);

export const NeedsActionCountQuery = graphql(`
  query NeedsActionCount {
    needsActionCount
  }
`);
