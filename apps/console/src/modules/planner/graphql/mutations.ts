import { graphql } from '../../../generated/gql/index.js';

/** Makes the chosen rows of a plan, all in one transaction or none. */
export const AcceptCoveragePlanMutation = graphql(`
  mutation AcceptCoveragePlan($input: AcceptCoveragePlanInput!) {
    acceptCoveragePlan(input: $input) {
      id
      organisationId
      workerId
    }
  }
`);
