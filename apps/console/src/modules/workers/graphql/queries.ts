import { graphql } from '../../../generated/gql/index.js';

export const WorkersListQuery = graphql(`
  query WorkersList($filter: WorkerFilter, $first: Int!, $after: String, $orderBy: WorkerOrder) {
    workers(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        fullName
        gender
        employmentStatus
        certificationStatus
        phone
        archivedAt
        homeArea {
          code
          name
        }
        activeAssignments {
          id
          isPrimary
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

export const WorkerDetailQuery = graphql(`
  query WorkerDetail($id: ID!) {
    worker(id: $id) {
      id
      fullName
      gender
      employmentStatus
      phone
      email
      maskedNationalIdNumber
      homeAreaCode
      homeArea {
        code
        name
      }
      certificationStatus
      archivedAt
      archiveReason
      version
      certifications {
        id
        kind
        level
        certificateNumber
        issuer
        issuedOn
        expiresOn
        testDate
      }
      assignments(includeEnded: true) {
        id
        startsOn
        endsOn
        endReason
        isPrimary
        isActive
        organisation {
          id
          name
          kind
        }
      }
      caseInvolvements {
        id
        isLead
        startsOn
        endsOn
        role {
          code
          labelId
          labelEn
        }
        case {
          id
          reference
          status
          openedOn
          pmksCategory {
            code
            labelId
            labelEn
          }
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);
