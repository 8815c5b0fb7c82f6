import { graphql } from '../../../generated/gql/index.js';

export const OrganisationsListQuery = graphql(`
  query OrganisationsList($filter: OrganisationFilter, $first: Int!, $after: String, $orderBy: OrganisationOrder) {
    organisations(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        code
        kind
        areaCode
        shouldHaveWorker
        archivedAt
        area {
          code
          name
        }
        activeWorkers {
          id
          fullName
          certificationStatus
        }
      }
    }
  }
`);

export const OrganisationDetailQuery = graphql(`
  query OrganisationDetail($id: ID!) {
    organisation(id: $id) {
      id
      viewerCanManage
      name
      code
      kind
      address
      areaCode
      area {
        code
        name
      }
      parentId
      parent {
        id
        name
      }
      shouldHaveWorker
      accreditationGrade
      accreditationExpiresOn
      archivedAt
      archiveReason
      version
      activeWorkers {
        id
        fullName
        certificationStatus
      }
      assignments(includeEnded: true, first: 50) {
        totalCount
        nodes {
          id
          startsOn
          endsOn
          endReason
          isPrimary
          isActive
          worker {
            id
            fullName
          }
        }
      }
      cases(first: 50) {
        totalCount
        nodes {
          id
          reference
          status
          openedOn
          pmksCategory {
            code
            labelId
            labelEn
          }
        }
      }
    }
  }
`);

/** Organisations to choose from (a parent organisation, a case's handling organisation). */
export const OrganisationOptionsQuery = graphql(`
  query OrganisationOptions {
    organisations(first: 100, orderBy: { field: NAME, direction: ASC }) {
      nodes {
        id
        name
        areaCode
      }
    }
  }
`);
