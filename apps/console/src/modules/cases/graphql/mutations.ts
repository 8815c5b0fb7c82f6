import { graphql } from '../../../generated/gql/index.js';

export const OpenCaseMutation = graphql(`
  mutation OpenCase($input: OpenCaseInput!) {
    openCase(input: $input) {
      id
      reference
    }
  }
`);

export const UpdateCaseMutation = graphql(`
  mutation UpdateCase($id: ID!, $input: UpdateCaseInput!) {
    updateCase(id: $id, input: $input) {
      id
      version
    }
  }
`);

export const CloseCaseMutation = graphql(`
  mutation CloseCase($id: ID!, $closedOn: LocalDate!, $closingNote: String) {
    closeCase(id: $id, closedOn: $closedOn, closingNote: $closingNote) {
      id
      status
      closedOn
    }
  }
`);

export const InvolveWorkerMutation = graphql(`
  mutation InvolveWorker($input: InvolveWorkerInput!) {
    involveWorker(input: $input) {
      id
    }
  }
`);

export const EndInvolvementMutation = graphql(`
  mutation EndInvolvement($id: ID!, $endsOn: LocalDate!) {
    endInvolvement(id: $id, endsOn: $endsOn) {
      id
      endsOn
    }
  }
`);
