import { graphql } from '../../../generated/gql/index.js';

export const CasesListQuery = graphql(`
  query CasesList($filter: CaseFilter, $first: Int!, $after: String, $orderBy: CaseOrder) {
    cases(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        reference
        status
        openedOn
        closedOn
        pmksCategory {
          code
          labelId
          labelEn
        }
        organisation {
          id
          name
        }
        involvements {
          id
          isLead
          endsOn
          worker {
            id
            fullName
          }
          role {
            code
            labelId
            labelEn
          }
        }
      }
    }
  }
`);

export const CaseDetailQuery = graphql(`
  query CaseDetail($id: ID!) {
    case(id: $id) {
      id
      reference
      status
      openedOn
      closedOn
      closingNote
      summary
      version
      viewerCanManage
      organisationId
      pmksCategoryCode
      organisation {
        id
        name
      }
      pmksCategory {
        code
        labelId
        labelEn
      }
      involvements {
        id
        isLead
        startsOn
        endsOn
        role {
          code
          labelId
          labelEn
        }
        worker {
          id
          fullName
          certificationStatus
        }
      }
    }
  }
`);

export const PmksCategoriesQuery = graphql(`
  query PmksCategories {
    pmksCategories {
      code
      labelId
      labelEn
    }
  }
`);

export const WorkerOptionsQuery = graphql(`
  query WorkerOptions {
    workers(first: 100, orderBy: { field: FULL_NAME, direction: ASC }) {
      nodes {
        id
        fullName
        certificationStatus
      }
    }
  }
`);
