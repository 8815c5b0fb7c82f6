import { graphql } from '../../../generated/gql/index.js';

export const PlacementRequestsQuery = graphql(`
  query PlacementRequests($status: PlacementRequestStatus, $areaCode: String, $organisationAreaCode: String) {
    placementRequests(status: $status, areaCode: $areaCode, organisationAreaCode: $organisationAreaCode) {
      id
      status
      startsOn
      isPrimary
      note
      requestedBy
      createdAt
      decidedBy
      declineReason
      viewerCanAnswer
      viewerCanWithdraw
      worker {
        id
        fullName
      }
      organisation {
        id
        name
      }
    }
  }
`);
