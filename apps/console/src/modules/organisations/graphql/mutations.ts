import { graphql } from '../../../generated/gql/index.js';

export const CreateOrganisationMutation = graphql(`
  mutation CreateOrganisation($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      name
    }
  }
`);

export const UpdateOrganisationMutation = graphql(`
  mutation UpdateOrganisation($id: ID!, $input: UpdateOrganisationInput!) {
    updateOrganisation(id: $id, input: $input) {
      id
      name
      version
    }
  }
`);

export const ArchiveOrganisationMutation = graphql(`
  mutation ArchiveOrganisation($id: ID!, $reason: String!) {
    archiveOrganisation(id: $id, reason: $reason) {
      id
      archivedAt
      archiveReason
    }
  }
`);
