import { graphql } from '../../../generated/gql/index.js';

/**
 * The header's search: the first few workers, organisations and cases a text finds, in one request. Each list's
 * `search` matches names, codes, and the kecamatan or kelurahan (the server's rule, one per module), under the
 * same access rules and limits as the lists themselves.
 */
export const HeaderSearchQuery = graphql(`
  query HeaderSearch($search: String!, $first: Int!) {
    workers(filter: { search: $search }, first: $first) {
      totalCount
      nodes {
        id
        fullName
        activeAssignments {
          id
          organisation {
            id
            name
          }
        }
      }
    }
    organisations(filter: { search: $search }, first: $first) {
      totalCount
      nodes {
        id
        name
        code
        area {
          code
          name
        }
      }
    }
    cases(filter: { search: $search }, first: $first) {
      totalCount
      nodes {
        id
        reference
        organisation {
          id
          name
        }
      }
    }
  }
`);
