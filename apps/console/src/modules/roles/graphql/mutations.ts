import { graphql } from '../../../generated/gql/index.js';

export const CreateRoleMutation = graphql(`
  mutation CreateRole($input: CreateProfessionalRoleInput!) {
    createProfessionalRole(input: $input) {
      code
      labelId
      labelEn
    }
  }
`);
