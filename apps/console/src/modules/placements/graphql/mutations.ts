import { graphql } from '../../../generated/gql/index.js';

export const AcceptPlacementRequestMutation = graphql(`
  mutation AcceptPlacementRequest($id: ID!) {
    acceptPlacementRequest(id: $id) {
      id
      status
      decidedBy
      viewerCanAnswer
    }
  }
`);

export const DeclinePlacementRequestMutation = graphql(`
  mutation DeclinePlacementRequest($id: ID!, $reason: String!) {
    declinePlacementRequest(id: $id, reason: $reason) {
      id
      status
      declineReason
      decidedBy
      viewerCanAnswer
    }
  }
`);

export const WithdrawPlacementRequestMutation = graphql(`
  mutation WithdrawPlacementRequest($id: ID!) {
    withdrawPlacementRequest(id: $id) {
      id
      status
      decidedBy
      viewerCanAnswer
      viewerCanWithdraw
    }
  }
`);
