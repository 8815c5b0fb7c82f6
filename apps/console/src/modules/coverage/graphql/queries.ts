import { graphql } from '../../../generated/gql/index.js';

/** The organisations lacking a (certified) worker, sorted and paged by the server. */
export const CoverageGapsQuery = graphql(`
  query CoverageGaps(
    $filter: CoverageGapFilter!
    $first: Int!
    $after: String
    $orderBy: OrganisationOrder
    $asOf: LocalDate
  ) {
    organisationsLackingWorker(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        kind
        areaCode
        viewerCanManage
        area {
          code
          name
          level
          parent {
            code
            name
          }
        }
        activeWorkers(asOf: $asOf) {
          id
          fullName
          certificationStatus(asOf: $asOf)
        }
      }
    }
  }
`);

/** The counts at the top of the coverage page, for the chosen area and date. */
export const CoverageSummaryQuery = graphql(`
  query CoverageSummary($areaCode: String!, $asOf: LocalDate) {
    workforceSummary(areaCode: $areaCode, asOf: $asOf) {
      asOf
      area {
        code
        name
      }
      organisationsNeedingWorker
      organisationsLackingWorker
      organisationsLackingCertifiedWorker
    }
  }
`);

/** Workers to choose from when assigning one to an organisation. */
export const AssignCandidatesQuery = graphql(`
  query AssignCandidates($search: String) {
    workers(first: 100, filter: { search: $search }, orderBy: { field: FULL_NAME, direction: ASC }) {
      totalCount
      nodes {
        id
        fullName
        certificationStatus
        viewerCanManage
        homeAreaCode
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
            areaCode
          }
        }
      }
    }
  }
`);
