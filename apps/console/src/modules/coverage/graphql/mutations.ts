import { graphql } from '../../../generated/gql/index.js';

export const AssignWorkerMutation = graphql(`
  mutation AssignWorker($input: AssignWorkerInput!) {
    assignWorker(input: $input) {
      id
      startsOn
      isPrimary
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

export const RequestPlacementMutation = graphql(`
  mutation RequestPlacement($input: RequestPlacementInput!) {
    requestPlacement(input: $input) {
      id
      status
    }
  }
`);
